"""The first release's README examples, run unchanged (WebSocket, HTTP polling, manual polling).

Each snippet is the README's text, executed as top-level async code with the names the README
assumes (``comfyui_server``, a ``workflow.json`` in the working directory). Against the double,
or against a real ComfyUI when ``COMFYUI_URL`` is set.
"""

from __future__ import annotations

import ast
import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import tiny_workflow

CREATE_CLIENT = """\
from comfy_api_client import create_client

# Protocol is omitted as the URL may be used for both HTTP and WebSocket requests
comfyui_server = "localhost:8188"

async with create_client(comfyui_server) as client:
    print(await client.get_system_stats())
"""

SUBMIT = """\
from comfy_api_client import utils

workflow = utils.read_json("workflow.json")

async with create_client(comfyui_server) as client:
    prompt = await client.submit_workflow(workflow)

    result = await prompt.future
    image_items = result.output_images
    image = image_items[0].image
"""

HTTP_POLLING = """\
async with create_client(comfyui_server, start_state_tracker="http") as client:
    # Submit and await results as before
    prompt = await client.submit_workflow(workflow)
    result = await prompt.future
"""

MANUAL_POLLING = """\
import time

async with create_client(comfyui_server, start_state_tracker=None) as client:
    # Submit and await result as before
    prompt = await client.submit_workflow(workflow, return_future=False)

    # Will be None; the status needs to be checked manually
    prompt.future

    # Wait for the prompt to finish
    time.sleep(20)

    result = await client.fetch_results(prompt)

    image_items = result.output_images
    image = image_items[0].image
"""


async def run_snippet(code: str, namespace: dict[str, Any]) -> None:
    """Run README text as top-level async code in ``namespace``."""
    compiled = compile(code, "README.md", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    coroutine = eval(compiled, namespace)
    if coroutine is not None:
        await coroutine


@pytest.fixture
def readme(server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A namespace where ``localhost:8188`` is the server under test, and ``workflow.json``."""
    url = urlsplit(server.url)
    address = url.netloc if url.scheme == "http" and url.path in ("", "/") else server.url
    workflow = tiny_workflow(color=int(time.time() * 1000) % (1 << 24), prefix="readme")
    (tmp_path / "workflow.json").write_text(json.dumps(workflow))
    monkeypatch.chdir(tmp_path)
    # The README names the server "localhost:8188"; the test's server is elsewhere.
    return {"__name__": "readme", "_address": address}


def with_server(code: str, namespace: dict[str, Any]) -> str:
    return code.replace('"localhost:8188"', repr(namespace["_address"]))


async def test_create_client_prints_system_stats(
    readme: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    await run_snippet(with_server(CREATE_CLIENT, readme), readme)
    printed = capsys.readouterr().out
    assert "comfyui_version" in printed or "ComfyuiVersion" in printed or "system" in printed


async def test_submit_workflow_over_the_websocket(readme: dict[str, Any]) -> None:
    await run_snippet(with_server(CREATE_CLIENT, readme), readme)
    await run_snippet(SUBMIT, readme)
    image = readme["image"]
    assert image.size == (16, 16)
    assert readme["result"].status == "success"


async def test_http_polling(readme: dict[str, Any]) -> None:
    await run_snippet(with_server(CREATE_CLIENT, readme), readme)
    await run_snippet(SUBMIT, readme)
    readme["workflow"]["1"]["inputs"]["color"] ^= 0xFFFFFF  # a fresh run, not a cached one
    await run_snippet(HTTP_POLLING, readme)
    result = readme["result"]
    assert result.prompt_id == readme["prompt"].prompt_id
    assert result.output_images[0].image.size == (16, 16)


async def test_manual_polling(
    readme: dict[str, Any], server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    await run_snippet(with_server(CREATE_CLIENT, readme), readme)
    await run_snippet(SUBMIT, readme)
    readme["workflow"]["1"]["inputs"]["color"] ^= 0x00FF00

    real_sleep = time.sleep
    slept: list[float] = []

    def sleep_until_idle(seconds: float) -> None:
        """The README sleeps 20 s "to wait for the prompt": wait as long, or until the queue
        is empty, whichever comes first (the server runs in its own thread or process)."""
        slept.append(seconds)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            queue = httpx.get(f"{server.url.rstrip('/')}/queue", timeout=5).json()
            if not queue["queue_running"] and not queue["queue_pending"]:
                return
            real_sleep(0.05)

    monkeypatch.setattr(time, "sleep", sleep_until_idle)
    await run_snippet(MANUAL_POLLING, readme)
    assert slept == [20]
    assert not readme["prompt"].tracked
    assert readme["image"].size == (16, 16)
