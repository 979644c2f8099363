from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsAssetsSeedEnrichCompleteMessageData")


@_attrs_define
class WsAssetsSeedEnrichCompleteMessageData:
    """
    Attributes:
        roots (list[str] | Unset): Roots to scan (models, input, output).
        enriched (int | Unset):
    """

    roots: list[str] | Unset = UNSET
    enriched: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        roots: list[str] | Unset = UNSET
        if not isinstance(self.roots, Unset):
            roots = self.roots

        enriched = self.enriched

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if roots is not UNSET:
            field_dict["roots"] = roots
        if enriched is not UNSET:
            field_dict["enriched"] = enriched

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        roots = cast(list[str], d.pop("roots", UNSET))

        enriched = d.pop("enriched", UNSET)

        ws_assets_seed_enrich_complete_message_data = cls(
            roots=roots,
            enriched=enriched,
        )

        ws_assets_seed_enrich_complete_message_data.additional_properties = d
        return ws_assets_seed_enrich_complete_message_data

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
