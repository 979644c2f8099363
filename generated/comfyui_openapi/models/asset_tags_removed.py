from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AssetTagsRemoved")


@_attrs_define
class AssetTagsRemoved:
    """
    Attributes:
        removed (list[str] | Unset):
        not_present (list[str] | Unset):
        total_tags (list[str] | Unset):
        protected (list[str] | Unset): Tags the server keeps (newer servers).
    """

    removed: list[str] | Unset = UNSET
    not_present: list[str] | Unset = UNSET
    total_tags: list[str] | Unset = UNSET
    protected: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        removed: list[str] | Unset = UNSET
        if not isinstance(self.removed, Unset):
            removed = self.removed

        not_present: list[str] | Unset = UNSET
        if not isinstance(self.not_present, Unset):
            not_present = self.not_present

        total_tags: list[str] | Unset = UNSET
        if not isinstance(self.total_tags, Unset):
            total_tags = self.total_tags

        protected: list[str] | Unset = UNSET
        if not isinstance(self.protected, Unset):
            protected = self.protected

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if removed is not UNSET:
            field_dict["removed"] = removed
        if not_present is not UNSET:
            field_dict["not_present"] = not_present
        if total_tags is not UNSET:
            field_dict["total_tags"] = total_tags
        if protected is not UNSET:
            field_dict["protected"] = protected

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        removed = cast(list[str], d.pop("removed", UNSET))

        not_present = cast(list[str], d.pop("not_present", UNSET))

        total_tags = cast(list[str], d.pop("total_tags", UNSET))

        protected = cast(list[str], d.pop("protected", UNSET))

        asset_tags_removed = cls(
            removed=removed,
            not_present=not_present,
            total_tags=total_tags,
            protected=protected,
        )

        asset_tags_removed.additional_properties = d
        return asset_tags_removed

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
