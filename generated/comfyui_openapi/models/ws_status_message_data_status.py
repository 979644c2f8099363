from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exec_info import ExecInfo


T = TypeVar("T", bound="WsStatusMessageDataStatus")


@_attrs_define
class WsStatusMessageDataStatus:
    """
    Attributes:
        exec_info (ExecInfo | Unset):
    """

    exec_info: ExecInfo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exec_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.exec_info, Unset):
            exec_info = self.exec_info.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if exec_info is not UNSET:
            field_dict["exec_info"] = exec_info

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exec_info import ExecInfo

        d = dict(src_dict)
        _exec_info = d.pop("exec_info", UNSET)
        exec_info: ExecInfo | Unset
        if isinstance(_exec_info, Unset):
            exec_info = UNSET
        else:
            exec_info = ExecInfo.from_dict(_exec_info)

        ws_status_message_data_status = cls(
            exec_info=exec_info,
        )

        ws_status_message_data_status.additional_properties = d
        return ws_status_message_data_status

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
