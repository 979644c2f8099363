from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsProgressMessageData")


@_attrs_define
class WsProgressMessageData:
    """
    Attributes:
        value (float | Unset):
        max_ (float | Unset):
        prompt_id (str | Unset):
        node (str | Unset):
    """

    value: float | Unset = UNSET
    max_: float | Unset = UNSET
    prompt_id: str | Unset = UNSET
    node: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        max_ = self.max_

        prompt_id = self.prompt_id

        node = self.node

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if value is not UNSET:
            field_dict["value"] = value
        if max_ is not UNSET:
            field_dict["max"] = max_
        if prompt_id is not UNSET:
            field_dict["prompt_id"] = prompt_id
        if node is not UNSET:
            field_dict["node"] = node

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        value = d.pop("value", UNSET)

        max_ = d.pop("max", UNSET)

        prompt_id = d.pop("prompt_id", UNSET)

        node = d.pop("node", UNSET)

        ws_progress_message_data = cls(
            value=value,
            max_=max_,
            prompt_id=prompt_id,
            node=node,
        )

        ws_progress_message_data.additional_properties = d
        return ws_progress_message_data

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
