from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.features_extension import FeaturesExtension


T = TypeVar("T", bound="Features")


@_attrs_define
class Features:
    """Feature flags (`GET /features` and the WebSocket `feature_flags` reply); 0.3.64 sends only the first and
    `max_upload_size`.

        Attributes:
            supports_preview_metadata (bool | Unset):
            supports_model_type_tags (bool | Unset):
            max_upload_size (float | Unset): An integer or a float (ComfyUI sends both for the same field).
            extension (FeaturesExtension | Unset): Flags of bundled extensions, e.g. `{manager: {supports_v4: true}}`.
            node_replacements (bool | Unset): The server serves and applies `/node_replacements`.
            assets (bool | Unset): The assets API is on.
    """

    supports_preview_metadata: bool | Unset = UNSET
    supports_model_type_tags: bool | Unset = UNSET
    max_upload_size: float | Unset = UNSET
    extension: FeaturesExtension | Unset = UNSET
    node_replacements: bool | Unset = UNSET
    assets: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        supports_preview_metadata = self.supports_preview_metadata

        supports_model_type_tags = self.supports_model_type_tags

        max_upload_size = self.max_upload_size

        extension: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extension, Unset):
            extension = self.extension.to_dict()

        node_replacements = self.node_replacements

        assets = self.assets

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if supports_preview_metadata is not UNSET:
            field_dict["supports_preview_metadata"] = supports_preview_metadata
        if supports_model_type_tags is not UNSET:
            field_dict["supports_model_type_tags"] = supports_model_type_tags
        if max_upload_size is not UNSET:
            field_dict["max_upload_size"] = max_upload_size
        if extension is not UNSET:
            field_dict["extension"] = extension
        if node_replacements is not UNSET:
            field_dict["node_replacements"] = node_replacements
        if assets is not UNSET:
            field_dict["assets"] = assets

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.features_extension import FeaturesExtension

        d = dict(src_dict)
        supports_preview_metadata = d.pop("supports_preview_metadata", UNSET)

        supports_model_type_tags = d.pop("supports_model_type_tags", UNSET)

        max_upload_size = d.pop("max_upload_size", UNSET)

        _extension = d.pop("extension", UNSET)
        extension: FeaturesExtension | Unset
        if isinstance(_extension, Unset):
            extension = UNSET
        else:
            extension = FeaturesExtension.from_dict(_extension)

        node_replacements = d.pop("node_replacements", UNSET)

        assets = d.pop("assets", UNSET)

        features = cls(
            supports_preview_metadata=supports_preview_metadata,
            supports_model_type_tags=supports_model_type_tags,
            max_upload_size=max_upload_size,
            extension=extension,
            node_replacements=node_replacements,
            assets=assets,
        )

        features.additional_properties = d
        return features

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
