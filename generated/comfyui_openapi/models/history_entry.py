from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.history_entry_meta import HistoryEntryMeta
    from ..models.history_entry_outputs import HistoryEntryOutputs
    from ..models.history_status import HistoryStatus
    from ..models.queue_item_item_type_2 import QueueItemItemType2
    from ..models.queue_item_item_type_3 import QueueItemItemType3


T = TypeVar("T", bound="HistoryEntry")


@_attrs_define
class HistoryEntry:
    """
    Attributes:
        prompt (list[float | list[str] | QueueItemItemType2 | QueueItemItemType3 | str]): A positional 5-tuple `[number,
            prompt_id, prompt, extra_data, outputs_to_execute]`
            (number int or float). Generated code sees a plain list; the facade parses by position.
        outputs (HistoryEntryOutputs):
        status (HistoryStatus | Unset): Absent on servers older than 2024-01.
        meta (HistoryEntryMeta | Unset):
    """

    prompt: list[float | list[str] | QueueItemItemType2 | QueueItemItemType3 | str]
    outputs: HistoryEntryOutputs
    status: HistoryStatus | Unset = UNSET
    meta: HistoryEntryMeta | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.queue_item_item_type_2 import QueueItemItemType2
        from ..models.queue_item_item_type_3 import QueueItemItemType3

        prompt = []
        for componentsschemas_queue_item_item_data in self.prompt:
            componentsschemas_queue_item_item: dict[str, Any] | float | list[str] | str
            if isinstance(
                componentsschemas_queue_item_item_data, QueueItemItemType2
            ) or isinstance(componentsschemas_queue_item_item_data, QueueItemItemType3):
                componentsschemas_queue_item_item = (
                    componentsschemas_queue_item_item_data.to_dict()
                )
            elif isinstance(componentsschemas_queue_item_item_data, list):
                componentsschemas_queue_item_item = (
                    componentsschemas_queue_item_item_data
                )

            else:
                componentsschemas_queue_item_item = (
                    componentsschemas_queue_item_item_data
                )
            prompt.append(componentsschemas_queue_item_item)

        outputs = self.outputs.to_dict()

        status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.to_dict()

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
                "outputs": outputs,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.history_entry_meta import HistoryEntryMeta
        from ..models.history_entry_outputs import HistoryEntryOutputs
        from ..models.history_status import HistoryStatus
        from ..models.queue_item_item_type_2 import QueueItemItemType2
        from ..models.queue_item_item_type_3 import QueueItemItemType3

        d = dict(src_dict)
        prompt = []
        _prompt = d.pop("prompt")
        for componentsschemas_queue_item_item_data in _prompt:

            def _parse_componentsschemas_queue_item_item(
                data: object,
            ) -> float | list[str] | QueueItemItemType2 | QueueItemItemType3 | str:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_queue_item_item_type_2 = (
                        QueueItemItemType2.from_dict(data)
                    )

                    return componentsschemas_queue_item_item_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_queue_item_item_type_3 = (
                        QueueItemItemType3.from_dict(data)
                    )

                    return componentsschemas_queue_item_item_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    componentsschemas_queue_item_item_type_4 = cast(list[str], data)

                    return componentsschemas_queue_item_item_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(
                    float | list[str] | QueueItemItemType2 | QueueItemItemType3 | str,
                    data,
                )

            componentsschemas_queue_item_item = (
                _parse_componentsschemas_queue_item_item(
                    componentsschemas_queue_item_item_data
                )
            )

            prompt.append(componentsschemas_queue_item_item)

        outputs = HistoryEntryOutputs.from_dict(d.pop("outputs"))

        _status = d.pop("status", UNSET)
        status: HistoryStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = HistoryStatus.from_dict(_status)

        _meta = d.pop("meta", UNSET)
        meta: HistoryEntryMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = HistoryEntryMeta.from_dict(_meta)

        history_entry = cls(
            prompt=prompt,
            outputs=outputs,
            status=status,
            meta=meta,
        )

        history_entry.additional_properties = d
        return history_entry

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
