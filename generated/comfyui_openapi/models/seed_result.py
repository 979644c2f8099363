from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.seed_progress import SeedProgress


T = TypeVar("T", bound="SeedResult")


@_attrs_define
class SeedResult:
    """`status`: started, completed (with `progress` and `errors`), already_running; for cancel cancelling or idle.

    Attributes:
        status (str):
        progress (SeedProgress | Unset):
        errors (list[str] | Unset):
    """

    status: str
    progress: SeedProgress | Unset = UNSET
    errors: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        progress: dict[str, Any] | Unset = UNSET
        if not isinstance(self.progress, Unset):
            progress = self.progress.to_dict()

        errors: list[str] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = self.errors

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if progress is not UNSET:
            field_dict["progress"] = progress
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.seed_progress import SeedProgress

        d = dict(src_dict)
        status = d.pop("status")

        _progress = d.pop("progress", UNSET)
        progress: SeedProgress | Unset
        if isinstance(_progress, Unset):
            progress = UNSET
        else:
            progress = SeedProgress.from_dict(_progress)

        errors = cast(list[str], d.pop("errors", UNSET))

        seed_result = cls(
            status=status,
            progress=progress,
            errors=errors,
        )

        seed_result.additional_properties = d
        return seed_result

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
