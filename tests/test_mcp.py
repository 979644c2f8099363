"""The MCP server (``comfy-api-client mcp``) driven by the MCP SDK's own client over stdio,
as an agent's host drives it: a subprocess running ``python -m comfy_api_client mcp``.

One server process serves the module's tests (starting one costs seconds); it runs with a
secret header, and every result and its log are searched for that secret."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from conftest import LIVE_URL, tiny_workflow

pytest.importorskip("mcp")
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

pytestmark = pytest.mark.asyncio(loop_scope="module")

ROOT = Path(__file__).resolve().parent.parent
SECRET = "mcp-secret-7f3a9c1e5b"
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
PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@contextlib.asynccontextmanager
async def session(*args: str, errlog: Any = None) -> AsyncIterator[ClientSession]:
    """An MCP client session with a fresh server process."""
    env = {"PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "generated")]), "COMFYUI_URL": ""}
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "comfy_api_client", "mcp", *args], env=env, cwd=ROOT
    )
    async with (
        stdio_client(params, errlog=errlog or sys.stderr) as (read, write),
        ClientSession(read, write) as client,
    ):
        await client.initialize()
        yield client


class Shared:
    """The module's server process, its folders and what it wrote to stderr."""

    def __init__(self, client: ClientSession, folder: Path, log: Any) -> None:
        self.client = client
        self.folder = folder
        self.log = log
        self.seen: list[Any] = []
        self.tools: list[str] = []  # the tool of each result seen

    async def call(self, name: str, arguments: dict[str, Any], **kwargs: Any) -> Any:
        result = await self.client.call_tool(name, arguments, **kwargs)
        self.seen.append(result)
        self.tools.append(name)
        return result


@pytest.fixture(scope="module")
def folders() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("workflows", "inputs", "outputs", "elsewhere"):
            (root / name).mkdir()
        (root / "workflows" / "tiny.json").write_text(json.dumps(tiny_workflow(7, 8, "wf")))
        (root / "elsewhere" / "secret.json").write_text(json.dumps(tiny_workflow(8)))
        (root / "elsewhere" / "secret.png").write_bytes(PNG_1PX)
        (root / "workflows" / "link.json").symlink_to(root / "elsewhere" / "secret.json")
        (root / "inputs" / "dot.png").write_bytes(PNG_1PX)
        (root / "inputs" / "link.png").symlink_to(root / "elsewhere" / "secret.png")
        yield root


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def mcp_server(server: Any, folders: Path) -> AsyncIterator[Shared]:
    """The session lives in a task of its own: the SDK's task groups are entered and left
    there, while the tests call it from theirs."""
    ready: asyncio.Future[Shared] = asyncio.get_running_loop().create_future()
    stop = asyncio.Event()
    log = (folders / "stderr.log").open("w+")
    args = ["--server", server.url, "--header", f"Authorization: Bearer {SECRET}"]
    for name in ("workflows", "inputs"):
        args += [f"--{name}", str(folders / name)]
    args += ["--output-dir", str(folders / "outputs")]

    async def hold() -> None:
        try:
            async with session(*args, errlog=log) as client:
                ready.set_result(Shared(client, folders, log))
                await stop.wait()
        except BaseException as exc:
            if not ready.done():
                ready.set_exception(exc)
            raise

    task = asyncio.create_task(hold())
    shared = await asyncio.wait_for(ready, 60)
    yield shared
    stop.set()
    await asyncio.wait_for(task, 30)
    log.seek(0)
    text = log.read()
    log.close()
    assert SECRET not in text
    for result in shared.seen:
        assert SECRET not in result.model_dump_json()


def structured(result: Any) -> dict[str, Any]:
    """A result's structured content; a tool error's fields (JSON in its last text block: an
    error carries no structured content, which clients check against the output schema)."""
    if result.is_error:
        assert result.structured_content is None, result
        return dict(json.loads(result.content[-1].text))
    assert result.structured_content is not None, result
    return dict(result.structured_content)


def ok(result: Any) -> dict[str, Any]:
    assert not result.is_error, result.content
    return structured(result)


def images(result: Any) -> list[bytes]:
    return [base64.b64decode(c.data) for c in result.content if c.type == "image"]


