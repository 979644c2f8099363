from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.prompt_error import PromptError
    from ..models.prompt_error_response_node_errors import PromptErrorResponseNodeErrors


T = TypeVar("T", bound="PromptErrorResponse")


@_attrs_define
class PromptErrorResponse:
    """
    Attributes:
        error (PromptError): `type` is one of `no_prompt`, `invalid_prompt`, `prompt_no_outputs`,
            `prompt_outputs_failed_validation` (0.3.64), and on 0.33.0 `missing_node_type` (instead
            of `invalid_prompt` for an unknown class; `extra_info` has `node_id`, `class_type`,
            `node_title`), `invalid_prompt_id` (a client `prompt_id` that is not a canonical
            lowercase UUID), `dependency_cycle`; kept as a free string so new types parse.
        node_errors (PromptErrorResponseNodeErrors):
    """

    error: PromptError
    node_errors: PromptErrorResponseNodeErrors
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        node_errors = self.node_errors.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
                "node_errors": node_errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.prompt_error import PromptError
        from ..models.prompt_error_response_node_errors import (
            PromptErrorResponseNodeErrors,
        )

        d = dict(src_dict)
        error = PromptError.from_dict(d.pop("error"))

        node_errors = PromptErrorResponseNodeErrors.from_dict(d.pop("node_errors"))

        prompt_error_response = cls(
            error=error,
            node_errors=node_errors,
        )

        prompt_error_response.additional_properties = d
        return prompt_error_response

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
