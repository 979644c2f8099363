from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.device_info import DeviceInfo
    from ..models.system_info import SystemInfo


T = TypeVar("T", bound="SystemStats")


@_attrs_define
class SystemStats:
    """
    Attributes:
        system (SystemInfo):
        devices (list[DeviceInfo]):
    """

    system: SystemInfo
    devices: list[DeviceInfo]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        system = self.system.to_dict()

        devices = []
        for devices_item_data in self.devices:
            devices_item = devices_item_data.to_dict()
            devices.append(devices_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "system": system,
                "devices": devices,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.device_info import DeviceInfo
        from ..models.system_info import SystemInfo

        d = dict(src_dict)
        system = SystemInfo.from_dict(d.pop("system"))

        devices = []
        _devices = d.pop("devices")
        for devices_item_data in _devices:
            devices_item = DeviceInfo.from_dict(devices_item_data)

            devices.append(devices_item)

        system_stats = cls(
            system=system,
            devices=devices,
        )

        system_stats.additional_properties = d
        return system_stats

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
