from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserdataFileInfo")


@_attrs_define
class UserdataFileInfo:
    """
    Attributes:
        path (str | Unset):
        size (int | Unset):
        modified (float | Unset):
        created (float | Unset):
    """

    path: str | Unset = UNSET
    size: int | Unset = UNSET
    modified: float | Unset = UNSET
    created: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        size = self.size

        modified = self.modified

        created = self.created

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if path is not UNSET:
            field_dict["path"] = path
        if size is not UNSET:
            field_dict["size"] = size
        if modified is not UNSET:
            field_dict["modified"] = modified
        if created is not UNSET:
            field_dict["created"] = created

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        path = d.pop("path", UNSET)

        size = d.pop("size", UNSET)

        modified = d.pop("modified", UNSET)

        created = d.pop("created", UNSET)

        userdata_file_info = cls(
            path=path,
            size=size,
            modified=modified,
            created=created,
        )

        userdata_file_info.additional_properties = d
        return userdata_file_info

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
