from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.prompt_request_extra_data import PromptRequestExtraData
    from ..models.prompt_request_prompt import PromptRequestPrompt


T = TypeVar("T", bound="PromptRequest")


@_attrs_define
class PromptRequest:
    """
    Attributes:
        prompt (PromptRequestPrompt): The API-format graph, node id -> node.
        client_id (str | Unset): Which WebSocket client receives the prompt's events.
        prompt_id (str | Unset): Optional id, default a new uuid4. 0.33.0 refuses one that is not a canonical lowercase
            UUID (400 invalid_prompt_id) and accepts a duplicate.
        number (float | Unset): Explicit priority (lower runs first).
        front (bool | Unset): Jump the queue.
        extra_data (PromptRequestExtraData | Unset): Stored with the item: `extra_pnginfo`, `api_key_comfy_org`,
            `auth_token_comfy_org`, anything else.
        partial_execution_targets (list[str] | Unset): Only these output nodes run.
    """

    prompt: PromptRequestPrompt
    client_id: str | Unset = UNSET
    prompt_id: str | Unset = UNSET
    number: float | Unset = UNSET
    front: bool | Unset = UNSET
    extra_data: PromptRequestExtraData | Unset = UNSET
    partial_execution_targets: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt.to_dict()

        client_id = self.client_id

        prompt_id = self.prompt_id

        number = self.number

        front = self.front

        extra_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extra_data, Unset):
            extra_data = self.extra_data.to_dict()

        partial_execution_targets: list[str] | Unset = UNSET
        if not isinstance(self.partial_execution_targets, Unset):
            partial_execution_targets = self.partial_execution_targets

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
            }
        )
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if prompt_id is not UNSET:
            field_dict["prompt_id"] = prompt_id
        if number is not UNSET:
            field_dict["number"] = number
        if front is not UNSET:
            field_dict["front"] = front
        if extra_data is not UNSET:
            field_dict["extra_data"] = extra_data
        if partial_execution_targets is not UNSET:
            field_dict["partial_execution_targets"] = partial_execution_targets

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.prompt_request_extra_data import PromptRequestExtraData
        from ..models.prompt_request_prompt import PromptRequestPrompt

        d = dict(src_dict)
        prompt = PromptRequestPrompt.from_dict(d.pop("prompt"))

        client_id = d.pop("client_id", UNSET)

        prompt_id = d.pop("prompt_id", UNSET)

        number = d.pop("number", UNSET)

        front = d.pop("front", UNSET)

        _extra_data = d.pop("extra_data", UNSET)
        extra_data: PromptRequestExtraData | Unset
        if isinstance(_extra_data, Unset):
            extra_data = UNSET
        else:
            extra_data = PromptRequestExtraData.from_dict(_extra_data)

        partial_execution_targets = cast(
            list[str], d.pop("partial_execution_targets", UNSET)
        )

        prompt_request = cls(
            prompt=prompt,
            client_id=client_id,
            prompt_id=prompt_id,
            number=number,
            front=front,
            extra_data=extra_data,
            partial_execution_targets=partial_execution_targets,
        )

        prompt_request.additional_properties = d
        return prompt_request

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
