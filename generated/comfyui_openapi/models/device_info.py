from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DeviceInfo")


@_attrs_define
class DeviceInfo:
    """
    Attributes:
        name (str | Unset):
        type_ (str | Unset):
        index (int | None | Unset):
        vram_total (int | Unset):
        vram_free (int | Unset):
        torch_vram_total (int | Unset):
        torch_vram_free (int | Unset):
    """

    name: str | Unset = UNSET
    type_: str | Unset = UNSET
    index: int | None | Unset = UNSET
    vram_total: int | Unset = UNSET
    vram_free: int | Unset = UNSET
    torch_vram_total: int | Unset = UNSET
    torch_vram_free: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_

        index: int | None | Unset
        if isinstance(self.index, Unset):
            index = UNSET
        else:
            index = self.index

        vram_total = self.vram_total

        vram_free = self.vram_free

        torch_vram_total = self.torch_vram_total

        torch_vram_free = self.torch_vram_free

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if type_ is not UNSET:
            field_dict["type"] = type_
        if index is not UNSET:
            field_dict["index"] = index
        if vram_total is not UNSET:
            field_dict["vram_total"] = vram_total
        if vram_free is not UNSET:
            field_dict["vram_free"] = vram_free
        if torch_vram_total is not UNSET:
            field_dict["torch_vram_total"] = torch_vram_total
        if torch_vram_free is not UNSET:
            field_dict["torch_vram_free"] = torch_vram_free

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        type_ = d.pop("type", UNSET)

        def _parse_index(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        index = _parse_index(d.pop("index", UNSET))

        vram_total = d.pop("vram_total", UNSET)

        vram_free = d.pop("vram_free", UNSET)

        torch_vram_total = d.pop("torch_vram_total", UNSET)

        torch_vram_free = d.pop("torch_vram_free", UNSET)

        device_info = cls(
            name=name,
            type_=type_,
            index=index,
            vram_total=vram_total,
            vram_free=vram_free,
            torch_vram_total=torch_vram_total,
            torch_vram_free=torch_vram_free,
        )

        device_info.additional_properties = d
        return device_info

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