@contextlib.contextmanager
def slow_nodes(server: Any, seconds: float) -> Iterator[None]:
    server.node_delay = seconds
    try:
        yield
    finally:
        server.node_delay = 0


async def test_tools_are_typed_and_a_run_returns_image_content(mcp_server: Shared) -> None:
    listed = (await mcp_server.client.list_tools()).tools
    assert {t.name for t in listed} == TOOLS
    for tool in listed:  # typed input, structured output, a description to choose by
        assert tool.output_schema is not None and tool.description, tool.name
        assert tool.input_schema.get("type") == "object"
    result = await mcp_server.call(
        "run_workflow", {"workflow": tiny_workflow(color=0x336699, size=24, prefix="mcp")}
    )
    data = ok(result)
    assert data["status"] == "success"
    (file,) = data["files"]
    assert file["kind"] == "image" and file["node_id"] == "3"
    (png,) = images(result)
    assert png.startswith(b"\x89PNG")
    links = [c for c in result.content if c.type == "resource_link"]
    assert [link.uri for link in links] == [file["resource_uri"]]
    read = await mcp_server.client.read_resource(file["resource_uri"])
    assert base64.b64decode(read.contents[0].blob) == png  # small: the preview is the file
    saved = Path(file["saved_path"])
    assert saved.read_bytes() == png and saved.is_relative_to(mcp_server.folder / "outputs")


async def test_large_images_come_as_a_preview_and_the_full_file(mcp_server: Shared) -> None:
    workflow = tiny_workflow(color=0x123456, size=1500, prefix="big")
    data = ok(result := await mcp_server.call("run_workflow", {"workflow": workflow}))
    (file,) = data["files"]
    (preview,) = images(result)
    import io

    from PIL import Image

    assert max(Image.open(io.BytesIO(preview)).size) == 1024
    assert "preview" in file["preview"]
    read = await mcp_server.client.read_resource(file["resource_uri"])
    assert Image.open(io.BytesIO(base64.b64decode(read.contents[0].blob))).size == (1500, 1500)


async def test_progress_is_notified_while_it_runs(mcp_server: Shared, double: Any) -> None:
    progress: list[tuple[float, float | None, str | None]] = []

    async def on_progress(value: float, total: float | None, message: str | None) -> None:
        progress.append((value, total, message))

    with slow_nodes(double, 0.4):
        result = await mcp_server.call(
            "run_workflow",
            {"workflow": tiny_workflow(color=0x010203)},
            progress_callback=on_progress,
        )
    assert ok(result)["status"] == "success"
    assert any(m and m.startswith("running node") for _, _, m in progress), progress
    values = [v for v, _, _ in progress]
    assert values == sorted(values) and all(t == 1.0 for _, t, _ in progress)


async def test_submit_then_status_and_result_by_id(mcp_server: Shared, double: Any) -> None:
    double.set_paused(True)
    submitted = ok(await mcp_server.call("submit_workflow", {"workflow": tiny_workflow(0x0A0B0C)}))
    pid = submitted["prompt_id"]
    assert ok(await mcp_server.call("get_prompt_status", {"prompt_id": pid}))["status"] == "queued"
    early = await mcp_server.call("get_prompt_result", {"prompt_id": pid, "wait": False})
    assert early.is_error and structured(early)["error"] == "PromptNotFinishedError"
    double.set_paused(False)
    result = await mcp_server.call("get_prompt_result", {"prompt_id": pid})
    assert ok(result)["prompt_id"] == pid and len(images(result)) == 1
    again = ok(await mcp_server.call("get_prompt_result", {"prompt_id": pid, "wait": False}))
    assert again["files"] == ok(result)["files"]  # saved once: the same path both times
    assert Path(again["files"][0]["saved_path"]).is_file()
    status = ok(await mcp_server.call("get_prompt_status", {"prompt_id": pid}))
    assert status["status"] == "completed"
    unknown = ok(
        await mcp_server.call(
            "get_prompt_status", {"prompt_id": "0" * 8 + "-0000-4000-8000-" + "0" * 12}
        )
    )
    assert unknown["status"] == "unknown"


