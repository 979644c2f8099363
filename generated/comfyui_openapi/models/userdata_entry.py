from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserdataEntry")


@_attrs_define
class UserdataEntry:
    """
    Attributes:
        name (str):
        path (str):
        type_ (str): file or directory.
        size (int | Unset):
        modified (float | Unset):
    """

    name: str
    path: str
    type_: str
    size: int | Unset = UNSET
    modified: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        path = self.path

        type_ = self.type_

        size = self.size

        modified = self.modified

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "path": path,
                "type": type_,
            }
        )
        if size is not UNSET:
            field_dict["size"] = size
        if modified is not UNSET:
            field_dict["modified"] = modified

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        path = d.pop("path")

        type_ = d.pop("type")

        size = d.pop("size", UNSET)

        modified = d.pop("modified", UNSET)

        userdata_entry = cls(
            name=name,
            path=path,
            type_=type_,
            size=size,
            modified=modified,
        )

        userdata_entry.additional_properties = d
        return userdata_entry

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
