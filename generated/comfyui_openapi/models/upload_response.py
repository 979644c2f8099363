from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.uploaded_asset import UploadedAsset


T = TypeVar("T", bound="UploadResponse")


@_attrs_define
class UploadResponse:
    """
    Attributes:
        name (str):
        subfolder (str):
        type_ (str):
        asset (UploadedAsset | Unset): The asset registered for an upload (0.33.0 with assets on).
    """

    name: str
    subfolder: str
    type_: str
    asset: UploadedAsset | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        subfolder = self.subfolder

        type_ = self.type_

        asset: dict[str, Any] | Unset = UNSET
        if not isinstance(self.asset, Unset):
            asset = self.asset.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "subfolder": subfolder,
                "type": type_,
            }
        )
        if asset is not UNSET:
            field_dict["asset"] = asset

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.uploaded_asset import UploadedAsset

        d = dict(src_dict)
        name = d.pop("name")

        subfolder = d.pop("subfolder")

        type_ = d.pop("type")

        _asset = d.pop("asset", UNSET)
        asset: UploadedAsset | Unset
        if isinstance(_asset, Unset):
            asset = UNSET
        else:
            asset = UploadedAsset.from_dict(_asset)

        upload_response = cls(
            name=name,
            subfolder=subfolder,
            type_=type_,
            asset=asset,
        )

        upload_response.additional_properties = d
        return upload_response

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
