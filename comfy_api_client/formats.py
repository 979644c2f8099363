"""The inputs that hold seeds, and lenient reads of JSON of unknown shape (telling a UI-format
workflow from an API-format one is ``validation.is_ui_format``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Input names that hold a noise seed (``randomize_seeds``, the editor's seed widgets).
SEED_INPUTS = ("seed", "noise_seed")


def as_mapping(value: object) -> Mapping[str, Any]:
    """``value`` if it is a mapping, else an empty one."""
    return value if isinstance(value, Mapping) else {}
