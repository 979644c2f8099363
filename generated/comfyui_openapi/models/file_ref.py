from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.file_ref_metadata import FileRefMetadata


T = TypeVar("T", bound="FileRef")


@_attrs_define
class FileRef:
    """A file entry of a UI output; 0.33.0 with assets on adds the asset `id` (and `preview_id`, `metadata`).

    Attributes:
        filename (str):
        subfolder (str | Unset):
        type_ (str | Unset):
        id (str | Unset): The asset id (0.33.0).
        preview_id (None | str | Unset):
        metadata (FileRefMetadata | Unset):
    """

    filename: str
    subfolder: str | Unset = UNSET
    type_: str | Unset = UNSET
    id: str | Unset = UNSET
    preview_id: None | str | Unset = UNSET
    metadata: FileRefMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        filename = self.filename

        subfolder = self.subfolder

        type_ = self.type_

        id = self.id

        preview_id: None | str | Unset
        if isinstance(self.preview_id, Unset):
            preview_id = UNSET
        else:
            preview_id = self.preview_id

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "filename": filename,
            }
        )
        if subfolder is not UNSET:
            field_dict["subfolder"] = subfolder
        if type_ is not UNSET:
            field_dict["type"] = type_
        if id is not UNSET:
            field_dict["id"] = id
        if preview_id is not UNSET:
            field_dict["preview_id"] = preview_id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.file_ref_metadata import FileRefMetadata

        d = dict(src_dict)
        filename = d.pop("filename")

        subfolder = d.pop("subfolder", UNSET)

        type_ = d.pop("type", UNSET)

        id = d.pop("id", UNSET)

        def _parse_preview_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preview_id = _parse_preview_id(d.pop("preview_id", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: FileRefMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = FileRefMetadata.from_dict(_metadata)

        file_ref = cls(
            filename=filename,
            subfolder=subfolder,
            type_=type_,
            id=id,
            preview_id=preview_id,
            metadata=metadata,
        )

        file_ref.additional_properties = d
        return file_ref

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
