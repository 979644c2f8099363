from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.output_type import OutputType
from ..types import UNSET, Unset

T = TypeVar("T", bound="Output")


@_attrs_define
class Output:
    """A committed output; an asset whose bytes are at `url` (maybe on another host).

    Attributes:
        node_id (str):
        name (str):
        type_ (OutputType):
        id (str):
        url (str):
        content_type (str | Unset):
        size_bytes (int | Unset):
        hash_ (None | str | Unset):
        url_expires_at (None | str | Unset):
        job_id (str | Unset):
    """

    node_id: str
    name: str
    type_: OutputType
    id: str
    url: str
    content_type: str | Unset = UNSET
    size_bytes: int | Unset = UNSET
    hash_: None | str | Unset = UNSET
    url_expires_at: None | str | Unset = UNSET
    job_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        node_id = self.node_id

        name = self.name

        type_ = self.type_.value

        id = self.id

        url = self.url

        content_type = self.content_type

        size_bytes = self.size_bytes

        hash_: None | str | Unset
        if isinstance(self.hash_, Unset):
            hash_ = UNSET
        else:
            hash_ = self.hash_

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
                "node_id": node_id,
                "name": name,
                "type": type_,
                "id": id,
                "url": url,
            }
        )
        if content_type is not UNSET:
            field_dict["content_type"] = content_type
        if size_bytes is not UNSET:
            field_dict["size_bytes"] = size_bytes
        if hash_ is not UNSET:
            field_dict["hash"] = hash_
        if url_expires_at is not UNSET:
            field_dict["url_expires_at"] = url_expires_at
        if job_id is not UNSET:
            field_dict["job_id"] = job_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        node_id = d.pop("node_id")

        name = d.pop("name")

        type_ = OutputType(d.pop("type"))

        id = d.pop("id")

        url = d.pop("url")

        content_type = d.pop("content_type", UNSET)

        size_bytes = d.pop("size_bytes", UNSET)

        def _parse_hash_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hash_ = _parse_hash_(d.pop("hash", UNSET))

        def _parse_url_expires_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url_expires_at = _parse_url_expires_at(d.pop("url_expires_at", UNSET))

        job_id = d.pop("job_id", UNSET)

        output = cls(
            node_id=node_id,
            name=name,
            type_=type_,
            id=id,
            url=url,
            content_type=content_type,
            size_bytes=size_bytes,
            hash_=hash_,
            url_expires_at=url_expires_at,
            job_id=job_id,
        )

        output.additional_properties = d
        return output

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
