"""Kept so that ``import comfy_api_client.convert`` works;
the code lives in ``comfy_api_client.workflows.convert``."""

from __future__ import annotations

from .workflows.convert import (
    VIRTUAL_NODE_TYPES,
    WIDGET_TYPES,
    ConversionError,
    is_ui_format,
    ui_to_api,
)

__all__ = ["VIRTUAL_NODE_TYPES", "WIDGET_TYPES", "ConversionError", "is_ui_format", "ui_to_api"]
