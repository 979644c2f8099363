from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="UploadImageBody")


@_attrs_define
class UploadImageBody:
    """
    Attributes:
        image (File):
        type_ (str | Unset): input (default), temp or output.
        subfolder (str | Unset):
        overwrite (str | Unset): "true" or "1" to overwrite.
    """

    image: File
    type_: str | Unset = UNSET
    subfolder: str | Unset = UNSET
    overwrite: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image = self.image.to_tuple()

        type_ = self.type_

        subfolder = self.subfolder

        overwrite = self.overwrite

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image": image,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if subfolder is not UNSET:
            field_dict["subfolder"] = subfolder
        if overwrite is not UNSET:
            field_dict["overwrite"] = overwrite

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("image", self.image.to_tuple()))

        if not isinstance(self.type_, Unset):
            files.append(("type", (None, str(self.type_).encode(), "text/plain")))

        if not isinstance(self.subfolder, Unset):
            files.append(
                ("subfolder", (None, str(self.subfolder).encode(), "text/plain"))
            )

        if not isinstance(self.overwrite, Unset):
            files.append(
                ("overwrite", (None, str(self.overwrite).encode(), "text/plain"))
            )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        image = File(payload=BytesIO(d.pop("image")))

        type_ = d.pop("type", UNSET)

        subfolder = d.pop("subfolder", UNSET)

        overwrite = d.pop("overwrite", UNSET)

        upload_image_body = cls(
            image=image,
            type_=type_,
            subfolder=subfolder,
            overwrite=overwrite,
        )

        upload_image_body.additional_properties = d
        return upload_image_body

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
