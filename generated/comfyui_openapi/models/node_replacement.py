from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node_replacement_input import NodeReplacementInput
    from ..models.node_replacement_output import NodeReplacementOutput


T = TypeVar("T", bound="NodeReplacement")


@_attrs_define
class NodeReplacement:
    """
    Attributes:
        new_node_id (str): The class that replaces it.
        old_node_id (str):
        old_widget_ids (list[str] | None | Unset): The old node's widget names in `widgets_values` order, or null.
        input_mapping (list[NodeReplacementInput] | None | Unset): How the new node's inputs are fed; null to keep
            names.
        output_mapping (list[NodeReplacementOutput] | None | Unset): Which old output each new output takes; null to
            keep positions.
    """

    new_node_id: str
    old_node_id: str
    old_widget_ids: list[str] | None | Unset = UNSET
    input_mapping: list[NodeReplacementInput] | None | Unset = UNSET
    output_mapping: list[NodeReplacementOutput] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        new_node_id = self.new_node_id

        old_node_id = self.old_node_id

        old_widget_ids: list[str] | None | Unset
        if isinstance(self.old_widget_ids, Unset):
            old_widget_ids = UNSET
        elif isinstance(self.old_widget_ids, list):
            old_widget_ids = self.old_widget_ids

        else:
            old_widget_ids = self.old_widget_ids

        input_mapping: list[dict[str, Any]] | None | Unset
        if isinstance(self.input_mapping, Unset):
            input_mapping = UNSET
        elif isinstance(self.input_mapping, list):
            input_mapping = []
            for input_mapping_type_0_item_data in self.input_mapping:
                input_mapping_type_0_item = input_mapping_type_0_item_data.to_dict()
                input_mapping.append(input_mapping_type_0_item)

        else:
            input_mapping = self.input_mapping

        output_mapping: list[dict[str, Any]] | None | Unset
        if isinstance(self.output_mapping, Unset):
            output_mapping = UNSET
        elif isinstance(self.output_mapping, list):
            output_mapping = []
            for output_mapping_type_0_item_data in self.output_mapping:
                output_mapping_type_0_item = output_mapping_type_0_item_data.to_dict()
                output_mapping.append(output_mapping_type_0_item)

        else:
            output_mapping = self.output_mapping

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "new_node_id": new_node_id,
                "old_node_id": old_node_id,
            }
        )
        if old_widget_ids is not UNSET:
            field_dict["old_widget_ids"] = old_widget_ids
        if input_mapping is not UNSET:
            field_dict["input_mapping"] = input_mapping
        if output_mapping is not UNSET:
            field_dict["output_mapping"] = output_mapping

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.node_replacement_input import NodeReplacementInput
        from ..models.node_replacement_output import NodeReplacementOutput

        d = dict(src_dict)
        new_node_id = d.pop("new_node_id")

        old_node_id = d.pop("old_node_id")

        def _parse_old_widget_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                old_widget_ids_type_0 = cast(list[str], data)

                return old_widget_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        old_widget_ids = _parse_old_widget_ids(d.pop("old_widget_ids", UNSET))

        def _parse_input_mapping(
            data: object,
        ) -> list[NodeReplacementInput] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                input_mapping_type_0 = []
                _input_mapping_type_0 = data
                for input_mapping_type_0_item_data in _input_mapping_type_0:
                    input_mapping_type_0_item = NodeReplacementInput.from_dict(
                        input_mapping_type_0_item_data
                    )

                    input_mapping_type_0.append(input_mapping_type_0_item)

                return input_mapping_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[NodeReplacementInput] | None | Unset, data)

        input_mapping = _parse_input_mapping(d.pop("input_mapping", UNSET))

        def _parse_output_mapping(
            data: object,
        ) -> list[NodeReplacementOutput] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                output_mapping_type_0 = []
                _output_mapping_type_0 = data
                for output_mapping_type_0_item_data in _output_mapping_type_0:
                    output_mapping_type_0_item = NodeReplacementOutput.from_dict(
                        output_mapping_type_0_item_data
                    )

                    output_mapping_type_0.append(output_mapping_type_0_item)

                return output_mapping_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[NodeReplacementOutput] | None | Unset, data)

        output_mapping = _parse_output_mapping(d.pop("output_mapping", UNSET))

        node_replacement = cls(
            new_node_id=new_node_id,
            old_node_id=old_node_id,
            old_widget_ids=old_widget_ids,
            input_mapping=input_mapping,
            output_mapping=output_mapping,
        )

        node_replacement.additional_properties = d
        return node_replacement

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