async def test_a_broken_workflow_gets_structured_problems(mcp_server: Shared) -> None:
    workflow = tiny_workflow()
    workflow["1"]["inputs"].update(width=0, height=-5)
    data = ok(await mcp_server.call("validate_workflow", {"workflow": workflow}))
    assert data["valid"] is False
    by_input = {p["input"]: p for p in data["problems"]}
    assert by_input.keys() == {"width", "height"}
    assert by_input["width"]["value"] == 0 and by_input["height"]["value"] == -5
    for problem in data["problems"]:
        assert problem["node_id"] == "1" and problem["class_type"] == "EmptyImage"
        assert "min" in problem["reason"].lower(), problem
    linked = tiny_workflow()
    linked["2"]["inputs"]["image"] = ["9", 0]
    data = ok(await mcp_server.call("validate_workflow", {"workflow": linked}))
    (problem,) = data["problems"]
    assert problem["node_id"] == "2" and problem["input"] == "image"
    assert problem["type"] == "linked_node_missing"
    good = ok(await mcp_server.call("validate_workflow", {"workflow": tiny_workflow()}))
    assert good == {"valid": True, "nodes": 3, "problems": [], "message": "valid"}
    # run_workflow refuses it before sending, as a tool error with the typed error's fields
    refused = await mcp_server.call("run_workflow", {"workflow": workflow})
    assert refused.is_error
    error = structured(refused)
    assert error["error"] == "PromptValidationError"
    assert {p["input_name"] for p in error["fields"]["problems"]} == {"width", "height"}


async def test_set_fill_and_placeholders(mcp_server: Shared) -> None:
    import io

    from PIL import Image

    workflow = tiny_workflow(color=0x202020)
    workflow["1"]["inputs"]["width"] = "{{SIZE}}"
    unfilled = await mcp_server.call("run_workflow", {"workflow": workflow})
    assert unfilled.is_error and structured(unfilled)["error"] == "WorkflowError"
    assert "{{SIZE}}" in structured(unfilled)["message"]
    assert "'fill'" in structured(unfilled)["message"]
    arguments = {"workflow": workflow, "fill": {"SIZE": 20}, "set": {"EmptyImage.height": 12}}
    (png,) = images(await mcp_server.call("run_workflow", arguments))
    assert Image.open(io.BytesIO(png)).size == (20, 12)


def regex_workflow(pattern: str) -> dict[str, Any]:
    """RegexReplace -> PreviewAny: a text output, or a node raising at run time."""
    options = {"case_insensitive": True, "multiline": False, "dotall": False, "count": 0}
    return {
        "1": {
            "class_type": "RegexReplace",
            "inputs": {"string": "abc", "regex_pattern": pattern, "replace": "x", **options},
        },
        "2": {"class_type": "PreviewAny", "inputs": {"source": ["1", 0]}},
    }


async def test_texts_come_as_text_and_a_failing_node_as_a_typed_error(mcp_server: Shared) -> None:
    result = await mcp_server.call("run_workflow", {"workflow": regex_workflow("b")})
    assert ok(result)["texts"] == {"2": ["axc"]}
    assert "[node 2] axc" in [c.text for c in result.content if c.type == "text"]
    failed = await mcp_server.call("run_workflow", {"workflow": regex_workflow("(unclosed")})
    assert failed.is_error
    error = structured(failed)
    assert error["error"] == "ExecutionError"
    assert error["fields"]["node_id"] == "1" and error["fields"]["exception_message"]
    assert error["fields"]["prompt_id"] in error["message"]


async def test_bad_calls_are_tool_errors_and_the_server_goes_on(mcp_server: Shared) -> None:
    calls: list[tuple[str, dict[str, Any], str]] = [
        ("run_workflow", {}, "WorkflowError"),
        ("run_workflow", {"workflow": {"1": {"inputs": {}}}}, "WorkflowError"),
        ("run_workflow", {"workflow": tiny_workflow(), "set": {"Nope.width": 3}}, "WorkflowError"),
        ("describe_node", {"name": "NoSuchNode"}, "LookupError"),
        ("get_prompt_result", {"prompt_id": "not-a-prompt", "wait": False}, "LookupError"),
        ("upload_image", {"data_base64": "%%%", "name": "x.png"}, "WorkflowError"),
        ("upload_image", {"data_base64": "AAAA", "name": "../x.png"}, "WorkflowError"),
    ]
    for name, arguments, kind in calls:
        result = await mcp_server.call(name, arguments)
        assert result.is_error, (name, arguments)
        assert structured(result)["error"] == kind, (name, result.content)
    wrong_type = await mcp_server.call("search_nodes", {"query": 5, "limit": "many"})
    assert wrong_type.is_error  # the SDK's own argument check
    assert ok(await mcp_server.call("describe_server", {}))["servers"]


