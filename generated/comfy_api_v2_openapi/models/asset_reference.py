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
    from ..models.asset_reference_info import AssetReferenceInfo


T = TypeVar("T", bound="AssetReference")


@_attrs_define
class AssetReference:
    """Stands in a workflow where a file name would; the server resolves it.

    Attributes:
        field_type_ (Literal['core/ASSET']):
        info (AssetReferenceInfo):
    """

    field_type_: Literal["core/ASSET"]
    info: AssetReferenceInfo
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_type_ = self.field_type_

        info = self.info.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "__type": field_type_,
                "info": info,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.asset_reference_info import AssetReferenceInfo

        d = dict(src_dict)
        field_type_ = cast(Literal["core/ASSET"], d.pop("__type"))
        if field_type_ != "core/ASSET":
            raise ValueError(
                f"__type must match const 'core/ASSET', got '{field_type_}'"
            )

        info = AssetReferenceInfo.from_dict(d.pop("info"))

        asset_reference = cls(
            field_type_=field_type_,
            info=info,
        )

        asset_reference.additional_properties = d
        return asset_reference

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
