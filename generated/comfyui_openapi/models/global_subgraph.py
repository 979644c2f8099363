from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.global_subgraph_info_info import GlobalSubgraphInfoInfo


T = TypeVar("T", bound="GlobalSubgraph")


@_attrs_define
class GlobalSubgraph:
    """A blueprint with its content.

    Attributes:
        source (str): templates (core blueprints) or custom_node.
        name (str):
        data (str): The UI-format subgraph workflow as a JSON string.
        info (GlobalSubgraphInfoInfo | Unset):
    """

    source: str
    name: str
    data: str
    info: GlobalSubgraphInfoInfo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source

        name = self.name

        data = self.data

        info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.info, Unset):
            info = self.info.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
                "name": name,
                "data": data,
            }
        )
        if info is not UNSET:
            field_dict["info"] = info

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.global_subgraph_info_info import GlobalSubgraphInfoInfo

        d = dict(src_dict)
        source = d.pop("source")

        name = d.pop("name")

        data = d.pop("data")

        _info = d.pop("info", UNSET)
        info: GlobalSubgraphInfoInfo | Unset
        if isinstance(_info, Unset):
            info = UNSET
        else:
            info = GlobalSubgraphInfoInfo.from_dict(_info)

        global_subgraph = cls(
            source=source,
            name=name,
            data=data,
            info=info,
        )

        global_subgraph.additional_properties = d
        return global_subgraph

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
