"""A newcomer's first contacts (issue 11, part 2): each of these failed before it was fixed."""

from __future__ import annotations

import io
import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import comfy_api_client
from comfy_api_client import (
    ComfyConnectionError,
    ComfyError,
    ComfyHTTPError,
    ComfyTimeoutError,
    InvalidArgumentError,
    PromptStatus,
    create_async_client,
    create_client,
)
from comfy_api_client.errors import PromptValidationError, ValidationProblem
from comfy_api_client.integrations.cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, main
from tests.conftest import slow_workflow, tiny_workflow

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "invert.json"
TIMEOUT = 60


def ws_workflow(color: int = 77) -> dict[str, Any]:
    return {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": 16, "height": 16, "batch_size": 2, "color": color},
            "_meta": {"title": "Canvas"},
        },
        "2": {"class_type": "SaveImageWebsocket", "inputs": {"images": ["1", 0]}},
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGBA", (8, 8), (1, 2, 3, 128)).save(buf, format="PNG")
    return buf.getvalue()


# -- SaveImageWebsocket outputs ------------------------------------------------------------


def test_download_writes_a_websocket_image_from_its_bytes(client: Any, tmp_path: Path) -> None:
    result = client.run(ws_workflow(), timeout=TIMEOUT)
    files = [f for f in result.files if f.type == "websocket"]
    assert len(files) == 2
    for file in files:
        target = client.download(file, tmp_path)
        assert target.read_bytes() == file.data


def test_cli_saves_websocket_images_into_out(server: Any, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "ws_image.json"
    path.write_text(json.dumps(ws_workflow(78)))
    out = tmp_path / "out"
    assert main(["run", str(path), "--out", str(out), "-q", "--server", server.url]) == EXIT_OK
    printed = capsys.readouterr().out.split()
    assert len(printed) == 2 and all(Path(p).read_bytes()[:4] == b"\x89PNG" for p in printed)
    # without --out nothing pretends to be a path on the server
    assert main(["run", str(path), "-q", "--server", server.url]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all("sent over the WebSocket: use --out to save it" in line for line in lines)


# -- uploads ---------------------------------------------------------------------------------


def test_upload_mask_takes_what_upload_image_returned(client: Any) -> None:
    data = png()
    up = client.upload_image("fc_base.png", data, subfolder="fc")
    assert (up.name, up.subfolder, up.type) == ("fc_base.png", "fc", "input")
    mask = client.upload_mask("fc_mask.png", data, up)  # was a raw KeyError: 0
    assert (mask.name, mask.type) == ("fc_mask.png", "input")
    again = client.upload_mask("fc_mask2.png", data, original_reference=up)  # 0.1.0's keyword
    assert again.name == "fc_mask2.png"
    with pytest.raises(InvalidArgumentError, match="original_ref"):
        client.upload_mask("fc_mask3.png", data, {"subfolder": "fc"})


# -- addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("htp://127.0.0.1:8188", "unsupported scheme 'htp'"),
        ("http://", "no host"),
        ("127.0.0.1:81888", "bad port"),
        ("  ", "empty"),
    ],
)
def test_a_mistyped_address_is_a_typed_error(address: str, reason: str) -> None:
    for factory in (create_client, create_async_client):
        with pytest.raises(InvalidArgumentError, match=reason) as info:
            factory(address)
        assert isinstance(info.value, ComfyError) and isinstance(info.value, ValueError)
        assert info.value.argument == "comfy_url" and info.value.value == address


