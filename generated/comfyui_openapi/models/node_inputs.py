from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node_inputs_hidden import NodeInputsHidden
    from ..models.node_inputs_optional import NodeInputsOptional
    from ..models.node_inputs_required import NodeInputsRequired


T = TypeVar("T", bound="NodeInputs")


@_attrs_define
class NodeInputs:
    """Sections `required`, `optional`, `hidden`: input name -> `[type or options, {config}]`, `[type]`, or (hidden) a type
    name.

        Attributes:
            required (NodeInputsRequired | Unset):
            optional (NodeInputsOptional | Unset):
            hidden (NodeInputsHidden | Unset):
    """

    required: NodeInputsRequired | Unset = UNSET
    optional: NodeInputsOptional | Unset = UNSET
    hidden: NodeInputsHidden | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        required: dict[str, Any] | Unset = UNSET
        if not isinstance(self.required, Unset):
            required = self.required.to_dict()

        optional: dict[str, Any] | Unset = UNSET
        if not isinstance(self.optional, Unset):
            optional = self.optional.to_dict()

        hidden: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hidden, Unset):
            hidden = self.hidden.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if required is not UNSET:
            field_dict["required"] = required
        if optional is not UNSET:
            field_dict["optional"] = optional
        if hidden is not UNSET:
            field_dict["hidden"] = hidden

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.node_inputs_hidden import NodeInputsHidden
        from ..models.node_inputs_optional import NodeInputsOptional
        from ..models.node_inputs_required import NodeInputsRequired

        d = dict(src_dict)
        _required = d.pop("required", UNSET)
        required: NodeInputsRequired | Unset
        if isinstance(_required, Unset):
            required = UNSET
        else:
            required = NodeInputsRequired.from_dict(_required)

        _optional = d.pop("optional", UNSET)
        optional: NodeInputsOptional | Unset
        if isinstance(_optional, Unset):
            optional = UNSET
        else:
            optional = NodeInputsOptional.from_dict(_optional)

        _hidden = d.pop("hidden", UNSET)
        hidden: NodeInputsHidden | Unset
        if isinstance(_hidden, Unset):
            hidden = UNSET
        else:
            hidden = NodeInputsHidden.from_dict(_hidden)

        node_inputs = cls(
            required=required,
            optional=optional,
            hidden=hidden,
        )

        node_inputs.additional_properties = d
        return node_inputs

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
