from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.api_node_inputs import ApiNodeInputs
    from ..models.api_node_meta import ApiNodeMeta


T = TypeVar("T", bound="ApiNode")


@_attrs_define
class ApiNode:
    """One node of an API-format graph. Inputs are literals or links `[node_id, output_index]`; a literal list is wrapped
    as `{"__value__": [...]}`.

        Attributes:
            class_type (str):
            inputs (ApiNodeInputs):
            field_meta (ApiNodeMeta | Unset):
    """

    class_type: str
    inputs: ApiNodeInputs
    field_meta: ApiNodeMeta | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        class_type = self.class_type

        inputs = self.inputs.to_dict()

        field_meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.field_meta, Unset):
            field_meta = self.field_meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "class_type": class_type,
                "inputs": inputs,
            }
        )
        if field_meta is not UNSET:
            field_dict["_meta"] = field_meta

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.api_node_inputs import ApiNodeInputs
        from ..models.api_node_meta import ApiNodeMeta

        d = dict(src_dict)
        class_type = d.pop("class_type")

        inputs = ApiNodeInputs.from_dict(d.pop("inputs"))

        _field_meta = d.pop("_meta", UNSET)
        field_meta: ApiNodeMeta | Unset
        if isinstance(_field_meta, Unset):
            field_meta = UNSET
        else:
            field_meta = ApiNodeMeta.from_dict(_field_meta)

        api_node = cls(
            class_type=class_type,
            inputs=inputs,
            field_meta=field_meta,
        )

        api_node.additional_properties = d
        return api_node

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
