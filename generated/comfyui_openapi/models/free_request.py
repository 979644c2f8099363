from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FreeRequest")


@_attrs_define
class FreeRequest:
    """
    Attributes:
        unload_models (bool | Unset):
        free_memory (bool | Unset):
    """

    unload_models: bool | Unset = UNSET
    free_memory: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        unload_models = self.unload_models

        free_memory = self.free_memory

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if unload_models is not UNSET:
            field_dict["unload_models"] = unload_models
        if free_memory is not UNSET:
            field_dict["free_memory"] = free_memory

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        unload_models = d.pop("unload_models", UNSET)

        free_memory = d.pop("free_memory", UNSET)

        free_request = cls(
            unload_models=unload_models,
            free_memory=free_memory,
        )

        free_request.additional_properties = d
        return free_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
