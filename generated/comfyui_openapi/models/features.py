from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Features")


@_attrs_define
class Features:
    """
    Attributes:
        supports_preview_metadata (bool | Unset):
        max_upload_size (float | Unset): An integer or a float (ComfyUI sends both for the same field).
    """

    supports_preview_metadata: bool | Unset = UNSET
    max_upload_size: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        supports_preview_metadata = self.supports_preview_metadata

        max_upload_size = self.max_upload_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if supports_preview_metadata is not UNSET:
            field_dict["supports_preview_metadata"] = supports_preview_metadata
        if max_upload_size is not UNSET:
            field_dict["max_upload_size"] = max_upload_size

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        supports_preview_metadata = d.pop("supports_preview_metadata", UNSET)

        max_upload_size = d.pop("max_upload_size", UNSET)

        features = cls(
            supports_preview_metadata=supports_preview_metadata,
            max_upload_size=max_upload_size,
        )

        features.additional_properties = d
        return features

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
