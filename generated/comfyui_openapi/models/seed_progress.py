from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SeedProgress")


@_attrs_define
class SeedProgress:
    """
    Attributes:
        scanned (int | Unset):
        total (int | Unset):
        created (int | Unset):
        skipped (int | Unset):
    """

    scanned: int | Unset = UNSET
    total: int | Unset = UNSET
    created: int | Unset = UNSET
    skipped: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scanned = self.scanned

        total = self.total

        created = self.created

        skipped = self.skipped

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if scanned is not UNSET:
            field_dict["scanned"] = scanned
        if total is not UNSET:
            field_dict["total"] = total
        if created is not UNSET:
            field_dict["created"] = created
        if skipped is not UNSET:
            field_dict["skipped"] = skipped

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        scanned = d.pop("scanned", UNSET)

        total = d.pop("total", UNSET)

        created = d.pop("created", UNSET)

        skipped = d.pop("skipped", UNSET)

        seed_progress = cls(
            scanned=scanned,
            total=total,
            created=created,
            skipped=skipped,
        )

        seed_progress.additional_properties = d
        return seed_progress

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
