from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelFile")


@_attrs_define
class ModelFile:
    """
    Attributes:
        name (str | Unset):
        path_index (int | Unset):
        modified (float | Unset):
        created (float | Unset):
        size (int | Unset):
    """

    name: str | Unset = UNSET
    path_index: int | Unset = UNSET
    modified: float | Unset = UNSET
    created: float | Unset = UNSET
    size: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        path_index = self.path_index

        modified = self.modified

        created = self.created

        size = self.size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if path_index is not UNSET:
            field_dict["pathIndex"] = path_index
        if modified is not UNSET:
            field_dict["modified"] = modified
        if created is not UNSET:
            field_dict["created"] = created
        if size is not UNSET:
            field_dict["size"] = size

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        path_index = d.pop("pathIndex", UNSET)

        modified = d.pop("modified", UNSET)

        created = d.pop("created", UNSET)

        size = d.pop("size", UNSET)

        model_file = cls(
            name=name,
            path_index=path_index,
            modified=modified,
            created=created,
            size=size,
        )

        model_file.additional_properties = d
        return model_file

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
