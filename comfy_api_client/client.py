"""Kept so that ``import comfy_api_client.client`` works;
the code lives in ``comfy_api_client.compat.first_release``."""

from __future__ import annotations

from .compat.first_release import (
    ComfyAPIClient,
    ComfyExecutionError,
    FileList,
    ImageItem,
    ImageTypes,
    ImageUploadResponse,
    PromptResponse,
    PromptResult,
    QueueEntry,
    QueueState,
    SystemStats,
    create_client,
)

__all__ = [
    "ComfyAPIClient",
    "ComfyExecutionError",
    "FileList",
    "ImageItem",
    "ImageTypes",
    "ImageUploadResponse",
    "PromptResponse",
    "PromptResult",
    "QueueEntry",
    "QueueState",
    "SystemStats",
    "create_client",
]
