"""An in-process ComfyUI test double, for your tests and ours.

``ComfyTestServer`` imitates a CPU-only ComfyUI as recorded, 0.33.0 by default (with its jobs
and assets APIs) or 0.3.64 (``version="0.3.64"``): the same routes, bodies, status codes,
WebSocket messages and their order, queue and history semantics, validation errors, caching,
interrupts. It executes a handful of tiny
image and text nodes with Pillow, and adds controls real servers lack: fault injection,
pausing the queue, restarts.

    from comfy_api_client.testing import ComfyTestServer

    with ComfyTestServer() as server:
        client = create_client(server.url)
        ...

Needs the ``testing`` extra (``aiohttp``, ``pillow`` and ``blake3``).
"""

from __future__ import annotations

try:
    import aiohttp  # noqa: F401
    import PIL  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "comfy_api_client.testing needs aiohttp and pillow: pip install 'comfy-api-client[testing]'"
    ) from exc

from .faults import Faults
from .server import ComfyTestServer

__all__ = ["ComfyTestServer", "Faults"]
