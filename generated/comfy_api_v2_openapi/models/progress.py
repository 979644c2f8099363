from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Progress")


@_attrs_define
class Progress:
    """A complete progress snapshot (the same in the job and in `progress` events).

    Attributes:
        value (float):
        nodes_done (int | Unset):
        nodes_total (int | Unset):
        current_node (None | str | Unset):
        current_node_class (None | str | Unset):
        step (int | None | Unset):
        steps (int | None | Unset):
        message (None | str | Unset):
    """

    value: float
    nodes_done: int | Unset = UNSET
    nodes_total: int | Unset = UNSET
    current_node: None | str | Unset = UNSET
    current_node_class: None | str | Unset = UNSET
    step: int | None | Unset = UNSET
    steps: int | None | Unset = UNSET
    message: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        nodes_done = self.nodes_done

        nodes_total = self.nodes_total

        current_node: None | str | Unset
        if isinstance(self.current_node, Unset):
            current_node = UNSET
        else:
            current_node = self.current_node

        current_node_class: None | str | Unset
        if isinstance(self.current_node_class, Unset):
            current_node_class = UNSET
        else:
            current_node_class = self.current_node_class

        step: int | None | Unset
        if isinstance(self.step, Unset):
            step = UNSET
        else:
            step = self.step

        steps: int | None | Unset
        if isinstance(self.steps, Unset):
            steps = UNSET
        else:
            steps = self.steps

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "value": value,
            }
        )
        if nodes_done is not UNSET:
            field_dict["nodes_done"] = nodes_done
        if nodes_total is not UNSET:
            field_dict["nodes_total"] = nodes_total
        if current_node is not UNSET:
            field_dict["current_node"] = current_node
        if current_node_class is not UNSET:
            field_dict["current_node_class"] = current_node_class
        if step is not UNSET:
            field_dict["step"] = step
        if steps is not UNSET:
            field_dict["steps"] = steps
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        value = d.pop("value")

        nodes_done = d.pop("nodes_done", UNSET)

        nodes_total = d.pop("nodes_total", UNSET)

        def _parse_current_node(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        current_node = _parse_current_node(d.pop("current_node", UNSET))

        def _parse_current_node_class(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        current_node_class = _parse_current_node_class(
            d.pop("current_node_class", UNSET)
        )

        def _parse_step(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        step = _parse_step(d.pop("step", UNSET))

        def _parse_steps(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        steps = _parse_steps(d.pop("steps", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        progress = cls(
            value=value,
            nodes_done=nodes_done,
            nodes_total=nodes_total,
            current_node=current_node,
            current_node_class=current_node_class,
            step=step,
            steps=steps,
            message=message,
        )

        progress.additional_properties = d
        return progress

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
