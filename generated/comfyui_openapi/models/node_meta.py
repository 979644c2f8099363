from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NodeMeta")


@_attrs_define
class NodeMeta:
    """
    Attributes:
        node_id (str | Unset):
        display_node (str | Unset):
        parent_node (None | str | Unset):
        real_node_id (str | Unset):
    """

    node_id: str | Unset = UNSET
    display_node: str | Unset = UNSET
    parent_node: None | str | Unset = UNSET
    real_node_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        node_id = self.node_id

        display_node = self.display_node

        parent_node: None | str | Unset
        if isinstance(self.parent_node, Unset):
            parent_node = UNSET
        else:
            parent_node = self.parent_node

        real_node_id = self.real_node_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if node_id is not UNSET:
            field_dict["node_id"] = node_id
        if display_node is not UNSET:
            field_dict["display_node"] = display_node
        if parent_node is not UNSET:
            field_dict["parent_node"] = parent_node
        if real_node_id is not UNSET:
            field_dict["real_node_id"] = real_node_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        node_id = d.pop("node_id", UNSET)

        display_node = d.pop("display_node", UNSET)

        def _parse_parent_node(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_node = _parse_parent_node(d.pop("parent_node", UNSET))

        real_node_id = d.pop("real_node_id", UNSET)

        node_meta = cls(
            node_id=node_id,
            display_node=display_node,
            parent_node=parent_node,
            real_node_id=real_node_id,
        )

        node_meta.additional_properties = d
        return node_meta

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
