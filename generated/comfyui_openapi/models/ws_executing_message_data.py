from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsExecutingMessageData")


@_attrs_define
class WsExecutingMessageData:
    """
    Attributes:
        node (None | str | Unset):
        display_node (str | Unset):
        prompt_id (str | Unset):
    """

    node: None | str | Unset = UNSET
    display_node: str | Unset = UNSET
    prompt_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        node: None | str | Unset
        if isinstance(self.node, Unset):
            node = UNSET
        else:
            node = self.node

        display_node = self.display_node

        prompt_id = self.prompt_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if node is not UNSET:
            field_dict["node"] = node
        if display_node is not UNSET:
            field_dict["display_node"] = display_node
        if prompt_id is not UNSET:
            field_dict["prompt_id"] = prompt_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_node(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        node = _parse_node(d.pop("node", UNSET))

        display_node = d.pop("display_node", UNSET)

        prompt_id = d.pop("prompt_id", UNSET)

        ws_executing_message_data = cls(
            node=node,
            display_node=display_node,
            prompt_id=prompt_id,
        )

        ws_executing_message_data.additional_properties = d
        return ws_executing_message_data

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
