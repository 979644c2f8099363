from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ws_execution_error_message_data_current_inputs_type_0 import (
        WsExecutionErrorMessageDataCurrentInputsType0,
    )


T = TypeVar("T", bound="WsExecutionErrorMessageData")


@_attrs_define
class WsExecutionErrorMessageData:
    """
    Attributes:
        prompt_id (str | Unset):
        node_id (str | Unset):
        node_type (str | Unset):
        executed (list[str] | Unset):
        exception_message (str | Unset):
        exception_type (str | Unset):
        traceback (list[str] | Unset):
        current_inputs (list[Any] | Unset | WsExecutionErrorMessageDataCurrentInputsType0): `{input: [values]}`
            normally, `[]` for blocked/cycle errors.
        current_outputs (list[str] | Unset):
        timestamp (int | Unset):
    """

    prompt_id: str | Unset = UNSET
    node_id: str | Unset = UNSET
    node_type: str | Unset = UNSET
    executed: list[str] | Unset = UNSET
    exception_message: str | Unset = UNSET
    exception_type: str | Unset = UNSET
    traceback: list[str] | Unset = UNSET
    current_inputs: (
        list[Any] | Unset | WsExecutionErrorMessageDataCurrentInputsType0
    ) = UNSET
    current_outputs: list[str] | Unset = UNSET
    timestamp: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.ws_execution_error_message_data_current_inputs_type_0 import (
            WsExecutionErrorMessageDataCurrentInputsType0,
        )

        prompt_id = self.prompt_id

        node_id = self.node_id

        node_type = self.node_type

        executed: list[str] | Unset = UNSET
        if not isinstance(self.executed, Unset):
            executed = self.executed

        exception_message = self.exception_message

        exception_type = self.exception_type

        traceback: list[str] | Unset = UNSET
        if not isinstance(self.traceback, Unset):
            traceback = self.traceback

        current_inputs: dict[str, Any] | list[Any] | Unset
        if isinstance(self.current_inputs, Unset):
            current_inputs = UNSET
        elif isinstance(
            self.current_inputs, WsExecutionErrorMessageDataCurrentInputsType0
        ):
            current_inputs = self.current_inputs.to_dict()
        else:
            current_inputs = self.current_inputs

        current_outputs: list[str] | Unset = UNSET
        if not isinstance(self.current_outputs, Unset):
            current_outputs = self.current_outputs

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if prompt_id is not UNSET:
            field_dict["prompt_id"] = prompt_id
        if node_id is not UNSET:
            field_dict["node_id"] = node_id
        if node_type is not UNSET:
            field_dict["node_type"] = node_type
        if executed is not UNSET:
            field_dict["executed"] = executed
        if exception_message is not UNSET:
            field_dict["exception_message"] = exception_message
        if exception_type is not UNSET:
            field_dict["exception_type"] = exception_type
        if traceback is not UNSET:
            field_dict["traceback"] = traceback
        if current_inputs is not UNSET:
            field_dict["current_inputs"] = current_inputs
        if current_outputs is not UNSET:
            field_dict["current_outputs"] = current_outputs
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ws_execution_error_message_data_current_inputs_type_0 import (
            WsExecutionErrorMessageDataCurrentInputsType0,
        )

        d = dict(src_dict)
        prompt_id = d.pop("prompt_id", UNSET)

        node_id = d.pop("node_id", UNSET)

        node_type = d.pop("node_type", UNSET)

        executed = cast(list[str], d.pop("executed", UNSET))

        exception_message = d.pop("exception_message", UNSET)

        exception_type = d.pop("exception_type", UNSET)

        traceback = cast(list[str], d.pop("traceback", UNSET))

        def _parse_current_inputs(
            data: object,
        ) -> list[Any] | Unset | WsExecutionErrorMessageDataCurrentInputsType0:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_inputs_type_0 = (
                    WsExecutionErrorMessageDataCurrentInputsType0.from_dict(data)
                )

                return current_inputs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, list):
                raise TypeError()
            current_inputs_type_1 = cast(list[Any], data)

            return current_inputs_type_1

        current_inputs = _parse_current_inputs(d.pop("current_inputs", UNSET))

        current_outputs = cast(list[str], d.pop("current_outputs", UNSET))

        timestamp = d.pop("timestamp", UNSET)

        ws_execution_error_message_data = cls(
            prompt_id=prompt_id,
            node_id=node_id,
            node_type=node_type,
            executed=executed,
            exception_message=exception_message,
            exception_type=exception_type,
            traceback=traceback,
            current_inputs=current_inputs,
            current_outputs=current_outputs,
            timestamp=timestamp,
        )

        ws_execution_error_message_data.additional_properties = d
        return ws_execution_error_message_data

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
