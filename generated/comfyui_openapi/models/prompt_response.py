from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.prompt_response_node_errors import PromptResponseNodeErrors


T = TypeVar("T", bound="PromptResponse")


@_attrs_define
class PromptResponse:
    """
    Attributes:
        prompt_id (str):
        number (float): An integer or a float (ComfyUI sends both for the same field).
        node_errors (PromptResponseNodeErrors): Outputs dropped at partial acceptance (empty when all passed).
    """

    prompt_id: str
    number: float
    node_errors: PromptResponseNodeErrors
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt_id = self.prompt_id

        number = self.number

        node_errors = self.node_errors.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt_id": prompt_id,
                "number": number,
                "node_errors": node_errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.prompt_response_node_errors import PromptResponseNodeErrors

        d = dict(src_dict)
        prompt_id = d.pop("prompt_id")

        number = d.pop("number")

        node_errors = PromptResponseNodeErrors.from_dict(d.pop("node_errors"))

        prompt_response = cls(
            prompt_id=prompt_id,
            number=number,
            node_errors=node_errors,
        )

        prompt_response.additional_properties = d
        return prompt_response

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