async def test_nothing_outside_the_allowed_folders_is_read(mcp_server: Shared) -> None:
    outside = str(mcp_server.folder / "elsewhere" / "secret.json")
    for path in (
        "../elsewhere/secret.json",
        outside,
        "link.json",
        "sub/../../elsewhere/secret.json",
    ):
        result = await mcp_server.call("run_workflow", {"workflow_file": path})
        assert result.is_error and structured(result)["error"] == "FolderError", path
    for path in ("../elsewhere/secret.png", "link.png", "/etc/hostname"):
        result = await mcp_server.call("upload_image", {"path": path})
        assert result.is_error and structured(result)["error"] == "FolderError", path
    listed = ok(await mcp_server.call("list_workflows", {}))
    assert listed["files"] == ["tiny.json"]  # the symlink leaving the folder is not offered
    data = ok(await mcp_server.call("run_workflow", {"workflow_file": "tiny.json"}))
    assert data["status"] == "success"
    uploaded = ok(await mcp_server.call("upload_image", {"path": "dot.png", "subfolder": "mcp"}))
    assert uploaded == {"name": "dot.png", "subfolder": "mcp", "type": "input"}


async def test_nodes_models_and_the_server(mcp_server: Shared, server: Any) -> None:
    found = ok(await mcp_server.call("search_nodes", {"query": "invert image"}))
    assert "ImageInvert" in [m["name"] for m in found["matches"]]
    node = ok(await mcp_server.call("describe_node", {"name": "EmptyImage"}))
    width = next(i for i in node["inputs"] if i["name"] == "width")
    assert width["type"] == "INT" and width["required"] and width["min"] == 1
    assert [o["type"] for o in node["outputs"]] == ["IMAGE"]
    folders = ok(await mcp_server.call("list_models", {}))["folders"]
    assert "checkpoints" in folders
    assert isinstance(
        ok(await mcp_server.call("list_models", {"folder": "checkpoints"}))["files"], list
    )
    (described,) = ok(await mcp_server.call("describe_server", {}))["servers"]
    assert described["state"] == "up" and described["version"] and described["devices"]
    assert described["queue_running"] is not None


async def test_cancelling_the_call_cancels_the_prompt(mcp_server: Shared, double: Any) -> None:
    running = asyncio.Event()

    async def on_progress(value: float, total: float | None, message: str | None) -> None:
        if message and message.startswith("running"):
            running.set()

    with slow_nodes(double, 1.0):
        call = asyncio.create_task(
            mcp_server.client.call_tool(
                "run_workflow", {"workflow": tiny_workflow(0x0C0C0C)}, progress_callback=on_progress
            )
        )
        await asyncio.wait_for(running.wait(), 30)
        (pid,) = [item[1] for item in double_queue(double)["queue_running"]]
        call.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await call
        for _ in range(100):
            status = ok(await mcp_server.call("get_prompt_status", {"prompt_id": pid}))["status"]
            if status in ("interrupted", "cancelled"):
                break
            await asyncio.sleep(0.1)
    assert status in ("interrupted", "cancelled")
    assert double_queue(double)["queue_running"] == []


async def test_a_server_restart_mid_run_still_gives_the_result(
    mcp_server: Shared, double: Any
) -> None:
    running = asyncio.Event()

    async def on_progress(value: float, total: float | None, message: str | None) -> None:
        if message and message.startswith("running"):
            running.set()

    with slow_nodes(double, 0.5):
        call = asyncio.create_task(
            mcp_server.call(
                "run_workflow", {"workflow": tiny_workflow(0x0D0D0D)}, progress_callback=on_progress
            )
        )
        await asyncio.wait_for(running.wait(), 30)
        wiped = await asyncio.to_thread(double.restart)
        assert len(wiped) == 1
        result = await asyncio.wait_for(call, 60)
    data = ok(result)
    assert data["status"] == "success" and data["prompt_id"] == wiped[0]
    assert len(images(result)) == 1


