from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.asset_metadata_type_0 import AssetMetadataType0
    from ..models.asset_user_metadata_type_0 import AssetUserMetadataType0


T = TypeVar("T", bound="Asset")


@_attrs_define
class Asset:
    """An asset: a file known by its content hash, with tags (`input`, `output`, `models`,
    `uploaded`, ...) and metadata. Absent values are omitted. Dates are ISO 8601 without a
    time zone (UTC).

        Attributes:
            id (str): A UUID.
            name (str):
            hash_ (None | str | Unset): `blake3:<hex>`; absent while not hashed.
            asset_hash (None | str | Unset): Same as hash (0.33.0 sends both).
            loader_path (None | str | Unset): The name a loader node takes.
            display_name (None | str | Unset):
            size (int | None | Unset):
            mime_type (None | str | Unset):
            tags (list[str] | Unset):
            preview_url (None | str | Unset): A `/api/view?type=...&filename=...` URL.
            preview_id (None | str | Unset):
            user_metadata (AssetUserMetadataType0 | None | Unset):
            is_immutable (bool | Unset):
            metadata (AssetMetadataType0 | None | Unset): What the server found in the file (`kind`, `width`, `height`,
                ...).
            job_id (None | str | Unset): The job that produced it.
            prompt_id (None | str | Unset): Deprecated alias of job_id.
            created_at (None | str | Unset):
            updated_at (None | str | Unset):
            last_access_time (None | str | Unset):
    """

    id: str
    name: str
    hash_: None | str | Unset = UNSET
    asset_hash: None | str | Unset = UNSET
    loader_path: None | str | Unset = UNSET
    display_name: None | str | Unset = UNSET
    size: int | None | Unset = UNSET
    mime_type: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    preview_url: None | str | Unset = UNSET
    preview_id: None | str | Unset = UNSET
    user_metadata: AssetUserMetadataType0 | None | Unset = UNSET
    is_immutable: bool | Unset = UNSET
    metadata: AssetMetadataType0 | None | Unset = UNSET
    job_id: None | str | Unset = UNSET
    prompt_id: None | str | Unset = UNSET
    created_at: None | str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    last_access_time: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.asset_metadata_type_0 import AssetMetadataType0
        from ..models.asset_user_metadata_type_0 import AssetUserMetadataType0

        id = self.id

        name = self.name

        hash_: None | str | Unset
        if isinstance(self.hash_, Unset):
            hash_ = UNSET
        else:
            hash_ = self.hash_

        asset_hash: None | str | Unset
        if isinstance(self.asset_hash, Unset):
            asset_hash = UNSET
        else:
            asset_hash = self.asset_hash

        loader_path: None | str | Unset
        if isinstance(self.loader_path, Unset):
            loader_path = UNSET
        else:
            loader_path = self.loader_path

        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        size: int | None | Unset
        if isinstance(self.size, Unset):
            size = UNSET
        else:
            size = self.size

        mime_type: None | str | Unset
        if isinstance(self.mime_type, Unset):
            mime_type = UNSET
        else:
            mime_type = self.mime_type

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        preview_url: None | str | Unset
        if isinstance(self.preview_url, Unset):
            preview_url = UNSET
        else:
            preview_url = self.preview_url

        preview_id: None | str | Unset
        if isinstance(self.preview_id, Unset):
            preview_id = UNSET
        else:
            preview_id = self.preview_id

        user_metadata: dict[str, Any] | None | Unset
        if isinstance(self.user_metadata, Unset):
            user_metadata = UNSET
        elif isinstance(self.user_metadata, AssetUserMetadataType0):
            user_metadata = self.user_metadata.to_dict()
        else:
            user_metadata = self.user_metadata

        is_immutable = self.is_immutable

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, AssetMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        job_id: None | str | Unset
        if isinstance(self.job_id, Unset):
            job_id = UNSET
        else:
            job_id = self.job_id

        prompt_id: None | str | Unset
        if isinstance(self.prompt_id, Unset):
            prompt_id = UNSET
        else:
            prompt_id = self.prompt_id

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        else:
            created_at = self.created_at

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = self.updated_at

        last_access_time: None | str | Unset
        if isinstance(self.last_access_time, Unset):
            last_access_time = UNSET
        else:
            last_access_time = self.last_access_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
            }
        )
        if hash_ is not UNSET:
            field_dict["hash"] = hash_
        if asset_hash is not UNSET:
            field_dict["asset_hash"] = asset_hash
        if loader_path is not UNSET:
            field_dict["loader_path"] = loader_path
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if size is not UNSET:
            field_dict["size"] = size
        if mime_type is not UNSET:
            field_dict["mime_type"] = mime_type
        if tags is not UNSET:
            field_dict["tags"] = tags
        if preview_url is not UNSET:
            field_dict["preview_url"] = preview_url
        if preview_id is not UNSET:
            field_dict["preview_id"] = preview_id
        if user_metadata is not UNSET:
            field_dict["user_metadata"] = user_metadata
        if is_immutable is not UNSET:
            field_dict["is_immutable"] = is_immutable
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if job_id is not UNSET:
            field_dict["job_id"] = job_id
        if prompt_id is not UNSET:
            field_dict["prompt_id"] = prompt_id
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if last_access_time is not UNSET:
            field_dict["last_access_time"] = last_access_time

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.asset_metadata_type_0 import AssetMetadataType0
        from ..models.asset_user_metadata_type_0 import AssetUserMetadataType0

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        def _parse_hash_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hash_ = _parse_hash_(d.pop("hash", UNSET))

        def _parse_asset_hash(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        asset_hash = _parse_asset_hash(d.pop("asset_hash", UNSET))

        def _parse_loader_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        loader_path = _parse_loader_path(d.pop("loader_path", UNSET))

        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("display_name", UNSET))

        def _parse_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        size = _parse_size(d.pop("size", UNSET))

        def _parse_mime_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mime_type = _parse_mime_type(d.pop("mime_type", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_preview_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preview_url = _parse_preview_url(d.pop("preview_url", UNSET))

        def _parse_preview_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preview_id = _parse_preview_id(d.pop("preview_id", UNSET))

        def _parse_user_metadata(data: object) -> AssetUserMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                user_metadata_type_0 = AssetUserMetadataType0.from_dict(data)

                return user_metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssetUserMetadataType0 | None | Unset, data)

        user_metadata = _parse_user_metadata(d.pop("user_metadata", UNSET))

        is_immutable = d.pop("is_immutable", UNSET)

        def _parse_metadata(data: object) -> AssetMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = AssetMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssetMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_job_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        job_id = _parse_job_id(d.pop("job_id", UNSET))

        def _parse_prompt_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prompt_id = _parse_prompt_id(d.pop("prompt_id", UNSET))

        def _parse_created_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_updated_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        def _parse_last_access_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_access_time = _parse_last_access_time(d.pop("last_access_time", UNSET))

        asset = cls(
            id=id,
            name=name,
            hash_=hash_,
            asset_hash=asset_hash,
            loader_path=loader_path,
            display_name=display_name,
            size=size,
            mime_type=mime_type,
            tags=tags,
            preview_url=preview_url,
            preview_id=preview_id,
            user_metadata=user_metadata,
            is_immutable=is_immutable,
            metadata=metadata,
            job_id=job_id,
            prompt_id=prompt_id,
            created_at=created_at,
            updated_at=updated_at,
            last_access_time=last_access_time,
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
