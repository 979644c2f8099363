from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsExecutionCachedMessageData")


@_attrs_define
class WsExecutionCachedMessageData:
    """
    Attributes:
        nodes (list[str] | Unset):
        prompt_id (str | Unset):
        timestamp (int | Unset):
    """

    nodes: list[str] | Unset = UNSET
    prompt_id: str | Unset = UNSET
    timestamp: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        nodes: list[str] | Unset = UNSET
        if not isinstance(self.nodes, Unset):
            nodes = self.nodes

        prompt_id = self.prompt_id

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if nodes is not UNSET:
            field_dict["nodes"] = nodes
        if prompt_id is not UNSET:
            field_dict["prompt_id"] = prompt_id
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        nodes = cast(list[str], d.pop("nodes", UNSET))

        prompt_id = d.pop("prompt_id", UNSET)

        timestamp = d.pop("timestamp", UNSET)

        ws_execution_cached_message_data = cls(
            nodes=nodes,
            prompt_id=prompt_id,
            timestamp=timestamp,
        )

        ws_execution_cached_message_data.additional_properties = d
        return ws_execution_cached_message_data

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
