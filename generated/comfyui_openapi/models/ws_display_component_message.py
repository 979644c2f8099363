from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ws_display_component_message_data import WsDisplayComponentMessageData


T = TypeVar("T", bound="WsDisplayComponentMessage")


@_attrs_define
class WsDisplayComponentMessage:
    """Sent by some partner (API) nodes of 0.3.64; neither 0.8.0's code nor 0.33.0's sends it.

    Attributes:
        type_ (Literal['display_component']):
        data (WsDisplayComponentMessageData):
    """

    type_: Literal["display_component"]
    data: WsDisplayComponentMessageData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ws_display_component_message_data import (
            WsDisplayComponentMessageData,
        )

        d = dict(src_dict)
        type_ = cast(Literal["display_component"], d.pop("type"))
        if type_ != "display_component":
            raise ValueError(
                f"type must match const 'display_component', got '{type_}'"
            )

        data = WsDisplayComponentMessageData.from_dict(d.pop("data"))

        ws_display_component_message = cls(
            type_=type_,
            data=data,
        )

        ws_display_component_message.additional_properties = d
        return ws_display_component_message

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