def cancels(request: tuple[str, str]) -> bool:
    """A request that removes or interrupts a prompt (native or jobs API)."""
    method, path = request
    return method == "POST" and (path.endswith(("/cancel", "/queue", "/interrupt")))


def double_queue(double: Any) -> dict[str, Any]:
    import httpx

    return dict(httpx.get(f"{double.url}/queue", timeout=10).json())


async def test_a_secret_in_an_error_never_reaches_the_result() -> None:
    """An HTTP error whose body echoes the configured token (as some proxies do)."""
    from comfy_api_client.errors import ComfyHTTPError
    from comfy_api_client.integrations.mcp.safety import Secrets
    from comfy_api_client.integrations.mcp.tools import ComfyTools, Folders

    secrets = Secrets(["http://user:pass-word-1@127.0.0.1:1/?token=tok-en-2"], {"X-Key": SECRET})
    tools = ComfyTools(None, Folders(), secrets)  # type: ignore[arg-type]
    error = ComfyHTTPError(
        401,
        "GET",
        "http://127.0.0.1:1/system_stats?token=tok-en-2",
        {"echo": f"Authorization: Bearer {SECRET}", "auth": "user:pass-word-1"},
    )
    text = tools.failure(error).model_dump_json()
    for secret in (SECRET, "tok-en-2", "pass-word-1"):
        assert secret not in text
    assert "<redacted>" in text and "ComfyHTTPError" in text


@pytest.mark.skipif(not LIVE_URL, reason="needs a real ComfyUI (COMFYUI_URL)")
async def test_a_real_server_is_described() -> None:
    async with session("--server", str(LIVE_URL)) as client:
        (described,) = ok(await client.call_tool("describe_server", {}))["servers"]
        assert described["state"] == "up" and described["version"]


async def test_a_pool_of_two_servers(server: Any, double: Any) -> None:
    """``--server a --server b``: both described; a prompt runs on one of them."""
    from comfy_api_client.testing import ComfyTestServer

    with ComfyTestServer() as other:
        async with session("--server", server.url, "--server", other.url) as client:
            servers = ok(await client.call_tool("describe_server", {}))["servers"]
            assert [s["name"] for s in servers] == [server.url, other.url]
            assert all(s["state"] == "up" for s in servers)
            data = ok(await client.call_tool("run_workflow", {"workflow": tiny_workflow(0x0E)}))
            assert data["status"] == "success" and data["server"] in (server.url, other.url)


async def test_bad_command_lines_exit_2_without_serving(tmp_path: Path) -> None:
    from comfy_api_client.integrations.cli import main

    assert main(["mcp", "--workflows", str(tmp_path / "missing")]) == 2
    assert main(["mcp", "--inputs", str(tmp_path / "missing")]) == 2


async def test_prompts_it_did_not_submit_are_found_on_the_servers(
    mcp_server: Shared, double: Any
) -> None:
    """After the MCP server restarted, say: the prompt ids are looked for on every server."""
    from comfy_api_client import create_async_client

    async with create_async_client(double.url) as direct:
        double.set_paused(True)
        waiting = await direct.submit_workflow(tiny_workflow(0x0F0F0F))
        status = ok(await mcp_server.call("get_prompt_status", {"prompt_id": waiting.prompt_id}))
        assert status == {**status, "status": "queued", "server": double.url}
        cancelled = ok(await mcp_server.call("cancel_prompt", {"prompt_id": waiting.prompt_id}))
        assert cancelled["status"] == "cancelled"
        assert double_queue(double)["queue_pending"] == []
        double.set_paused(False)
        done = await direct.run(tiny_workflow(0x0F0F10), timeout=30)
    status = ok(await mcp_server.call("get_prompt_status", {"prompt_id": done.prompt_id}))
    assert status["status"] == "completed"
    result = await mcp_server.call("get_prompt_result", {"prompt_id": done.prompt_id})
    assert ok(result)["status"] == "success" and len(images(result)) == 1


