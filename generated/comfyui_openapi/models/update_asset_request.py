from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.update_asset_request_user_metadata import (
        UpdateAssetRequestUserMetadata,
    )


T = TypeVar("T", bound="UpdateAssetRequest")


@_attrs_define
class UpdateAssetRequest:
    """At least one field.

    Attributes:
        name (str | Unset):
        user_metadata (UpdateAssetRequestUserMetadata | Unset):
        preview_id (str | Unset):
    """

    name: str | Unset = UNSET
    user_metadata: UpdateAssetRequestUserMetadata | Unset = UNSET
    preview_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        user_metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.user_metadata, Unset):
            user_metadata = self.user_metadata.to_dict()

        preview_id = self.preview_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if user_metadata is not UNSET:
            field_dict["user_metadata"] = user_metadata
        if preview_id is not UNSET:
            field_dict["preview_id"] = preview_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.update_asset_request_user_metadata import (
            UpdateAssetRequestUserMetadata,
        )

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _user_metadata = d.pop("user_metadata", UNSET)
        user_metadata: UpdateAssetRequestUserMetadata | Unset
        if isinstance(_user_metadata, Unset):
            user_metadata = UNSET
        else:
            user_metadata = UpdateAssetRequestUserMetadata.from_dict(_user_metadata)

        preview_id = d.pop("preview_id", UNSET)

        update_asset_request = cls(
            name=name,
            user_metadata=user_metadata,
            preview_id=preview_id,
        )

        update_asset_request.additional_properties = d
        return update_asset_request

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