def test_cli_mistyped_server_exits_2(capsys: Any) -> None:
    code = main(["run", str(EXAMPLE), "--server", "htp://127.0.0.1:8188"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert "--server 'htp://127.0.0.1:8188': unsupported scheme 'htp'" in err
    assert "Traceback" not in err


# -- nothing listening, a wrong path -----------------------------------------------------------


@pytest.mark.parametrize("factory", ["sync", "async"])
def test_nothing_listening_fails_at_once_naming_the_address(factory: str) -> None:
    import asyncio

    port = free_port()
    started = time.monotonic()
    with pytest.raises(ComfyConnectionError, match=f"127.0.0.1:{port}: nothing is listening"):
        if factory == "sync":
            create_client(f"127.0.0.1:{port}").open()
        else:
            asyncio.run(create_async_client(f"127.0.0.1:{port}").open())
    # one refused connect, no reconnect backoff (it took 11.5 s before)
    assert time.monotonic() - started < 5


def test_cli_run_with_nothing_listening_exits_3_quietly(tmp_path: Path) -> None:
    port = free_port()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "comfy_api_client",
            "run",
            str(EXAMPLE),
            "--server",
            f"127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert lines == [
        f"error: cannot reach ComfyUI at http://127.0.0.1:{port}: nothing is listening "
        "([Errno 111] Connection refused)"
    ]


@pytest.mark.parametrize("factory", ["sync", "async"])
def test_a_404_on_the_websocket_path_says_the_path_is_wrong(double: Any, factory: str) -> None:
    import asyncio

    url = f"{double.url}/apii"
    with pytest.raises(
        ComfyHTTPError, match="the address's path '/apii' is probably wrong"
    ) as info:
        if factory == "sync":
            create_client(url).open()
        else:
            asyncio.run(create_async_client(url).open())
    assert info.value.status == 404
    assert not isinstance(info.value, ComfyConnectionError)  # the server answered


def test_the_library_prints_nothing_without_logging_configured() -> None:
    port = free_port()
    code = (
        "from comfy_api_client import create_client, ComfyError\n"
        "import logging\n"
        f"c = create_client('127.0.0.1:{port}', start_state_tracker='websocket')\n"
        "logging.getLogger('comfy_api_client').warning('a warning nobody asked to see')\n"
        "try:\n    c.open()\nexcept ComfyError:\n    pass\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "" and done.stdout == ""


# -- cancelling and abandoning -----------------------------------------------------------------


def test_a_wait_that_times_out_can_cancel_the_prompt(client: Any, double: Any) -> None:
    double.set_paused(True)  # queued, never running: the cancel removes it
    prompt = client.submit_workflow(tiny_workflow(color=4242))
    with pytest.raises(ComfyTimeoutError):
        prompt.result(0.2, cancel_on_abandon=True)  # positional: the async harness waits longer
    deadline = time.monotonic() + TIMEOUT
    while prompt.status is not PromptStatus.CANCELLED and time.monotonic() < deadline:
        time.sleep(0.02)
    assert prompt.status is PromptStatus.CANCELLED
    assert prompt.prompt_id not in {e.prompt_id for e in client.get_queue().pending}


def test_a_wait_that_times_out_leaves_the_prompt_by_default(client: Any) -> None:
    prompt = client.submit_workflow(slow_workflow())
    with pytest.raises(ComfyTimeoutError):
        prompt.result(0.1)
    assert prompt.status in (PromptStatus.QUEUED, PromptStatus.RUNNING)
    prompt.cancel()


def test_a_cancelled_async_task_cancels_its_prompt(server: Any, double: Any) -> None:
    import asyncio

    async def scenario() -> PromptStatus | None:
        async with create_async_client(server.url) as client:
            double.set_paused(True)
            prompt = await client.submit_workflow(tiny_workflow(color=4343))
            waiter = asyncio.ensure_future(prompt.result(cancel_on_abandon=True))
            await asyncio.sleep(0.2)
            waiter.cancel()
            with pytest.raises(asyncio.CancelledError):  # the task's own cancellation
                await waiter
            for _ in range(500):
                if prompt.status is PromptStatus.CANCELLED:
                    break
                await asyncio.sleep(0.02)
            return prompt.status

    assert asyncio.run(scenario()) is PromptStatus.CANCELLED


def test_cli_timeout_cancels_the_prompt_unless_keep(
    server: Any, double: Any, tmp_path: Path, capsys: Any
) -> None:
    path = tmp_path / "slow.json"
    path.write_text(json.dumps(slow_workflow()))
    code = main(["run", str(path), "-q", "--timeout", "0.3", "--server", server.url])
    err = capsys.readouterr().err
    assert code == 7 and "cancelled prompt" in err
    with create_client(server.url, start_state_tracker=None) as client:
        deadline = time.monotonic() + TIMEOUT
        while client.get_queue().running and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not client.get_queue().running  # interrupted, not left running


# -- the command line --------------------------------------------------------------------------


def test_cli_first_contact_items(server: Any, double: Any, tmp_path: Path, capsys: Any) -> None:
    def cli(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--server", server.url])
        out, err = capsys.readouterr()
        return code, out, err

    # --set without '=' shows the usage of run, not the top level's
    code, _, err = cli("run", str(EXAMPLE), "--set", "Canvas.width")
    assert code == EXIT_USAGE and err.startswith("usage: comfy-api-client run")
    # the tracker option has a help text
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    assert "polling GET /queue" in capsys.readouterr().out
    # a file that is not an image is refused; missing files exit 2 for every command
    text = tmp_path / "notjson.txt"
    text.write_text("not an image")
    code, _, err = cli("upload", str(text))
    assert code == EXIT_USAGE and "is not an image" in err
    for command in ("run", "upload", "validate", "convert"):
        code, _, err = cli(command, str(tmp_path / "missing.png"))
        assert code == EXIT_USAGE and "no such file" in err
    # --out that cannot be created is refused before anything runs
    code, _, err = cli("run", str(EXAMPLE), "--out", "/dev/null/x")
    assert code == EXIT_USAGE and "/dev/null/x" in err
    # cancel says what it did not remove
    code, out, err = cli("cancel", "no-such-id")
    assert code == EXIT_ERROR and "removed" not in out
    assert "not removed no-such-id: not in the queue" in err
    # an unfilled placeholder stops the run; --fill fills it
    template = json.loads(EXAMPLE.read_text())
    template["3"]["inputs"]["filename_prefix"] = "{{prefix}}"
    path = tmp_path / "template.json"
    path.write_text(json.dumps(template))
    code, _, err = cli("run", str(path), "-q")
    assert code == 4 and "{{prefix}}" in err and "--fill" in err
    code, out, _ = cli("run", str(path), "-q", "--fill", "prefix=filled", "--json")
    assert code == EXIT_OK and json.loads(out)["files"][0]["filename"].startswith("filled")
    # history shows numbers and times
    prompt_id = json.loads(out)["prompt_id"]
    code, out, _ = cli("history", "--max", "3")
    row = next(line for line in out.splitlines() if prompt_id in line)
    assert row.startswith("#") and time.strftime("%Y-") in row
    # a version
    with pytest.raises(SystemExit):
        main(["--version"])
    assert comfy_api_client.__version__ in capsys.readouterr().out


def test_cli_interrupted_names_the_node_title(server: Any, double: Any, tmp_path: Path) -> None:
    import threading

    from comfy_api_client.integrations.cli import EXIT_INTERRUPTED

    workflow = slow_workflow()
    workflow["2"]["_meta"] = {"title": "Big Blur"}
    workflow["3"]["_meta"] = {"title": "Flip"}
    path = tmp_path / "slow.json"
    path.write_text(json.dumps(workflow))
    result: list[int] = []
    err = io.StringIO()

    def run() -> None:
        from contextlib import redirect_stderr

        with redirect_stderr(err):
            result.append(main(["run", str(path), "-q", "--server", server.url]))

    with create_client(server.url, start_state_tracker=None) as client:
        runner = threading.Thread(target=run)
        runner.start()
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            running = client.get_queue().running
            if running:
                break
            time.sleep(0.05)
        time.sleep(0.3)
        client.interrupt_processing()
        runner.join(TIMEOUT)
    assert result == [EXIT_INTERRUPTED]
    assert re.search(r"interrupted at node \d \(Image\w+, '(Big Blur|Flip)'\)", err.getvalue())


def test_cli_queue_position_says_next_rather_than_0_ahead() -> None:
    from comfy_api_client.integrations.cli_text import ProgressDisplay

    class Queued:
        status = PromptStatus.QUEUED
        progress = None

    stream = io.StringIO()
    display = ProgressDisplay(stream, True)
    display.queue_position(0)
    display.update(Queued())  # type: ignore[arg-type]
    display.queue_position(2)
    display.update(Queued())  # type: ignore[arg-type]
    assert stream.getvalue().splitlines() == ["queued, next to run", "queued, 2 ahead"]


# -- small things ------------------------------------------------------------------------------


def test_validation_problem_reads_as_a_line() -> None:
    problem = ValidationProblem(
        node_id="1",
        class_type="EmptyImage",
        title="Canvas",
        type="value_smaller_than_min",
        message="Value 0 smaller than min of 1",
        details="width",
        input_name="width",
        received_value=0,
    )
    assert str(problem) == (
        "node 1 (EmptyImage, 'Canvas') input 'width' = 0: Value 0 smaller than min of 1 "
        "(value_smaller_than_min)"
    )
    error = PromptValidationError.client_side({"error": {}, "node_errors": {}})
    assert all(str(p) == p.describe() for p in error.problems)


def test_version_matches_the_project() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert comfy_api_client.__version__ == project["version"]
