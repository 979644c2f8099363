from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.seed_progress import SeedProgress


T = TypeVar("T", bound="SeedStatus")


@_attrs_define
class SeedStatus:
    """
    Attributes:
        state (str): IDLE, RUNNING, PAUSED or CANCELLING.
        progress (None | SeedProgress | Unset):
        errors (list[str] | Unset):
    """

    state: str
    progress: None | SeedProgress | Unset = UNSET
    errors: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.seed_progress import SeedProgress

        state = self.state

        progress: dict[str, Any] | None | Unset
        if isinstance(self.progress, Unset):
            progress = UNSET
        elif isinstance(self.progress, SeedProgress):
            progress = self.progress.to_dict()
        else:
            progress = self.progress

        errors: list[str] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = self.errors

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "state": state,
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
        state = d.pop("state")

        def _parse_progress(data: object) -> None | SeedProgress | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                progress_type_0 = SeedProgress.from_dict(data)

                return progress_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SeedProgress | Unset, data)

        progress = _parse_progress(d.pop("progress", UNSET))

        errors = cast(list[str], d.pop("errors", UNSET))

        seed_status = cls(
            state=state,
            progress=progress,
            errors=errors,
        )

        seed_status.additional_properties = d
        return seed_status

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
