"""The ``comfy-api-client`` command, end to end against the server under test.

The double by default; a real ComfyUI when ``COMFYUI_URL`` is set.
"""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client import Workflow, create_client
from comfy_api_client.core.results import OutputFile, PromptResult
from comfy_api_client.integrations.cli import (
    EXIT_ERROR,
    EXIT_EXECUTION,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_TIMEOUT,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
    _save_outputs,
    main,
)
from tests.conftest import DATA, slow_workflow

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "invert.json"


@pytest.fixture
def cli(server: Any, capsys: pytest.CaptureFixture[str]) -> Any:
    """Run the command against the server under test: returns (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--server", server.url])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def fresh_color() -> str:
    return str(random.randrange(1 << 24))


def ui_workflow(prefix: str = "cli-ui") -> dict[str, Any]:
    """EmptyImage -> ImageInvert -> SaveImage as the editor saves it."""
    image_out = {"name": "IMAGE", "type": "IMAGE", "slot_index": 0}
    return {
        "last_node_id": 3,
        "last_link_id": 2,
        "nodes": [
            {
                "id": 1,
                "type": "EmptyImage",
                "mode": 0,
                "inputs": [],
                "outputs": [{**image_out, "links": [1]}],
                "properties": {"Node name for S&R": "EmptyImage"},
                "widgets_values": [32, 32, 1, random.randrange(1 << 24)],
            },
            {
                "id": 2,
                "type": "ImageInvert",
                "mode": 0,
                "inputs": [{"name": "image", "type": "IMAGE", "link": 1}],
                "outputs": [{**image_out, "links": [2]}],
                "properties": {},
                "widgets_values": [],
            },
            {
                "id": 3,
                "type": "SaveImage",
                "mode": 0,
                "title": "Keep",
                "inputs": [{"name": "images", "type": "IMAGE", "link": 2}],
                "outputs": [],
                "properties": {},
                "widgets_values": [prefix],
            },
        ],
        "links": [[1, 1, 0, 2, 0, "IMAGE"], [2, 2, 0, 3, 0, "IMAGE"]],
        "groups": [],
        "config": {},
        "extra": {},
        "version": 0.4,
    }


def test_run_the_example_writes_the_image_into_out(cli: Any, tmp_path: Path) -> None:
    color = fresh_color()
    code, out, err = cli(
        "run", str(EXAMPLE), "--set", f"Canvas.color={color}", "--out", str(tmp_path)
    )
    assert code == EXIT_OK, err
    [line] = out.splitlines()
    saved = Path(line)
    assert saved.is_file() and saved.is_relative_to(tmp_path)
    assert saved.parent == tmp_path / "comfy-api-client"  # the server's subfolder is kept
    umask = os.umask(0)
    os.umask(umask)
    assert saved.stat().st_mode & 0o777 == 0o666 & ~umask  # an ordinary file, not mkstemp's 0600
    image = Workflow.load(saved)  # ComfyUI's PNG carries the prompt it ran
    assert image.get("Canvas.color") == int(color)
    assert "queued prompt" in err


def test_run_json_and_http_tracker(cli: Any, tmp_path: Path) -> None:
    code, out, _ = cli(
        "run", str(EXAMPLE), "--set", f"1.color={fresh_color()}", "--set", "1.width=8",
        "--tracker", "http", "--out", str(tmp_path), "--json",
    )  # fmt: skip
    assert code == EXIT_OK
    report = json.loads(out)
    assert report["status"] == "success"
    [file] = report["files"]
    assert file["node_id"] == "3" and file["kind"] == "image"
    assert Path(file["path"]).read_bytes().startswith(b"\x89PNG")


def test_run_a_ui_format_workflow(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "ui.json"
    path.write_text(json.dumps(ui_workflow()))
    code, out, err = cli("run", str(path), "--out", str(tmp_path / "out"), "-q")
    assert code == EXIT_OK, err
    saved = Path(out.splitlines()[0])
    assert saved.name.startswith("cli-ui")
    embedded = Workflow.load(saved)
    assert embedded.ui is not None and len(embedded.ui["nodes"]) == 3  # the editor's graph too
    assert embedded.get("Keep.filename_prefix") == "cli-ui"


def test_invalid_set_and_validation_errors_exit_4(cli: Any) -> None:
    code, _, err = cli("run", str(EXAMPLE), "--set", "Canvas.width=0")
    assert code == EXIT_INVALID
    assert "node 1 (EmptyImage, 'Canvas') input 'width' = 0" in err
    code, _, err = cli("run", str(EXAMPLE), "--set", "Nope.width=1")
    assert code == EXIT_INVALID and "no node 'Nope'" in err
    code, _, err = cli("run", str(EXAMPLE), "--set", "width")
    assert code == EXIT_USAGE and "NODE.INPUT=VALUE" in err


def test_execution_error_exits_5(cli: Any, tmp_path: Path) -> None:
    from tests.test_client import regex_error_workflow

    path = tmp_path / "bad.json"
    path.write_text(json.dumps(regex_error_workflow()))
    code, _, err = cli("run", str(path), "-q")
    assert code == EXIT_EXECUTION
    assert "RegexReplace" in err and "error:" in err


def test_timeout_exits_7_and_interrupt_exits_6(cli: Any, server: Any, tmp_path: Path) -> None:
    path = tmp_path / "slow.json"
    path.write_text(json.dumps(slow_workflow()))
    code, _, err = cli("run", str(path), "-q", "--timeout", "0.3")
    assert code == EXIT_TIMEOUT and "did not finish within 0.3 s" in err
    with create_client(server.url, start_state_tracker=None) as client:
        _wait_idle(client)
        path.write_text(json.dumps(slow_workflow()))
        codes: list[int] = []
        runner = threading.Thread(
            target=lambda: codes.append(main(["run", str(path), "-q", "--server", server.url]))
        )
        runner.start()
        deadline = time.monotonic() + 30
        while not client.get_queue().running and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)
        assert cli("interrupt")[0] == EXIT_OK
        runner.join(60)
    assert codes == [EXIT_INTERRUPTED]


def _wait_idle(client: Any) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        queue = client.get_queue()
        if not queue.running and not queue.pending:
            return
        time.sleep(0.1)


def test_unreachable_server_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = main(["stats", "--server", f"127.0.0.1:{port}"])
    assert code == EXIT_UNREACHABLE
    assert f"127.0.0.1:{port}" in capsys.readouterr().err


def test_convert_and_validate(cli: Any, tmp_path: Path) -> None:
    ui = tmp_path / "ui.json"
    ui.write_text(json.dumps(ui_workflow("conv")))
    code, out, _ = cli("convert", str(ui))
    assert code == EXIT_OK
    converted = json.loads(out)
    assert converted["3"] == {
        "inputs": {"filename_prefix": "conv", "images": ["2", 0]},
        "class_type": "SaveImage",
        "_meta": {"title": "Keep"},
    }
    offline = main(["convert", str(ui), "--object-info", str(DATA / "object_info.json")])
    assert offline == EXIT_OK
    assert cli("validate", str(ui))[0] == EXIT_OK
    assert cli("validate", str(EXAMPLE), "--json")[1].strip().startswith("{")
    bad = Workflow.load(EXAMPLE).set("Canvas.height", 999999)
    bad.save(tmp_path / "bad.json")
    code, _, err = cli("validate", str(tmp_path / "bad.json"))
    assert code == EXIT_INVALID and "height" in err and "999999" in err


def test_queue_history_cancel_stats_nodes_upload(cli: Any, tmp_path: Path) -> None:
    code, out, _ = cli("run", str(EXAMPLE), "--set", f"1.color={fresh_color()}", "--json", "-q")
    prompt_id = json.loads(out)["prompt_id"]
    code, out, _ = cli("history", prompt_id)
    assert code == EXIT_OK and prompt_id in out and "success" in out
    assert prompt_id in json.loads(cli("history", "--max", "5", "--json")[1])
    assert cli("queue")[0] == EXIT_OK
    assert isinstance(json.loads(cli("queue", "--json")[1]), list)
    code, _, err = cli("cancel", "not-a-queued-id")
    assert code == EXIT_ERROR and "not removed not-a-queued-id: not in the queue" in err
    code, out, _ = cli("stats")
    assert code == EXIT_OK and json.loads(out)["system"]["comfyui_version"]
    code, out, _ = cli("nodes")
    assert code == EXIT_OK and "EmptyImage" in out.splitlines()
    code, out, _ = cli("nodes", "EmptyImage")
    assert json.loads(out)["output"] == ["IMAGE"]
    assert cli("nodes", "NoSuchNode")[0] != EXIT_OK
    picture = tmp_path / "pic.png"
    picture.write_bytes(
        Path(
            json.loads(
                cli(
                    "run",
                    str(EXAMPLE),
                    "--set",
                    f"1.color={fresh_color()}",
                    "--json",
                    "-q",
                    "--out",
                    str(tmp_path),
                )[1]
            )["files"][0]["path"]
        ).read_bytes()
    )
    code, out, _ = cli("upload", str(picture), "--name", "cli-upload.png")
    assert code == EXIT_OK and out.strip() == "input/cli-upload.png"


def test_outputs_named_to_escape_out_are_refused(tmp_path: Path) -> None:
    class NoDownloads:
        def download(self, file: Any, dest: Any) -> Path:
            from comfy_api_client.core.saving import destination

            destination(dest, file.filename, file.subfolder)  # refuses before any request
            raise AssertionError("nothing may be written")

    evil = OutputFile("x.png", "../../etc", "output", "1", "image", "image/png")
    result = PromptResult(prompt_id="p", status="success", outputs={}, files=[evil], texts={})
    saved, refused = _save_outputs(NoDownloads(), result, tmp_path)  # type: ignore[arg-type]
    assert saved == [None] and "would leave" in refused[0]


def test_python_dash_m_entry_point(server: Any) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "comfy_api_client", "--server", server.url, "stats"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["system"]["comfyui_version"]
