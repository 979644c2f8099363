from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NodeReplacementInput")


@_attrs_define
class NodeReplacementInput:
    """`new_id` (dotted for dynamic inputs, e.g. `resize_type.multiplier`) takes the old input `old_id`, or the fixed
    `set_value`.

        Attributes:
            new_id (str):
            old_id (str | Unset):
            set_value (Any | Unset):
    """

    new_id: str
    old_id: str | Unset = UNSET
    set_value: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        new_id = self.new_id

        old_id = self.old_id

        set_value = self.set_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "new_id": new_id,
            }
        )
        if old_id is not UNSET:
            field_dict["old_id"] = old_id
        if set_value is not UNSET:
            field_dict["set_value"] = set_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        new_id = d.pop("new_id")

        old_id = d.pop("old_id", UNSET)

        set_value = d.pop("set_value", UNSET)

        node_replacement_input = cls(
            new_id=new_id,
            old_id=old_id,
            set_value=set_value,
        )

        node_replacement_input.additional_properties = d
        return node_replacement_input

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
