from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, FileTypes, Unset

T = TypeVar("T", bound="UploadAssetBody")


@_attrs_define
class UploadAssetBody:
    """
    Attributes:
        file (File | Unset):
        tags (str | Unset): Tags, comma-separated or a JSON array; one of input, output, models (then also
            `model_type:<folder>`) says where new bytes go.
        name (str | Unset): The display name (default the file name).
        user_metadata (str | Unset): A JSON object as text.
        hash_ (str | Unset): `blake3:<hex>` of the file: checked, or used instead of a file the server already has.
        mime_type (str | Unset):
        preview_id (str | Unset):
    """

    file: File | Unset = UNSET
    tags: str | Unset = UNSET
    name: str | Unset = UNSET
    user_metadata: str | Unset = UNSET
    hash_: str | Unset = UNSET
    mime_type: str | Unset = UNSET
    preview_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file: FileTypes | Unset = UNSET
        if not isinstance(self.file, Unset):
            file = self.file.to_tuple()

        tags = self.tags

        name = self.name

        user_metadata = self.user_metadata

        hash_ = self.hash_

        mime_type = self.mime_type

        preview_id = self.preview_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if file is not UNSET:
            field_dict["file"] = file
        if tags is not UNSET:
            field_dict["tags"] = tags
        if name is not UNSET:
            field_dict["name"] = name
        if user_metadata is not UNSET:
            field_dict["user_metadata"] = user_metadata
        if hash_ is not UNSET:
            field_dict["hash"] = hash_
        if mime_type is not UNSET:
            field_dict["mime_type"] = mime_type
        if preview_id is not UNSET:
            field_dict["preview_id"] = preview_id

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        if not isinstance(self.file, Unset):
            files.append(("file", self.file.to_tuple()))

        if not isinstance(self.tags, Unset):
            files.append(("tags", (None, str(self.tags).encode(), "text/plain")))

        if not isinstance(self.name, Unset):
            files.append(("name", (None, str(self.name).encode(), "text/plain")))

        if not isinstance(self.user_metadata, Unset):
            files.append(
                (
                    "user_metadata",
                    (None, str(self.user_metadata).encode(), "text/plain"),
                )
            )

        if not isinstance(self.hash_, Unset):
            files.append(("hash", (None, str(self.hash_).encode(), "text/plain")))

        if not isinstance(self.mime_type, Unset):
            files.append(
                ("mime_type", (None, str(self.mime_type).encode(), "text/plain"))
            )

        if not isinstance(self.preview_id, Unset):
            files.append(
                ("preview_id", (None, str(self.preview_id).encode(), "text/plain"))
            )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _file = d.pop("file", UNSET)
        file: File | Unset
        if isinstance(_file, Unset):
            file = UNSET
        else:
            file = File(payload=BytesIO(_file))

        tags = d.pop("tags", UNSET)

        name = d.pop("name", UNSET)

        user_metadata = d.pop("user_metadata", UNSET)

        hash_ = d.pop("hash", UNSET)

        mime_type = d.pop("mime_type", UNSET)

        preview_id = d.pop("preview_id", UNSET)

        upload_asset_body = cls(
            file=file,
            tags=tags,
            name=name,
            user_metadata=user_metadata,
            hash_=hash_,
            mime_type=mime_type,
            preview_id=preview_id,
        )

        upload_asset_body.additional_properties = d
        return upload_asset_body

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
