"""Telling the workflow formats apart, without loading the converter."""

from __future__ import annotations

from collections.abc import Mapping


def is_ui_format(data: object) -> bool:
    """Whether ``data`` is a UI-format workflow (a ``nodes`` list and ``links``)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("nodes"), list):
        return False
    links = data.get("links")
    if isinstance(links, list):
        return True
    # Schema 1 leaves ``links`` out when there are none.
    return "links" not in data and isinstance(data.get("state"), Mapping)
