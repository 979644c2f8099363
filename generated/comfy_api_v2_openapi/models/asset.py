from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Asset")


@_attrs_define
class Asset:
    """
    Attributes:
        id (str):
        url (str):
        hash_ (None | str | Unset): `blake3:<hex>`
        size_bytes (int | Unset):
        content_type (str | Unset):
        file_path (None | str | Unset):
        created_new (bool | Unset):
        created_at (None | str | Unset):
        url_expires_at (None | str | Unset):
        job_id (str | Unset):
    """

    id: str
    url: str
    hash_: None | str | Unset = UNSET
    size_bytes: int | Unset = UNSET
    content_type: str | Unset = UNSET
    file_path: None | str | Unset = UNSET
    created_new: bool | Unset = UNSET
    created_at: None | str | Unset = UNSET
    url_expires_at: None | str | Unset = UNSET
    job_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        url = self.url

        hash_: None | str | Unset
        if isinstance(self.hash_, Unset):
            hash_ = UNSET
        else:
            hash_ = self.hash_

        size_bytes = self.size_bytes

        content_type = self.content_type

        file_path: None | str | Unset
        if isinstance(self.file_path, Unset):
            file_path = UNSET
        else:
            file_path = self.file_path

        created_new = self.created_new

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        else:
            created_at = self.created_at

        url_expires_at: None | str | Unset
        if isinstance(self.url_expires_at, Unset):
            url_expires_at = UNSET
        else:
            url_expires_at = self.url_expires_at

        job_id = self.job_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
            }
        )
        if hash_ is not UNSET:
            field_dict["hash"] = hash_
        if size_bytes is not UNSET:
            field_dict["size_bytes"] = size_bytes
        if content_type is not UNSET:
            field_dict["content_type"] = content_type
        if file_path is not UNSET:
            field_dict["file_path"] = file_path
        if created_new is not UNSET:
            field_dict["created_new"] = created_new
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if url_expires_at is not UNSET:
            field_dict["url_expires_at"] = url_expires_at
        if job_id is not UNSET:
            field_dict["job_id"] = job_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        url = d.pop("url")

        def _parse_hash_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hash_ = _parse_hash_(d.pop("hash", UNSET))

        size_bytes = d.pop("size_bytes", UNSET)

        content_type = d.pop("content_type", UNSET)

        def _parse_file_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file_path = _parse_file_path(d.pop("file_path", UNSET))

        created_new = d.pop("created_new", UNSET)

        def _parse_created_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_url_expires_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url_expires_at = _parse_url_expires_at(d.pop("url_expires_at", UNSET))

        job_id = d.pop("job_id", UNSET)

        asset = cls(
            id=id,
            url=url,
            hash_=hash_,
            size_bytes=size_bytes,
            content_type=content_type,
            file_path=file_path,
            created_new=created_new,
            created_at=created_at,
            url_expires_at=url_expires_at,
            job_id=job_id,
        )

        asset.additional_properties = d
        return asset

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
