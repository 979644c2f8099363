"""What workflows look like: telling the formats apart (without loading the converter),
the inputs that hold seeds, and lenient reads of JSON of unknown shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Input names that hold a noise seed (``randomize_seeds``, the editor's seed widgets).
SEED_INPUTS = ("seed", "noise_seed")


def as_mapping(value: object) -> Mapping[str, Any]:
    """``value`` if it is a mapping, else an empty one."""
    return value if isinstance(value, Mapping) else {}


def is_ui_format(data: object) -> bool:
    """Whether ``data`` is a UI-format workflow (a ``nodes`` list and ``links``)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("nodes"), list):
        return False
    links = data.get("links")
    if isinstance(links, list):
        return True
    # Schema 1 leaves ``links`` out when there are none.
    return "links" not in data and isinstance(data.get("state"), Mapping)
