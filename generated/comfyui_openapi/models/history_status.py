from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.history_status_messages_item_item_type_1 import (
        HistoryStatusMessagesItemItemType1,
    )


T = TypeVar("T", bound="HistoryStatus")


@_attrs_define
class HistoryStatus:
    """Absent on servers older than 2024-01.

    Attributes:
        status_str (str): success or error (interrupted prompts are error too).
        completed (bool):
        messages (list[list[HistoryStatusMessagesItemItemType1 | str]]): `[event_name, data]` pairs: execution_start,
            execution_cached, then success/error/interrupted.
    """

    status_str: str
    completed: bool
    messages: list[list[HistoryStatusMessagesItemItemType1 | str]]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.history_status_messages_item_item_type_1 import (
            HistoryStatusMessagesItemItemType1,
        )

        status_str = self.status_str

        completed = self.completed

        messages = []
        for messages_item_data in self.messages:
            messages_item = []
            for messages_item_item_data in messages_item_data:
                messages_item_item: dict[str, Any] | str
                if isinstance(
                    messages_item_item_data, HistoryStatusMessagesItemItemType1
                ):
                    messages_item_item = messages_item_item_data.to_dict()
                else:
                    messages_item_item = messages_item_item_data
                messages_item.append(messages_item_item)

            messages.append(messages_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status_str": status_str,
                "completed": completed,
                "messages": messages,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.history_status_messages_item_item_type_1 import (
            HistoryStatusMessagesItemItemType1,
        )

        d = dict(src_dict)
        status_str = d.pop("status_str")

        completed = d.pop("completed")

        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = []
            _messages_item = messages_item_data
            for messages_item_item_data in _messages_item:

                def _parse_messages_item_item(
                    data: object,
                ) -> HistoryStatusMessagesItemItemType1 | str:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        messages_item_item_type_1 = (
                            HistoryStatusMessagesItemItemType1.from_dict(data)
                        )

                        return messages_item_item_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(HistoryStatusMessagesItemItemType1 | str, data)

                messages_item_item = _parse_messages_item_item(messages_item_item_data)

                messages_item.append(messages_item_item)

            messages.append(messages_item)

        history_status = cls(
            status_str=status_str,
            completed=completed,
            messages=messages,
        )

        history_status.additional_properties = d
        return history_status

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
