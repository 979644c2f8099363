from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobsError")


@_attrs_define
class JobsError:
    """An error of the jobs API.

    Attributes:
        error (str):
        invalid_ids (list[str] | Unset): The job ids that are not canonical lowercase UUIDs.
    """

    error: str
    invalid_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        invalid_ids: list[str] | Unset = UNSET
        if not isinstance(self.invalid_ids, Unset):
            invalid_ids = self.invalid_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )
        if invalid_ids is not UNSET:
            field_dict["invalid_ids"] = invalid_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        error = d.pop("error")

        invalid_ids = cast(list[str], d.pop("invalid_ids", UNSET))

        jobs_error = cls(
            error=error,
            invalid_ids=invalid_ids,
        )

        jobs_error.additional_properties = d
        return jobs_error

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
