from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ws_status_message_data_status import WsStatusMessageDataStatus


T = TypeVar("T", bound="WsStatusMessageData")


@_attrs_define
class WsStatusMessageData:
    """
    Attributes:
        status (WsStatusMessageDataStatus | Unset):
        sid (str | Unset): Only in the first message after connecting.
    """

    status: WsStatusMessageDataStatus | Unset = UNSET
    sid: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.to_dict()

        sid = self.sid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if sid is not UNSET:
            field_dict["sid"] = sid

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ws_status_message_data_status import WsStatusMessageDataStatus

        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: WsStatusMessageDataStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = WsStatusMessageDataStatus.from_dict(_status)

        sid = d.pop("sid", UNSET)

        ws_status_message_data = cls(
            status=status,
            sid=sid,
        )

        ws_status_message_data.additional_properties = d
        return ws_status_message_data

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
