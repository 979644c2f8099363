from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="UploadAssetBody")


@_attrs_define
class UploadAssetBody:
    """
    Attributes:
        file (File):
        file_path (str): Where the file goes (`photo.png`, `input/sub/photo.png`, `models/loras/x.safetensors`).
        content_type (str | Unset):
        expected_hash (str | Unset): `blake3:<hex>`; a mismatch is `409 hash_mismatch`.
        tags (list[str] | Unset):
    """

    file: File
    file_path: str
    content_type: str | Unset = UNSET
    expected_hash: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        file_path = self.file_path

        content_type = self.content_type

        expected_hash = self.expected_hash

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
                "file_path": file_path,
            }
        )
        if content_type is not UNSET:
            field_dict["content_type"] = content_type
        if expected_hash is not UNSET:
            field_dict["expected_hash"] = expected_hash
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        files.append(("file_path", (None, str(self.file_path).encode(), "text/plain")))

        if not isinstance(self.content_type, Unset):
            files.append(
                ("content_type", (None, str(self.content_type).encode(), "text/plain"))
            )

        if not isinstance(self.expected_hash, Unset):
            files.append(
                (
                    "expected_hash",
                    (None, str(self.expected_hash).encode(), "text/plain"),
                )
            )

        if not isinstance(self.tags, Unset):
            for tags_item_element in self.tags:
                files.append(
                    ("tags", (None, str(tags_item_element).encode(), "text/plain"))
                )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        file_path = d.pop("file_path")

        content_type = d.pop("content_type", UNSET)

        expected_hash = d.pop("expected_hash", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        upload_asset_body = cls(
            file=file,
            file_path=file_path,
            content_type=content_type,
            expected_hash=expected_hash,
            tags=tags,
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
