"""JSON values as the editor's JavaScript sees them: ids, truthiness, key order, boxing."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any


class Unset:
    """A widget value JavaScript would leave ``undefined`` (dropped from the JSON)."""

    def __repr__(self) -> str:
        return "<unset>"


UNSET: Any = Unset()


def wrap_value(value: Any, widget_type: str = "") -> Any:
    """A widget value for the prompt: lists are boxed so they are not read as links."""
    if isinstance(value, list):
        boxed = {"__value__": copy.deepcopy(value)}
        return {"__type__": "CURVE", **boxed} if widget_type == "CURVE" else boxed
    return value if value is UNSET else copy.deepcopy(value)


def js_ordered(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """Keys in JavaScript's property order: array indices ascending, then insertion order."""
    indices = sorted((k for k in mapping if _is_array_index(k)), key=int)
    return {k: mapping[k] for k in [*indices, *(k for k in mapping if not _is_array_index(k))]}


def _is_array_index(key: str) -> bool:
    return (
        key.isascii()
        and key.isdigit()
        and (key == "0" or not key.startswith("0"))
        and int(key) < 2**32 - 1
    )


def js_truthy(value: object) -> bool:
    """JavaScript truthiness of a JSON value."""
    if isinstance(value, float) and value != value:
        return False
    return bool(value) or isinstance(value, list | Mapping)


def id_key(value: object) -> str | None:
    """A node or link id as a string key (``String(id)`` in the editor)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return value if isinstance(value, str) else None


def as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value):
        return int(value)
    return None


def as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def as_mappings(value: object) -> list[Mapping[str, Any]]:
    """The entries of a list (non-objects as empty ones, so positions are kept)."""
    return [v if isinstance(v, Mapping) else {} for v in as_list(value)]


def type_name(value: object) -> str:
    if isinstance(value, list | tuple):
        return "COMBO"
    if isinstance(value, str):
        return value
    return "*" if value is None else str(value)
