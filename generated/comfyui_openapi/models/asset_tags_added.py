from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AssetTagsAdded")


@_attrs_define
class AssetTagsAdded:
    """
    Attributes:
        added (list[str] | Unset):
        already_present (list[str] | Unset):
        total_tags (list[str] | Unset):
    """

    added: list[str] | Unset = UNSET
    already_present: list[str] | Unset = UNSET
    total_tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        added: list[str] | Unset = UNSET
        if not isinstance(self.added, Unset):
            added = self.added

        already_present: list[str] | Unset = UNSET
        if not isinstance(self.already_present, Unset):
            already_present = self.already_present

        total_tags: list[str] | Unset = UNSET
        if not isinstance(self.total_tags, Unset):
            total_tags = self.total_tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if added is not UNSET:
            field_dict["added"] = added
        if already_present is not UNSET:
            field_dict["already_present"] = already_present
        if total_tags is not UNSET:
            field_dict["total_tags"] = total_tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        added = cast(list[str], d.pop("added", UNSET))

        already_present = cast(list[str], d.pop("already_present", UNSET))

        total_tags = cast(list[str], d.pop("total_tags", UNSET))

        asset_tags_added = cls(
            added=added,
            already_present=already_present,
            total_tags=total_tags,
        )

        asset_tags_added.additional_properties = d
        return asset_tags_added

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
