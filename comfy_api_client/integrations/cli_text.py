"""What the command line shows: the progress line, history rows, file and failure texts."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlencode

from .._sync.prompt import Prompt
from ..core.results import OutputFile
from ..core.tracker_core import PromptStatus
from ..errors import ExecutionError, ExecutionInterrupted
from ..workflows.workflow import Workflow

#: The exit codes, for ``--help``.
EXIT_CODES = """exit codes:
  0  success
  1  another error (an unexpected HTTP answer, a lost prompt...)
  2  bad command line
  3  the server cannot be reached
  4  invalid workflow (validation, conversion, --set)
  5  a node raised while executing
  6  interrupted
  7  timeout
  8  some outputs were refused (a name leaving --out); the others were saved"""


def server_url(file: OutputFile, base_url: str) -> str:
    """Where an output left on the server is read (its ``/view`` URL, unmistakably not a
    local path); images sent over the WebSocket are nowhere."""
    if file.type == "websocket":
        return (
            f"{file.filename} (node {file.node_id}, sent over the WebSocket: use --out to save it)"
        )
    return f"{base_url}/view?{urlencode(file.view_params())}"


#: Said once after the URLs of outputs left on the server.
NOT_SAVED = "the outputs stay on the server (their URLs above); --out DIR saves them here"
NOT_SAVED_EMBEDDED = (
    "the outputs were not saved: the built-in test double's files go when it stops; "
    "--out DIR saves them here"
)


def failure_message(error: ExecutionError | ExecutionInterrupted, workflow: Workflow) -> str:
    where = f" at node {node_name(workflow, error.node_id)}" if error.node_id else ""
    if isinstance(error, ExecutionInterrupted):
        return f"prompt {error.prompt_id} was interrupted{where}"
    what = f"{error.exception_type}: {error.exception_message.strip()}"
    return f"prompt {error.prompt_id} failed{where}: {what}"


def history_row(prompt_id: str, entry: Any) -> tuple[float, str]:
    """``(number, line)``: number, start time, duration, id, status, outputs."""
    entry = entry if isinstance(entry, dict) else {}
    prompt = entry.get("prompt")
    number = prompt[0] if isinstance(prompt, list) and prompt else None
    number = number if isinstance(number, int | float) else -1
    status = entry.get("status") or {}
    stamps: dict[str, float] = {}
    for message in status.get("messages") or []:
        if isinstance(message, list) and len(message) == 2 and isinstance(message[1], dict):
            stamp = message[1].get("timestamp")
            if isinstance(stamp, int | float):
                stamps.setdefault(message[0], stamp)
    start = stamps.get("execution_start")
    ends = [v for k, v in stamps.items() if k != "execution_start" and k.startswith("execution_")]
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(start / 1000)) if start else "?"
    took = f"{(max(ends) - start) / 1000:.1f} s" if start and ends else "?"
    outputs = entry.get("outputs") or {}
    count = sum(len(v) for o in outputs.values() for v in o.values() if isinstance(v, list))
    line = (
        f"#{number:<5g} {when}  {took:>8}  {prompt_id}  {status.get('status_str', '?'):8} "
        f"{len(outputs)} output node(s), {count} item(s)"
    )
    return number, line


_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
)


def image_kind(path: Path) -> str | None:
    """Whether ``path`` starts like an image file ComfyUI's ``LoadImage`` reads."""
    with path.open("rb") as f:
        head = f.read(16)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    for magic in _IMAGE_MAGIC:
        if head.startswith(magic):
            return "image"
    return None


def node_name(workflow: Workflow, node_id: str) -> str:
    node = workflow.nodes.get(node_id)
    if node is None:
        return node_id
    title = (node.get("_meta") or {}).get("title")
    shown = f", '{title}'" if title and title != node["class_type"] else ""
    return f"{node_id} ({node['class_type']}{shown})"


def file_json(file: OutputFile, path: Path | None) -> dict[str, Any]:
    data = {
        "node_id": file.node_id,
        "kind": file.kind,
        "filename": file.filename,
        "subfolder": file.subfolder,
        "type": file.type,
        "content_type": file.content_type,
    }
    if path is not None:
        data["path"] = str(path)
    return data


class ProgressDisplay:
    """One status line on stderr: queue position, the node running, its step progress."""

    def __init__(self, stream: TextIO, enabled: bool, names: Callable[[str], str] = str) -> None:
        self.enabled = enabled
        self._stream = stream
        self._tty = stream.isatty()
        self._last = ""
        self._position: int | None = None
        self._names = names

    def submitted(self, prompt: Prompt) -> None:
        self._write(f"queued prompt {prompt.prompt_id} (number {prompt.number:g})")

    def queue_position(self, position: int | None) -> None:
        self._position = position

    def update(self, prompt: Prompt) -> None:
        if not self.enabled:
            return
        status, progress = prompt.status, prompt.progress
        if status is PromptStatus.QUEUED:
            if self._position is None:
                line = "queued"
            elif self._position == 0:
                line = "queued, next to run"
            else:
                line = f"queued, {self._position} ahead"
        elif status is PromptStatus.RUNNING and progress is not None:
            line = f"running node {self._names(progress.node)}" if progress.node else "running"
            if progress.value is not None and progress.max:
                line += " " + _bar(progress.value, progress.max)
        else:
            line = str(status.value) if status is not None else ""
        self._write(line)

    def close(self) -> None:
        if self.enabled and self._tty and self._last:
            self._stream.write("\n")
            self._stream.flush()

    def _write(self, line: str) -> None:
        if not self.enabled or line == self._last:
            return
        self._last = line
        if self._tty:
            width = shutil.get_terminal_size((80, 20)).columns - 1
            self._stream.write("\r" + line[:width].ljust(width))
        else:
            self._stream.write(line + "\n")
        self._stream.flush()


def _bar(value: float, maximum: float, width: int = 24) -> str:
    done = int(width * min(max(value / maximum, 0.0), 1.0))
    return f"[{'#' * done}{'.' * (width - done)}] {value:g}/{maximum:g}"
