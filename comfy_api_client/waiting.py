"""Kept so that ``import comfy_api_client.waiting`` works;
the code lives in ``comfy_api_client.integrations.waiting``."""

from __future__ import annotations

from .integrations.waiting import (
    ComfyTimeoutError,
    InvalidArgumentError,
    ProgressView,
    PromptResult,
    async_wait_all,
    wait_all,
)

__all__ = [
    "ComfyTimeoutError",
    "InvalidArgumentError",
    "ProgressView",
    "PromptResult",
    "async_wait_all",
    "wait_all",
]
