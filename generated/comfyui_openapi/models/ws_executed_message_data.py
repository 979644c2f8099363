from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ui_output import UiOutput


T = TypeVar("T", bound="WsExecutedMessageData")


@_attrs_define
class WsExecutedMessageData:
    """
    Attributes:
        node (str | Unset):
        display_node (str | Unset):
        output (None | UiOutput | Unset): The node's UI output, or null for a cached output node without UI.
        prompt_id (str | Unset):
    """

    node: str | Unset = UNSET
    display_node: str | Unset = UNSET
    output: None | UiOutput | Unset = UNSET
    prompt_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.ui_output import UiOutput

        node = self.node

        display_node = self.display_node

        output: dict[str, Any] | None | Unset
        if isinstance(self.output, Unset):
            output = UNSET
        elif isinstance(self.output, UiOutput):
            output = self.output.to_dict()
        else:
            output = self.output

        prompt_id = self.prompt_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if node is not UNSET:
            field_dict["node"] = node
        if display_node is not UNSET:
            field_dict["display_node"] = display_node
        if output is not UNSET:
            field_dict["output"] = output
        if prompt_id is not UNSET:
            field_dict["prompt_id"] = prompt_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ui_output import UiOutput

        d = dict(src_dict)
        node = d.pop("node", UNSET)

        display_node = d.pop("display_node", UNSET)

        def _parse_output(data: object) -> None | UiOutput | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                output_type_0 = UiOutput.from_dict(data)

                return output_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UiOutput | Unset, data)

        output = _parse_output(d.pop("output", UNSET))

        prompt_id = d.pop("prompt_id", UNSET)

        ws_executed_message_data = cls(
            node=node,
            display_node=display_node,
            output=output,
            prompt_id=prompt_id,
        )

        ws_executed_message_data.additional_properties = d
        return ws_executed_message_data

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
