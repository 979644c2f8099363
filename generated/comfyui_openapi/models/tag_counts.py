from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.tag_counts_tag_counts import TagCountsTagCounts


T = TypeVar("T", bound="TagCounts")


@_attrs_define
class TagCounts:
    """
    Attributes:
        tag_counts (TagCountsTagCounts):
    """

    tag_counts: TagCountsTagCounts
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tag_counts = self.tag_counts.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tag_counts": tag_counts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.tag_counts_tag_counts import TagCountsTagCounts

        d = dict(src_dict)
        tag_counts = TagCountsTagCounts.from_dict(d.pop("tag_counts"))

        tag_counts = cls(
            tag_counts=tag_counts,
        )

        tag_counts.additional_properties = d
        return tag_counts

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
