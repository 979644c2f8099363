from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.log_entry import LogEntry
    from ..models.terminal_size import TerminalSize


T = TypeVar("T", bound="RawLogs")


@_attrs_define
class RawLogs:
    """
    Attributes:
        entries (list[LogEntry] | Unset):
        size (TerminalSize | Unset):
    """

    entries: list[LogEntry] | Unset = UNSET
    size: TerminalSize | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entries: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.entries, Unset):
            entries = []
            for entries_item_data in self.entries:
                entries_item = entries_item_data.to_dict()
                entries.append(entries_item)

        size: dict[str, Any] | Unset = UNSET
        if not isinstance(self.size, Unset):
            size = self.size.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if entries is not UNSET:
            field_dict["entries"] = entries
        if size is not UNSET:
            field_dict["size"] = size

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.log_entry import LogEntry
        from ..models.terminal_size import TerminalSize

        d = dict(src_dict)
        _entries = d.pop("entries", UNSET)
        entries: list[LogEntry] | Unset = UNSET
        if _entries is not UNSET:
            entries = []
            for entries_item_data in _entries:
                entries_item = LogEntry.from_dict(entries_item_data)

                entries.append(entries_item)

        _size = d.pop("size", UNSET)
        size: TerminalSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = TerminalSize.from_dict(_size)

        raw_logs = cls(
            entries=entries,
            size=size,
        )

        raw_logs.additional_properties = d
        return raw_logs

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
