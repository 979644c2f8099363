from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_asset_from_hash_request_user_metadata import (
        CreateAssetFromHashRequestUserMetadata,
    )


T = TypeVar("T", bound="CreateAssetFromHashRequest")


@_attrs_define
class CreateAssetFromHashRequest:
    """
    Attributes:
        hash_ (str): `blake3:<hex>`.
        name (str | Unset):
        tags (list[str] | Unset):
        user_metadata (CreateAssetFromHashRequestUserMetadata | Unset):
        mime_type (str | Unset):
        preview_id (str | Unset):
    """

    hash_: str
    name: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    user_metadata: CreateAssetFromHashRequestUserMetadata | Unset = UNSET
    mime_type: str | Unset = UNSET
    preview_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hash_ = self.hash_

        name = self.name

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        user_metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.user_metadata, Unset):
            user_metadata = self.user_metadata.to_dict()

        mime_type = self.mime_type

        preview_id = self.preview_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hash": hash_,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if tags is not UNSET:
            field_dict["tags"] = tags
        if user_metadata is not UNSET:
            field_dict["user_metadata"] = user_metadata
        if mime_type is not UNSET:
            field_dict["mime_type"] = mime_type
        if preview_id is not UNSET:
            field_dict["preview_id"] = preview_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.create_asset_from_hash_request_user_metadata import (
            CreateAssetFromHashRequestUserMetadata,
        )

        d = dict(src_dict)
        hash_ = d.pop("hash")

        name = d.pop("name", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        _user_metadata = d.pop("user_metadata", UNSET)
        user_metadata: CreateAssetFromHashRequestUserMetadata | Unset
        if isinstance(_user_metadata, Unset):
            user_metadata = UNSET
        else:
            user_metadata = CreateAssetFromHashRequestUserMetadata.from_dict(
                _user_metadata
            )

        mime_type = d.pop("mime_type", UNSET)

        preview_id = d.pop("preview_id", UNSET)

        create_asset_from_hash_request = cls(
            hash_=hash_,
            name=name,
            tags=tags,
            user_metadata=user_metadata,
            mime_type=mime_type,
            preview_id=preview_id,
        )

        create_asset_from_hash_request.additional_properties = d
        return create_asset_from_hash_request

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
