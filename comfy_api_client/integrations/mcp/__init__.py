"""An MCP server on the client (``comfy-api-client mcp``; the ``mcp`` extra): ComfyUI for AI
agents, with the client's reconnects, reconciliation after restarts and failover.

    from comfy_api_client.integrations.mcp import Settings, build
    server, tools = build(Settings(servers=["127.0.0.1:8188"]))
"""

from __future__ import annotations

try:
    import mcp  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "comfy_api_client.integrations.mcp needs the MCP SDK: pip install 'comfy-api-client[mcp]'"
    ) from exc

from .server import Settings, build, run, serve

__all__ = ["Settings", "build", "run", "serve"]
