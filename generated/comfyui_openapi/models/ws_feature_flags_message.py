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
    from ..models.features import Features


T = TypeVar("T", bound="WsFeatureFlagsMessage")


@_attrs_define
class WsFeatureFlagsMessage:
    """
    Attributes:
        type_ (Literal['feature_flags']):
        data (Features): Feature flags (`GET /features` and the WebSocket `feature_flags` reply); 0.3.64 sends only the
            first and `max_upload_size`.
    """

    type_: Literal["feature_flags"]
    data: Features
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
        from ..models.features import Features

        d = dict(src_dict)
        type_ = cast(Literal["feature_flags"], d.pop("type"))
        if type_ != "feature_flags":
            raise ValueError(f"type must match const 'feature_flags', got '{type_}'")

        data = Features.from_dict(d.pop("data"))

        ws_feature_flags_message = cls(
            type_=type_,
            data=data,
        )

        ws_feature_flags_message.additional_properties = d
        return ws_feature_flags_message

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
