"""Results assembled from recorded history entries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client.core.results import (
    OutputFile,
    OutputImage,
    collect_files,
    result_from_history,
    result_from_history_body,
)
from comfy_api_client.errors import ExecutionError, ExecutionInterrupted, PromptNotFinishedError

TRANSCRIPTS = Path(__file__).parent / "data" / "comfyui" / "transcripts"


def history_body(scenario: str) -> tuple[str, dict[str, Any]]:
    events = json.loads((TRANSCRIPTS / f"{scenario}.json").read_text())["events"]
    for e in events:
        if e["kind"] == "http" and e["path"].startswith("/history/") and e["body"]:
            return e["path"].split("/")[-1], e["body"]
    raise LookupError(scenario)


def test_success() -> None:
    pid, body = history_body("success")
    result = result_from_history_body(pid, body)
    assert result.status == "success" and result.prompt_id == pid
    [image] = result.output_images
    assert image.node_id == "3" and image.type == "output" and image.kind == "image"
    assert image.content_type == "image/png" and image.format == "PNG" and image.data is None
    assert result.files == [image] and result.history == body[pid]


def test_text_and_temp_previews() -> None:
    pid, body = history_body("text_and_preview")
    result = result_from_history_body(pid, body)
    assert result.texts == {"4": ["hello comfy"]}
    assert [f.type for f in result.output_images] == ["temp", "temp"]


def test_execution_error_from_history() -> None:
    pid, body = history_body("execution_error")
    with pytest.raises(ExecutionError) as info:
        result_from_history_body(pid, body)
    assert info.value.node_type == "RegexReplace" and info.value.traceback


def test_interrupted_from_history() -> None:
    pid, body = history_body("interrupt")
    with pytest.raises(ExecutionInterrupted) as info:
        result_from_history_body(pid, body)
    assert info.value.node_id


def test_not_finished() -> None:
    with pytest.raises(PromptNotFinishedError, match="p1"):
        result_from_history_body("p1", {})


def test_kinds_and_websocket_images(tmp_path: Path) -> None:
    outputs = {
        "5": {"gifs": [{"filename": "a.mp4", "subfolder": "v", "type": "output"}]},
        "6": {"audio": [{"filename": "a.flac", "subfolder": "", "type": "output"}]},
        "7": {"images": [{"filename": "b.webp", "type": "output"}], "animated": [True]},
        "8": {"text": ["x"], "3d": [{"filename": "m.glb"}]},
    }
    files = collect_files(outputs)
    assert [(f.node_id, f.kind) for f in files] == [
        ("5", "video"),
        ("6", "audio"),
        ("7", "image"),
        ("8", "3d"),
    ]
    assert files[2].animated and isinstance(files[2], OutputImage)
    assert files[0].view_params() == {"filename": "a.mp4", "type": "output", "subfolder": "v"}
    result = result_from_history("p", {"outputs": {}}, ws_images={"2": [(b"\x89PNG", "image/png")]})
    [ws] = result.output_images
    assert (ws.type, ws.node_id, ws.filename, ws.data) == (
        "websocket",
        "2",
        "2_00000.png",
        b"\x89PNG",
    )
    assert ws.save(tmp_path).read_bytes() == b"\x89PNG"


@pytest.mark.parametrize(
    ("subfolder", "name"),
    [
        ("", "../x.png"),
        ("", "/etc/passwd"),
        ("", "a/../../b.png"),
        ("", ".."),
        ("", ""),
        ("", "C:\\x.png"),
        ("", "..\\x.png"),
        ("../up", "x.png"),
        ("/abs", "x.png"),
        ("a/../..", "x.png"),
    ],
)
def test_save_refuses_escaping_names(tmp_path: Path, subfolder: str, name: str) -> None:
    f = OutputFile(
        filename=name,
        subfolder=subfolder,
        type="output",
        node_id="1",
        kind="image",
        content_type="image/png",
        data=b"x",
    )
    with pytest.raises(ValueError):
        f.save(tmp_path)


def test_save_keeps_the_subfolder_inside_the_directory(tmp_path: Path) -> None:
    f = OutputFile("x.png", "run/7", "output", "1", "image", "image/png", data=b"x")
    assert f.save(tmp_path) == tmp_path / "run" / "7" / "x.png"
    assert (tmp_path / "run" / "7" / "x.png").read_bytes() == b"x"


def test_older_servers_without_status() -> None:
    result = result_from_history(
        "p", {"prompt": [], "outputs": {"1": {"images": [{"filename": "a.png"}]}}}
    )
    assert result.status == "success" and result.output_images[0].type == "output"