async def test_the_secret_header_was_sent(mcp_server: Shared, double: Any) -> None:
    """So that the searches for it in every result and in the log mean something."""
    ok(await mcp_server.call("describe_server", {}))
    sent = [h.get("Authorization") for h in double.request_headers]
    assert f"Bearer {SECRET}" in sent


async def test_without_the_extra_the_install_hint(tmp_path: Path) -> None:
    """``mcp`` missing: the import says what to install; the command says it and exits 2."""
    (tmp_path / "mcp.py").write_text("raise ImportError('No module named mcp')\n")
    paths = [str(tmp_path), str(ROOT), str(ROOT / "generated")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    code = "import comfy_api_client.integrations.mcp"
    done = await asyncio.to_thread(
        subprocess.run, [sys.executable, "-c", code], capture_output=True, text=True, env=env
    )
    assert "pip install 'comfy-api-client[mcp]'" in done.stderr
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "comfy_api_client", "mcp"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2 and "pip install 'comfy-api-client[mcp]'" in done.stderr


async def test_streamable_http_on_request(server: Any) -> None:
    """``--transport http``: the same tools at http://127.0.0.1:PORT/mcp."""
    import socket

    from mcp.client.streamable_http import streamable_http_client

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    paths = [str(ROOT), str(ROOT / "generated")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "COMFYUI_URL": server.url}
    args = ["-m", "comfy_api_client", "mcp", "--transport", "http", "--port", str(port)]
    process = subprocess.Popen([sys.executable, *args], env=env, stdin=subprocess.DEVNULL)
    try:
        for _ in range(300):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)):
                break
            await asyncio.sleep(0.05)
        async with (
            streamable_http_client(f"http://127.0.0.1:{port}/mcp") as (read, write),
            ClientSession(read, write) as client,
        ):
            await client.initialize()
            (described,) = ok(await client.call_tool("describe_server", {}))["servers"]
            assert described["name"] == server.url and described["state"] == "up"
    finally:
        process.terminate()
        await asyncio.to_thread(process.wait, 20)


async def test_a_call_cancelled_while_its_post_is_held_leaves_no_prompt(
    mcp_server: Shared, double: Any
) -> None:
    """The post ends (the server queues the prompt), then the prompt is cancelled."""
    posts = sum(r == ("POST", "/prompt") for r in double.requests)
    ran = len(double.executed)
    double.set_paused(True)
    double.faults.delay("/prompt", 1.0, method="POST")
    call = asyncio.create_task(
        mcp_server.client.call_tool("submit_workflow", {"workflow": tiny_workflow(0x0A0A0A)})
    )
    for _ in range(200):
        if sum(r == ("POST", "/prompt") for r in double.requests) > posts:
            break
        await asyncio.sleep(0.02)
    call.cancel()  # while the server holds the post
    with contextlib.suppress(asyncio.CancelledError):
        await call
    start = len(double.requests)
    for _ in range(200):  # the post lands after its delay; then the prompt is cancelled
        await asyncio.sleep(0.05)
        if any(cancels(r) for r in double.requests[start:]):
            break
    assert any(cancels(r) for r in double.requests[start:])
    double.set_paused(False)
    assert double_queue(double) == {"queue_running": [], "queue_pending": []}
    assert len(double.executed) == ran


async def test_every_result_so_far_matches_its_output_schema(mcp_server: Shared) -> None:
    """What the TypeScript SDK's client checks (it rejects a result whose structured content,
    error or not, does not match the tool's output schema): every result of this module's
    calls, successes and tool errors alike."""
    import jsonschema

    schemas = {
        tool.name: tool.output_schema for tool in (await mcp_server.client.list_tools()).tools
    }
    errors = [result for result in mcp_server.seen if result.is_error]
    assert errors and len(errors) < len(mcp_server.seen)  # both kinds were seen
    for name, result in zip(mcp_server.tools, mcp_server.seen, strict=True):
        if result.is_error:
            assert result.structured_content is None
            if result.content[0].text.startswith(f"Error executing tool {name}:"):
                continue  # arguments the SDK refused against the input schema, before the tool
            assert {"error", "message", "fields"} <= set(structured(result)), name
    for name, result in zip(mcp_server.tools, mcp_server.seen, strict=True):
        if not result.is_error:
            jsonschema.Draft202012Validator(schemas[name]).validate(result.structured_content)
