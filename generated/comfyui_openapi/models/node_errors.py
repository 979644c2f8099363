from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node_error import NodeError


T = TypeVar("T", bound="NodeErrors")


@_attrs_define
class NodeErrors:
    """
    Attributes:
        errors (list[NodeError]):
        dependent_outputs (list[str] | Unset):
        class_type (str | Unset):
    """

    errors: list[NodeError]
    dependent_outputs: list[str] | Unset = UNSET
    class_type: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        dependent_outputs: list[str] | Unset = UNSET
        if not isinstance(self.dependent_outputs, Unset):
            dependent_outputs = self.dependent_outputs

        class_type = self.class_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "errors": errors,
            }
        )
        if dependent_outputs is not UNSET:
            field_dict["dependent_outputs"] = dependent_outputs
        if class_type is not UNSET:
            field_dict["class_type"] = class_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.node_error import NodeError

        d = dict(src_dict)
        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = NodeError.from_dict(errors_item_data)

            errors.append(errors_item)

        dependent_outputs = cast(list[str], d.pop("dependent_outputs", UNSET))

        class_type = d.pop("class_type", UNSET)

        node_errors = cls(
            errors=errors,
            dependent_outputs=dependent_outputs,
            class_type=class_type,
        )

        node_errors.additional_properties = d
        return node_errors

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
