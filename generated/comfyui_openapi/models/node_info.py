from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node_info_input_order import NodeInfoInputOrder
    from ..models.node_info_price_badge_type_0 import NodeInfoPriceBadgeType0
    from ..models.node_inputs import NodeInputs


T = TypeVar("T", bound="NodeInfo")


@_attrs_define
class NodeInfo:
    """A node definition. V3 nodes send every key (some null); classic nodes omit
    `deprecated`/`experimental`/`dev_only` unless true. The fields marked 0.33.0 are absent
    from 0.3.64.

        Attributes:
            input_ (NodeInputs): Sections `required`, `optional`, `hidden`: input name -> `[type or options, {config}]`,
                `[type]`, or (hidden) a type name.
            output (list[Any]):
            name (str):
            input_order (NodeInfoInputOrder | Unset): Input names in order, by section.
            is_input_list (bool | Unset): The node takes whole lists at once (0.33.0).
            output_is_list (list[bool | None] | Unset): Per output; 0.33.0 sends null for outputs of V3 nodes that leave it
                unset.
            output_name (list[Any] | Unset):
            output_tooltips (list[None | str] | Unset):
            output_matchtypes (list[None | str] | None | Unset):
            display_name (None | str | Unset):
            description (None | str | Unset):
            python_module (str | Unset):
            category (None | str | Unset):
            output_node (bool | Unset):
            has_intermediate_output (bool | Unset): Cached runs replay its `executed` message (0.33.0).
            search_aliases (list[str] | None | Unset): Other names the editor's search finds it by (0.33.0).
            essentials_category (None | str | Unset): Its place in the editor's essentials panel (0.33.0).
            dev_only (bool | Unset): Shown only in developer mode (0.33.0).
            experimental (bool | Unset):
            deprecated (bool | Unset):
            api_node (bool | Unset):
            price_badge (NodeInfoPriceBadgeType0 | None | Unset):
    """

    input_: NodeInputs
    output: list[Any]
    name: str
    input_order: NodeInfoInputOrder | Unset = UNSET
    is_input_list: bool | Unset = UNSET
    output_is_list: list[bool | None] | Unset = UNSET
    output_name: list[Any] | Unset = UNSET
    output_tooltips: list[None | str] | Unset = UNSET
    output_matchtypes: list[None | str] | None | Unset = UNSET
    display_name: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    python_module: str | Unset = UNSET
    category: None | str | Unset = UNSET
    output_node: bool | Unset = UNSET
    has_intermediate_output: bool | Unset = UNSET
    search_aliases: list[str] | None | Unset = UNSET
    essentials_category: None | str | Unset = UNSET
    dev_only: bool | Unset = UNSET
    experimental: bool | Unset = UNSET
    deprecated: bool | Unset = UNSET
    api_node: bool | Unset = UNSET
    price_badge: NodeInfoPriceBadgeType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.node_info_price_badge_type_0 import NodeInfoPriceBadgeType0

        input_ = self.input_.to_dict()

        output = self.output

        name = self.name

        input_order: dict[str, Any] | Unset = UNSET
        if not isinstance(self.input_order, Unset):
            input_order = self.input_order.to_dict()

        is_input_list = self.is_input_list

        output_is_list: list[bool | None] | Unset = UNSET
        if not isinstance(self.output_is_list, Unset):
            output_is_list = []
            for output_is_list_item_data in self.output_is_list:
                output_is_list_item: bool | None
                output_is_list_item = output_is_list_item_data
                output_is_list.append(output_is_list_item)

        output_name: list[Any] | Unset = UNSET
        if not isinstance(self.output_name, Unset):
            output_name = self.output_name

        output_tooltips: list[None | str] | Unset = UNSET
        if not isinstance(self.output_tooltips, Unset):
            output_tooltips = []
            for output_tooltips_item_data in self.output_tooltips:
                output_tooltips_item: None | str
                output_tooltips_item = output_tooltips_item_data
                output_tooltips.append(output_tooltips_item)

        output_matchtypes: list[None | str] | None | Unset
        if isinstance(self.output_matchtypes, Unset):
            output_matchtypes = UNSET
        elif isinstance(self.output_matchtypes, list):
            output_matchtypes = []
            for output_matchtypes_type_0_item_data in self.output_matchtypes:
                output_matchtypes_type_0_item: None | str
                output_matchtypes_type_0_item = output_matchtypes_type_0_item_data
                output_matchtypes.append(output_matchtypes_type_0_item)

        else:
            output_matchtypes = self.output_matchtypes

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

        has_intermediate_output = self.has_intermediate_output

        search_aliases: list[str] | None | Unset
        if isinstance(self.search_aliases, Unset):
            search_aliases = UNSET
        elif isinstance(self.search_aliases, list):
            search_aliases = self.search_aliases

        else:
            search_aliases = self.search_aliases

        essentials_category: None | str | Unset
        if isinstance(self.essentials_category, Unset):
            essentials_category = UNSET
        else:
            essentials_category = self.essentials_category

        dev_only = self.dev_only

        experimental = self.experimental

        deprecated = self.deprecated

        api_node = self.api_node

        price_badge: dict[str, Any] | None | Unset
        if isinstance(self.price_badge, Unset):
            price_badge = UNSET
        elif isinstance(self.price_badge, NodeInfoPriceBadgeType0):
            price_badge = self.price_badge.to_dict()
        else:
            price_badge = self.price_badge

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "input": input_,
                "output": output,
                "name": name,
            }
        )
        if input_order is not UNSET:
            field_dict["input_order"] = input_order
        if is_input_list is not UNSET:
            field_dict["is_input_list"] = is_input_list
        if output_is_list is not UNSET:
            field_dict["output_is_list"] = output_is_list
        if output_name is not UNSET:
            field_dict["output_name"] = output_name
        if output_tooltips is not UNSET:
            field_dict["output_tooltips"] = output_tooltips
        if output_matchtypes is not UNSET:
            field_dict["output_matchtypes"] = output_matchtypes
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
        if has_intermediate_output is not UNSET:
            field_dict["has_intermediate_output"] = has_intermediate_output
        if search_aliases is not UNSET:
            field_dict["search_aliases"] = search_aliases
        if essentials_category is not UNSET:
            field_dict["essentials_category"] = essentials_category
        if dev_only is not UNSET:
            field_dict["dev_only"] = dev_only
        if experimental is not UNSET:
            field_dict["experimental"] = experimental
        if deprecated is not UNSET:
            field_dict["deprecated"] = deprecated
        if api_node is not UNSET:
            field_dict["api_node"] = api_node
        if price_badge is not UNSET:
            field_dict["price_badge"] = price_badge

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.node_info_input_order import NodeInfoInputOrder
        from ..models.node_info_price_badge_type_0 import NodeInfoPriceBadgeType0
        from ..models.node_inputs import NodeInputs

        d = dict(src_dict)
        input_ = NodeInputs.from_dict(d.pop("input"))

        output = cast(list[Any], d.pop("output"))

        name = d.pop("name")

        _input_order = d.pop("input_order", UNSET)
        input_order: NodeInfoInputOrder | Unset
        if isinstance(_input_order, Unset):
            input_order = UNSET
        else:
            input_order = NodeInfoInputOrder.from_dict(_input_order)

        is_input_list = d.pop("is_input_list", UNSET)

        _output_is_list = d.pop("output_is_list", UNSET)
        output_is_list: list[bool | None] | Unset = UNSET
        if _output_is_list is not UNSET:
            output_is_list = []
            for output_is_list_item_data in _output_is_list:

                def _parse_output_is_list_item(data: object) -> bool | None:
                    if data is None:
                        return data
                    return cast(bool | None, data)

                output_is_list_item = _parse_output_is_list_item(
                    output_is_list_item_data
                )

                output_is_list.append(output_is_list_item)

        output_name = cast(list[Any], d.pop("output_name", UNSET))

        _output_tooltips = d.pop("output_tooltips", UNSET)
        output_tooltips: list[None | str] | Unset = UNSET
        if _output_tooltips is not UNSET:
            output_tooltips = []
            for output_tooltips_item_data in _output_tooltips:

                def _parse_output_tooltips_item(data: object) -> None | str:
                    if data is None:
                        return data
                    return cast(None | str, data)

                output_tooltips_item = _parse_output_tooltips_item(
                    output_tooltips_item_data
                )

                output_tooltips.append(output_tooltips_item)

        def _parse_output_matchtypes(data: object) -> list[None | str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                output_matchtypes_type_0 = []
                _output_matchtypes_type_0 = data
                for output_matchtypes_type_0_item_data in _output_matchtypes_type_0:

                    def _parse_output_matchtypes_type_0_item(
                        data: object,
                    ) -> None | str:
                        if data is None:
                            return data
                        return cast(None | str, data)

                    output_matchtypes_type_0_item = (
                        _parse_output_matchtypes_type_0_item(
                            output_matchtypes_type_0_item_data
                        )
                    )

                    output_matchtypes_type_0.append(output_matchtypes_type_0_item)

                return output_matchtypes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[None | str] | None | Unset, data)

        output_matchtypes = _parse_output_matchtypes(d.pop("output_matchtypes", UNSET))

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

        has_intermediate_output = d.pop("has_intermediate_output", UNSET)

        def _parse_search_aliases(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                search_aliases_type_0 = cast(list[str], data)

                return search_aliases_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        search_aliases = _parse_search_aliases(d.pop("search_aliases", UNSET))

        def _parse_essentials_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        essentials_category = _parse_essentials_category(
            d.pop("essentials_category", UNSET)
        )

        dev_only = d.pop("dev_only", UNSET)

        experimental = d.pop("experimental", UNSET)

        deprecated = d.pop("deprecated", UNSET)

        api_node = d.pop("api_node", UNSET)

        def _parse_price_badge(data: object) -> NodeInfoPriceBadgeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                price_badge_type_0 = NodeInfoPriceBadgeType0.from_dict(data)

                return price_badge_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NodeInfoPriceBadgeType0 | None | Unset, data)

        price_badge = _parse_price_badge(d.pop("price_badge", UNSET))

        node_info = cls(
            input_=input_,
            output=output,
            name=name,
            input_order=input_order,
            is_input_list=is_input_list,
            output_is_list=output_is_list,
            output_name=output_name,
            output_tooltips=output_tooltips,
            output_matchtypes=output_matchtypes,
            display_name=display_name,
            description=description,
            python_module=python_module,
            category=category,
            output_node=output_node,
            has_intermediate_output=has_intermediate_output,
            search_aliases=search_aliases,
            essentials_category=essentials_category,
            dev_only=dev_only,
            experimental=experimental,
            deprecated=deprecated,
            api_node=api_node,
            price_badge=price_badge,
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
