from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ws_display_component_message_data_props import (
        WsDisplayComponentMessageDataProps,
    )


T = TypeVar("T", bound="WsDisplayComponentMessageData")


@_attrs_define
class WsDisplayComponentMessageData:
    """
    Attributes:
        node_id (str | Unset):
        component (str | Unset):
        props (WsDisplayComponentMessageDataProps | Unset):
    """

    node_id: str | Unset = UNSET
    component: str | Unset = UNSET
    props: WsDisplayComponentMessageDataProps | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        node_id = self.node_id

        component = self.component

        props: dict[str, Any] | Unset = UNSET
        if not isinstance(self.props, Unset):
            props = self.props.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if node_id is not UNSET:
            field_dict["node_id"] = node_id
        if component is not UNSET:
            field_dict["component"] = component
        if props is not UNSET:
            field_dict["props"] = props

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ws_display_component_message_data_props import (
            WsDisplayComponentMessageDataProps,
        )

        d = dict(src_dict)
        node_id = d.pop("node_id", UNSET)

        component = d.pop("component", UNSET)

        _props = d.pop("props", UNSET)
        props: WsDisplayComponentMessageDataProps | Unset
        if isinstance(_props, Unset):
            props = UNSET
        else:
            props = WsDisplayComponentMessageDataProps.from_dict(_props)

        ws_display_component_message_data = cls(
            node_id=node_id,
            component=component,
            props=props,
        )

        ws_display_component_message_data.additional_properties = d
        return ws_display_component_message_data

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
