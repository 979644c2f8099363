"""The first release's module of names (``from comfy_api_client.compat.first_release import ...``).

Code written for comfy-api-client 0.1.0 runs against these; each is today's class or a thin
subclass of it. The README lists what behaves differently now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from .. import create_client
from .._async.prompt import AsyncPrompt
from ..calls.uploads import UploadResult
from ..core.queue_state import QueueEntry, QueueState
from ..core.results import OutputImage, PromptResult
from ..errors import ExecutionError
from .api_client import ComfyAPIClient

if TYPE_CHECKING:  # the generated models take long to import
    from comfyui_openapi.models import SystemStats


def __getattr__(name: str) -> Any:
    if name == "SystemStats":
        from comfyui_openapi.models import SystemStats

        return SystemStats
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: ``type`` of an uploaded or retrieved image.
ImageTypes = Literal["input", "temp", "output"]
#: What ``get_embeddings`` / ``get_extensions`` return.
FileList = list[str]
#: The first release's names for today's types.
ImageUploadResponse = UploadResult
ImageItem = OutputImage
PromptResponse = AsyncPrompt
ComfyExecutionError = ExecutionError


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
