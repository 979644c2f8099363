from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsNodeProgress")


@_attrs_define
class WsNodeProgress:
    """
    Attributes:
        value (float | Unset): An integer or a float (ComfyUI sends both for the same field).
        max_ (float | Unset): An integer or a float (ComfyUI sends both for the same field).
        state (str | Unset): running, finished (error exists but is not sent by 0.3.64).
        activity (str | Unset): What a running node is busy with besides steps, e.g. `loading` (0.33.0; absent
            otherwise).
        node_id (str | Unset):
        prompt_id (str | Unset):
        display_node_id (str | Unset):
        parent_node_id (None | str | Unset):
        real_node_id (str | Unset):
    """

    value: float | Unset = UNSET
    max_: float | Unset = UNSET
    state: str | Unset = UNSET
    activity: str | Unset = UNSET
    node_id: str | Unset = UNSET
    prompt_id: str | Unset = UNSET
    display_node_id: str | Unset = UNSET
    parent_node_id: None | str | Unset = UNSET
    real_node_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        max_ = self.max_

        state = self.state

        activity = self.activity

        node_id = self.node_id

        prompt_id = self.prompt_id

        display_node_id = self.display_node_id

        parent_node_id: None | str | Unset
        if isinstance(self.parent_node_id, Unset):
            parent_node_id = UNSET
        else:
            parent_node_id = self.parent_node_id

        real_node_id = self.real_node_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if value is not UNSET:
            field_dict["value"] = value
        if max_ is not UNSET:
            field_dict["max"] = max_
        if state is not UNSET:
            field_dict["state"] = state
        if activity is not UNSET:
            field_dict["activity"] = activity
        if node_id is not UNSET:
            field_dict["node_id"] = node_id
        if prompt_id is not UNSET:
            field_dict["prompt_id"] = prompt_id
        if display_node_id is not UNSET:
            field_dict["display_node_id"] = display_node_id
        if parent_node_id is not UNSET:
            field_dict["parent_node_id"] = parent_node_id
        if real_node_id is not UNSET:
            field_dict["real_node_id"] = real_node_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        value = d.pop("value", UNSET)

        max_ = d.pop("max", UNSET)

        state = d.pop("state", UNSET)

        activity = d.pop("activity", UNSET)

        node_id = d.pop("node_id", UNSET)

        prompt_id = d.pop("prompt_id", UNSET)

        display_node_id = d.pop("display_node_id", UNSET)

        def _parse_parent_node_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_node_id = _parse_parent_node_id(d.pop("parent_node_id", UNSET))

        real_node_id = d.pop("real_node_id", UNSET)

        ws_node_progress = cls(
            value=value,
            max_=max_,
            state=state,
            activity=activity,
            node_id=node_id,
            prompt_id=prompt_id,
            display_node_id=display_node_id,
            parent_node_id=parent_node_id,
            real_node_id=real_node_id,
        )

        ws_node_progress.additional_properties = d
        return ws_node_progress

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
