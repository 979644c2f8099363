from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node_info_input import NodeInfoInput
    from ..models.node_info_input_order import NodeInfoInputOrder


T = TypeVar("T", bound="NodeInfo")


@_attrs_define
class NodeInfo:
    """A node definition. V3 nodes send every key (some null); classic nodes omit `deprecated`/`experimental` unless true.

    Attributes:
        input_ (NodeInfoInput | Unset):
        input_order (NodeInfoInputOrder | Unset):
        output (list[Any] | Unset):
        output_is_list (list[bool] | Unset):
        output_name (list[Any] | Unset):
        name (str | Unset):
        display_name (None | str | Unset):
        description (None | str | Unset):
        python_module (str | Unset):
        category (None | str | Unset):
        output_node (bool | Unset):
    """

    input_: NodeInfoInput | Unset = UNSET
    input_order: NodeInfoInputOrder | Unset = UNSET
    output: list[Any] | Unset = UNSET
    output_is_list: list[bool] | Unset = UNSET
    output_name: list[Any] | Unset = UNSET
    name: str | Unset = UNSET
    display_name: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    python_module: str | Unset = UNSET
    category: None | str | Unset = UNSET
    output_node: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.input_, Unset):
            input_ = self.input_.to_dict()

        input_order: dict[str, Any] | Unset = UNSET
        if not isinstance(self.input_order, Unset):
            input_order = self.input_order.to_dict()

        output: list[Any] | Unset = UNSET
        if not isinstance(self.output, Unset):
            output = self.output

        output_is_list: list[bool] | Unset = UNSET
        if not isinstance(self.output_is_list, Unset):
            output_is_list = self.output_is_list

        output_name: list[Any] | Unset = UNSET
        if not isinstance(self.output_name, Unset):
            output_name = self.output_name

        name = self.name

        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        python_module = self.python_module

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        output_node = self.output_node

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if input_ is not UNSET:
            field_dict["input"] = input_
        if input_order is not UNSET:
            field_dict["input_order"] = input_order
        if output is not UNSET:
            field_dict["output"] = output
        if output_is_list is not UNSET:
            field_dict["output_is_list"] = output_is_list
        if output_name is not UNSET:
            field_dict["output_name"] = output_name
        if name is not UNSET:
            field_dict["name"] = name
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if description is not UNSET:
            field_dict["description"] = description
        if python_module is not UNSET:
            field_dict["python_module"] = python_module
        if category is not UNSET:
            field_dict["category"] = category
        if output_node is not UNSET:
            field_dict["output_node"] = output_node

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.node_info_input import NodeInfoInput
        from ..models.node_info_input_order import NodeInfoInputOrder

        d = dict(src_dict)
        _input_ = d.pop("input", UNSET)
        input_: NodeInfoInput | Unset
        if isinstance(_input_, Unset):
            input_ = UNSET
        else:
            input_ = NodeInfoInput.from_dict(_input_)

        _input_order = d.pop("input_order", UNSET)
        input_order: NodeInfoInputOrder | Unset
        if isinstance(_input_order, Unset):
            input_order = UNSET
        else:
            input_order = NodeInfoInputOrder.from_dict(_input_order)

        output = cast(list[Any], d.pop("output", UNSET))

        output_is_list = cast(list[bool], d.pop("output_is_list", UNSET))

        output_name = cast(list[Any], d.pop("output_name", UNSET))

        name = d.pop("name", UNSET)

        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("display_name", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        python_module = d.pop("python_module", UNSET)

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        output_node = d.pop("output_node", UNSET)

        node_info = cls(
            input_=input_,
            input_order=input_order,
            output=output,
            output_is_list=output_is_list,
            output_name=output_name,
            name=name,
            display_name=display_name,
            description=description,
            python_module=python_module,
            category=category,
            output_node=output_node,
        )

        node_info.additional_properties = d
        return node_info

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
