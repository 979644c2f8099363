from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ws_progress_state_message_data_nodes import (
        WsProgressStateMessageDataNodes,
    )


T = TypeVar("T", bound="WsProgressStateMessageData")


@_attrs_define
class WsProgressStateMessageData:
    """
    Attributes:
        prompt_id (str | Unset):
        nodes (WsProgressStateMessageDataNodes | Unset):
    """

    prompt_id: str | Unset = UNSET
    nodes: WsProgressStateMessageDataNodes | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt_id = self.prompt_id

        nodes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.nodes, Unset):
            nodes = self.nodes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if prompt_id is not UNSET:
            field_dict["prompt_id"] = prompt_id
        if nodes is not UNSET:
            field_dict["nodes"] = nodes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ws_progress_state_message_data_nodes import (
            WsProgressStateMessageDataNodes,
        )

        d = dict(src_dict)
        prompt_id = d.pop("prompt_id", UNSET)

        _nodes = d.pop("nodes", UNSET)
        nodes: WsProgressStateMessageDataNodes | Unset
        if isinstance(_nodes, Unset):
            nodes = UNSET
        else:
            nodes = WsProgressStateMessageDataNodes.from_dict(_nodes)

        ws_progress_state_message_data = cls(
            prompt_id=prompt_id,
            nodes=nodes,
        )

        ws_progress_state_message_data.additional_properties = d
        return ws_progress_state_message_data

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
