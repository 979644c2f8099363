from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExtraData")


@_attrs_define
class ExtraData:
    """Closed; only the Comfy API key partner nodes authenticate with.

    Attributes:
        api_key_comfy_org (str | Unset):
    """

    api_key_comfy_org: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        api_key_comfy_org = self.api_key_comfy_org

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if api_key_comfy_org is not UNSET:
            field_dict["api_key_comfy_org"] = api_key_comfy_org

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        api_key_comfy_org = d.pop("api_key_comfy_org", UNSET)

        extra_data = cls(
            api_key_comfy_org=api_key_comfy_org,
        )

        return extra_data
