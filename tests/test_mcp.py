"""The MCP server (``comfy-api-client mcp``) driven by the MCP SDK's own client over stdio,
as an agent's host drives it: a subprocess running ``python -m comfy_api_client mcp``."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import io
import json
import os
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from conftest import LIVE_URL, slow_workflow, tiny_workflow

mcp = pytest.importorskip("mcp")
from mcp import ClientSession, StdioServerParameters  # noqa: E402
from mcp.client.stdio import stdio_client  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TOOLS = {
    "run_workflow",
    "submit_workflow",
    "get_prompt_status",
    "get_prompt_result",
    "cancel_prompt",
    "validate_workflow",
    "convert_ui_workflow",
    "describe_server",
    "search_nodes",
    "describe_node",
    "list_models",
    "upload_image",
    "list_workflows",
}


@contextlib.asynccontextmanager
async def session(*args: str, stderr: Any = None) -> AsyncIterator[ClientSession]:
    """An MCP client session with a fresh server process."""
    env = {
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "generated")]),
        "COMFYUI_URL": "",
    }
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "comfy_api_client", "mcp", *args], env=env, cwd=ROOT
    )
    errlog = stderr if stderr is not None else sys.stderr
    async with (
        stdio_client(params, errlog=errlog) as (read, write),
        ClientSession(read, write) as client,
    ):
        await client.initialize()
        yield client


def structured(result: Any) -> dict[str, Any]:
    assert result.structured_content is not None, result
    return dict(result.structured_content)


async def test_tools_run_a_workflow_with_progress_and_image_content(server: Any) -> None:
    progress: list[tuple[float, float | None, str | None]] = []

    async def on_progress(value: float, total: float | None, message: str | None) -> None:
        progress.append((value, total, message))

    async with session("--server", server.url) as client:
        listed = (await client.list_tools()).tools
        assert {t.name for t in listed} == TOOLS
        for tool in listed:  # typed input, structured output, a description to choose by
            assert tool.output_schema is not None and tool.description, tool.name
        workflow = tiny_workflow(color=0x336699, size=24, prefix="mcp")
        result = await client.call_tool(
            "run_workflow", {"workflow": workflow}, progress_callback=on_progress
        )
        assert not result.is_error, result.content
        data = structured(result)
        assert data["status"] == "success"
        (file,) = data["files"]
        assert file["kind"] == "image" and file["node_id"] == "3"
        images = [c for c in result.content if c.type == "image"]
        assert len(images) == 1 and images[0].mime_type == "image/png"
        png = base64.b64decode(images[0].data)
        assert png.startswith(b"\x89PNG")
        links = [c for c in result.content if c.type == "resource_link"]
        assert [link.uri for link in links] == [file["resource_uri"]]
        read = await client.read_resource(file["resource_uri"])
        assert base64.b64decode(read.contents[0].blob) == png  # small: the preview is the file
