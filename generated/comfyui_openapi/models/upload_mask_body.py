from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="UploadMaskBody")


@_attrs_define
class UploadMaskBody:
    """
    Attributes:
        image (File):
        original_ref (str): JSON `{filename, subfolder?, type?}` of the image the mask applies to.
        type_ (str | Unset):
        subfolder (str | Unset):
        overwrite (str | Unset):
    """

    image: File
    original_ref: str
    type_: str | Unset = UNSET
    subfolder: str | Unset = UNSET
    overwrite: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image = self.image.to_tuple()

        original_ref = self.original_ref

        type_ = self.type_

        subfolder = self.subfolder

        overwrite = self.overwrite

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image": image,
                "original_ref": original_ref,
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

        files.append(
            ("original_ref", (None, str(self.original_ref).encode(), "text/plain"))
        )

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

        original_ref = d.pop("original_ref")

        type_ = d.pop("type", UNSET)

        subfolder = d.pop("subfolder", UNSET)

        overwrite = d.pop("overwrite", UNSET)

        upload_mask_body = cls(
            image=image,
            original_ref=original_ref,
            type_=type_,
            subfolder=subfolder,
            overwrite=overwrite,
        )

        upload_mask_body.additional_properties = d
        return upload_mask_body

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
