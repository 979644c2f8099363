from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PreviewEvent")


@_attrs_define
class PreviewEvent:
    """Payload of the `preview` event (throttled).

    Attributes:
        node_id (str):
        content_type (str):
        data_base64 (str):
    """

    node_id: str
    content_type: str
    data_base64: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        node_id = self.node_id

        content_type = self.content_type

        data_base64 = self.data_base64

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "node_id": node_id,
                "content_type": content_type,
                "data_base64": data_base64,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        node_id = d.pop("node_id")

        content_type = d.pop("content_type")

        data_base64 = d.pop("data_base64")

        preview_event = cls(
            node_id=node_id,
            content_type=content_type,
            data_base64=data_base64,
        )

        preview_event.additional_properties = d
        return preview_event

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
