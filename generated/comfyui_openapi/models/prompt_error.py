from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.prompt_error_extra_info import PromptErrorExtraInfo


T = TypeVar("T", bound="PromptError")


@_attrs_define
class PromptError:
    """`type` is one of `no_prompt`, `invalid_prompt`, `prompt_no_outputs`,
    `prompt_outputs_failed_validation` (0.3.64), and on 0.33.0 `missing_node_type` (instead
    of `invalid_prompt` for an unknown class; `extra_info` has `node_id`, `class_type`,
    `node_title`), `invalid_prompt_id` (a client `prompt_id` that is not a canonical
    lowercase UUID), `dependency_cycle`; kept as a free string so new types parse.

        Attributes:
            type_ (str):
            message (str):
            details (str | Unset):
            extra_info (PromptErrorExtraInfo | Unset):
    """

    type_: str
    message: str
    details: str | Unset = UNSET
    extra_info: PromptErrorExtraInfo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        message = self.message

        details = self.details

        extra_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extra_info, Unset):
            extra_info = self.extra_info.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "message": message,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details
        if extra_info is not UNSET:
            field_dict["extra_info"] = extra_info

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.prompt_error_extra_info import PromptErrorExtraInfo

        d = dict(src_dict)
        type_ = d.pop("type")

        message = d.pop("message")

        details = d.pop("details", UNSET)

        _extra_info = d.pop("extra_info", UNSET)
        extra_info: PromptErrorExtraInfo | Unset
        if isinstance(_extra_info, Unset):
            extra_info = UNSET
        else:
            extra_info = PromptErrorExtraInfo.from_dict(_extra_info)

        prompt_error = cls(
            type_=type_,
            message=message,
            details=details,
            extra_info=extra_info,
        )

        prompt_error.additional_properties = d
        return prompt_error

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
