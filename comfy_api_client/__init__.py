"""comfy-api-client: a typed client for the ComfyUI server API.

The generated bindings live in the ``comfyui_openapi`` package (one module per operation, sync
and async). This package holds the handwritten parts; the ``create_client`` /
``create_async_client`` facade is being built (see ``drafts/facade`` in the repository).
"""

from __future__ import annotations

from . import errors, utils
from .address import ServerAddress
from .options import DEFAULT_HTTP_TIMEOUT, ClientKeywords, ClientOptions, TrackerMode

__all__ = [
    "DEFAULT_HTTP_TIMEOUT",
    "ClientKeywords",
    "ClientOptions",
    "ServerAddress",
    "TrackerMode",
    "errors",
    "utils",
]
