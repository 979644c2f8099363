from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsExecutionInterruptedMessageData")


@_attrs_define
class WsExecutionInterruptedMessageData:
    """
    Attributes:
        prompt_id (str | Unset):
        node_id (str | Unset):
        node_type (str | Unset):
        executed (list[str] | Unset):
        timestamp (int | Unset):
    """

    prompt_id: str | Unset = UNSET
    node_id: str | Unset = UNSET
    node_type: str | Unset = UNSET
    executed: list[str] | Unset = UNSET
    timestamp: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt_id = self.prompt_id

        node_id = self.node_id

        node_type = self.node_type

        executed: list[str] | Unset = UNSET
        if not isinstance(self.executed, Unset):
            executed = self.executed

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if prompt_id is not UNSET:
            field_dict["prompt_id"] = prompt_id
        if node_id is not UNSET:
            field_dict["node_id"] = node_id
        if node_type is not UNSET:
            field_dict["node_type"] = node_type
        if executed is not UNSET:
            field_dict["executed"] = executed
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt_id = d.pop("prompt_id", UNSET)

        node_id = d.pop("node_id", UNSET)

        node_type = d.pop("node_type", UNSET)

        executed = cast(list[str], d.pop("executed", UNSET))

        timestamp = d.pop("timestamp", UNSET)

        ws_execution_interrupted_message_data = cls(
            prompt_id=prompt_id,
            node_id=node_id,
            node_type=node_type,
            executed=executed,
            timestamp=timestamp,
        )

        ws_execution_interrupted_message_data.additional_properties = d
        return ws_execution_interrupted_message_data

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
