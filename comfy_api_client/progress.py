"""Kept so that ``import comfy_api_client.progress`` works;
the code lives in ``comfy_api_client.notebook.progress``."""

from __future__ import annotations

from .notebook.progress import (
    INSTALL_HINT,
    ProgressView,
    StepProgress,
    Watched,
    describe,
    node_title,
    nodes_done,
)

__all__ = [
    "INSTALL_HINT",
    "ProgressView",
    "StepProgress",
    "Watched",
    "describe",
    "node_title",
    "nodes_done",
]
