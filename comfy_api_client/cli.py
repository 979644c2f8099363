"""The ``comfy-api-client`` command (also ``python -m comfy_api_client``).

Exit codes: 0 success, 1 other error (an unexpected HTTP answer, a lost prompt...), 2 bad
command line, 3 server unreachable, 4 invalid workflow (validation, conversion, ``--set``),
5 execution error, 6 interrupted, 7 timeout.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import create_client
from ._sync.client import ComfyClient
from ._sync.prompt import Prompt
from .errors import (
    ComfyConnectionError,
    ComfyError,
    ComfyTimeoutError,
    ExecutionError,
    ExecutionInterrupted,
    PromptValidationError,
    WorkflowError,
)
from .options import DEFAULT_HTTP_TIMEOUT
from .protocol import PromptStatus
from .results import OutputFile, PromptResult, output_path
from .workflow import Workflow

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3
EXIT_INVALID = 4
EXIT_EXECUTION = 5
EXIT_INTERRUPTED = 6
EXIT_TIMEOUT = 7

_EXIT_CODES: list[tuple[type[BaseException], int]] = [
    (ComfyConnectionError, EXIT_UNREACHABLE),
    (ComfyTimeoutError, EXIT_TIMEOUT),
    (PromptValidationError, EXIT_INVALID),
    (WorkflowError, EXIT_INVALID),
    (ExecutionError, EXIT_EXECUTION),
    (ExecutionInterrupted, EXIT_INTERRUPTED),
]


class UsageError(Exception):
    """A bad command-line value (exit code 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command = "stats"
        args.handler = _stats
    try:
        code: int = args.handler(args)
        return code
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (ComfyError, OSError) as exc:
        return _fail(args, exc)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def exit_code(error: BaseException) -> int:
    """The exit code for ``error``."""
    for kind, code in _EXIT_CODES:
        if isinstance(error, kind):
            return code
    return EXIT_ERROR


def _fail(args: argparse.Namespace, error: BaseException) -> int:
    code = exit_code(error)
    if getattr(args, "json", False):
        _print_json({"error": type(error).__name__, "message": str(error), "exit_code": code})
    print(f"error: {error}", file=sys.stderr)
    return code


# -- the parser --------------------------------------------------------------------------------


def _common(top: bool) -> argparse.ArgumentParser:
    """Options every command takes, before or after its name (only the top level has defaults,
    so that a subcommand does not reset what was given before it)."""

    def default(value: Any) -> Any:
        return value if top else argparse.SUPPRESS

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--server",
        default=default(None),
        help="ComfyUI address (default: $COMFYUI_URL, else 127.0.0.1:8188)",
    )
    common.add_argument(
        "--header",
        action="append",
        default=default([]),
        metavar="NAME:VALUE",
        help="an extra HTTP header (auth at a proxy); repeatable; never printed",
    )
    common.add_argument(
        "--insecure",
        action="store_true",
        default=default(False),
        help="do not verify TLS certificates",
    )
    common.add_argument(
        "--http-timeout",
        type=float,
        default=default(DEFAULT_HTTP_TIMEOUT),
        metavar="S",
        help=f"timeout of each HTTP request (default {DEFAULT_HTTP_TIMEOUT:g} s)",
    )
    common.add_argument(
        "--json", action="store_true", default=default(False), help="machine-readable output"
    )
    return common


def _parser() -> argparse.ArgumentParser:
    common = _common(top=False)
    parser = argparse.ArgumentParser(
        prog="comfy-api-client",
        description="Run and inspect ComfyUI workflows. Without a command: print system stats.",
        parents=[_common(top=True)],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", parents=[common], help="run a workflow and save its outputs")
    run.add_argument("workflow", help="workflow file: API or UI format JSON, or a ComfyUI PNG")
    run.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NODE.INPUT=VALUE",
        help="set an input (NODE: id, title or class type; VALUE: JSON or text); repeatable",
    )
    run.add_argument("--out", type=Path, help="write the output files into this directory")
    run.add_argument("--tracker", choices=["websocket", "http"], default="websocket")
    run.add_argument(
        "--timeout", type=float, default=600.0, metavar="S", help="wait at most S seconds"
    )
    run.add_argument("--random-seeds", action="store_true", help="give every seed a new value")
    run.add_argument("--no-validate", action="store_true", help="skip client-side validation")
    run.add_argument("--quiet", "-q", action="store_true", help="no progress display")
    run.set_defaults(handler=_run)

    convert = sub.add_parser(
        "convert", parents=[common], help="convert a UI-format workflow to the API format"
    )
    convert.add_argument("workflow", help="UI-format JSON (or a ComfyUI PNG)")
    convert.add_argument(
        "--object-info",
        type=Path,
        metavar="FILE",
        help="node definitions saved from /object_info (default: ask the server)",
    )
    convert.add_argument(
        "--node-replacements",
        type=Path,
        metavar="FILE",
        help="with --object-info: the server's /node_replacements, saved (newer servers)",
    )
    convert.set_defaults(handler=_convert)

    validate = sub.add_parser(
        "validate", parents=[common], help="check a workflow against the server's nodes"
    )
    validate.add_argument("workflow")
    validate.add_argument("--object-info", type=Path, metavar="FILE")
    validate.set_defaults(handler=_validate)

    sub.add_parser("queue", parents=[common], help="show the queue").set_defaults(handler=_queue)
    history = sub.add_parser("history", parents=[common], help="show recent prompts")
    history.add_argument("prompt_id", nargs="?")
    history.add_argument("--max", type=int, default=20, help="at most this many (default 20)")
    history.set_defaults(handler=_history)
    interrupt = sub.add_parser("interrupt", parents=[common], help="interrupt the running prompt")
    interrupt.add_argument("prompt_id", nargs="?", help="only if this prompt is running")
    interrupt.set_defaults(handler=_interrupt)
    cancel = sub.add_parser("cancel", parents=[common], help="remove pending prompts")
    cancel.add_argument("prompt_ids", nargs="+", metavar="ID")
    cancel.set_defaults(handler=_cancel)
    sub.add_parser("stats", parents=[common], help="system stats").set_defaults(handler=_stats)
    nodes = sub.add_parser("nodes", parents=[common], help="list node classes, or show one")
    nodes.add_argument("name", nargs="?")
    nodes.set_defaults(handler=_nodes)
    upload = sub.add_parser("upload", parents=[common], help="upload an image for LoadImage")
    upload.add_argument("file", type=Path)
    upload.add_argument("--name", help="name on the server (default: the file's name)")
    upload.add_argument("--subfolder")
    upload.add_argument("--type", default="input", choices=["input", "temp", "output"])
    upload.add_argument("--no-overwrite", action="store_true")
    upload.set_defaults(handler=_upload)
    return parser


@contextlib.contextmanager
def _client(args: argparse.Namespace, tracker: str | None = None) -> Iterator[ComfyClient]:
    headers: dict[str, str] = {}
    for item in args.header:
        name, sep, value = item.partition(":")
        if not sep or not name.strip():
            raise UsageError("--header takes NAME:VALUE")
        headers[name.strip()] = value.strip()
    with create_client(
        args.server,
        http_timeout=args.http_timeout,
        start_state_tracker=tracker,  # type: ignore[arg-type]
        headers=headers,
        verify=not args.insecure,
        download_outputs=False,
        validate=not getattr(args, "no_validate", False),
    ) as client:
        yield client


# -- commands ----------------------------------------------------------------------------------


def _run(args: argparse.Namespace) -> int:
    workflow = Workflow.load(args.workflow)
    changes = dict(_assignment(item) for item in args.set)
    if args.out is not None and args.out.exists() and not args.out.is_dir():
        raise UsageError(f"--out {args.out} is not a directory")
    with _client(args, args.tracker) as client:
        if workflow.is_ui:
            workflow = client.convert_ui(workflow.ui or {})
        if changes:
            workflow.update(changes)
        if args.random_seeds:
            workflow.randomize_seeds()
        progress = _ProgressDisplay(
            sys.stderr, not args.quiet and not args.json, lambda n: _node_name(workflow, n)
        )
        prompt = client.submit_workflow(workflow)
        progress.submitted(prompt)
        try:
            result = _wait(client, prompt, args.timeout, progress)
        finally:
            progress.close()
        saved = _save_outputs(client, result, args.out) if args.out is not None else []
    if args.json:
        _print_json(
            {
                "prompt_id": result.prompt_id,
                "status": result.status,
                "files": [_file_json(f, p) for f, p in _pair(result.files, saved, args.out)],
                "texts": result.texts,
            }
        )
    else:
        for path in saved:
            print(path)
        if args.out is None:
            for file in result.files:
                print(
                    f"{file.type}/{file.subfolder + '/' if file.subfolder else ''}{file.filename}"
                )
        for node_id, texts in result.texts.items():
            for text in texts:
                print(f"[{node_id}] {text}")
    return EXIT_OK


def _wait(
    client: ComfyClient, prompt: Prompt, timeout: float, progress: _ProgressDisplay
) -> PromptResult:
    """Wait for the result, showing progress and the queue position while waiting."""
    deadline = time.monotonic() + timeout
    last_queue_check = 0.0
    future = prompt.future
    assert future is not None
    while not future.done():
        now = time.monotonic()
        if now >= deadline:
            raise ComfyTimeoutError(
                f"prompt {prompt.prompt_id} did not finish within {timeout:g} s (it goes on)"
            )
        if progress.enabled and prompt.status is PromptStatus.QUEUED and now - last_queue_check > 1:
            last_queue_check = now
            with contextlib.suppress(ComfyError):
                progress.queue_position(_position(client, prompt.prompt_id))
        progress.update(prompt)
        with contextlib.suppress(Exception):
            future.result(timeout=min(0.1, max(deadline - now, 0)))
    progress.update(prompt)
    result: PromptResult = future.result()
    return result


def _position(client: ComfyClient, prompt_id: str) -> int | None:
    queue = client.get_queue()
    ids = [e.prompt_id for e in (*queue.running, *queue.pending)]
    return ids.index(prompt_id) if prompt_id in ids else None


def _save_outputs(client: ComfyClient, result: PromptResult, out: Path) -> list[Path]:
    """Stream every output file into ``out`` (names escaping it are refused)."""
    targets = [output_path(out, file) for file in result.files]
    saved = []
    for file, target in zip(result.files, targets, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        saved.append(client.download(file, target))
    return saved


def _convert(args: argparse.Namespace) -> int:
    workflow = Workflow.load(args.workflow)
    if not workflow.is_ui:
        converted = workflow
    elif args.object_info is not None:
        replacements = (
            _read_json(args.node_replacements) if args.node_replacements is not None else None
        )
        converted = Workflow.from_ui(workflow.ui or {}, _read_json(args.object_info), replacements)
    else:
        with _client(args) as client:
            converted = client.convert_ui(workflow.ui or {})
    print(converted.to_json())
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from .validation import check_workflow

    workflow = Workflow.load(args.workflow)
    if args.object_info is not None:
        info = _read_json(args.object_info)
        if workflow.is_ui:
            workflow = Workflow.from_ui(workflow.ui or {}, info)
        check_workflow(workflow.to_dict(), info, workflow.partial_execution_targets)
    else:
        with _client(args) as client:
            workflow = client.validate_workflow(workflow)
    if args.json:
        _print_json({"valid": True, "nodes": len(workflow)})
    else:
        print(f"{args.workflow}: valid ({len(workflow)} nodes)")
    return EXIT_OK


def _queue(args: argparse.Namespace) -> int:
    with _client(args) as client:
        queue = client.get_queue()
    rows = [("running", e) for e in queue.running] + [("pending", e) for e in queue.pending]
    if args.json:
        _print_json(
            [
                {
                    "state": state,
                    "number": e.number,
                    "prompt_id": e.prompt_id,
                    "outputs_to_execute": e.outputs_to_execute,
                }
                for state, e in rows
            ]
        )
    elif not rows:
        print("the queue is empty")
    else:
        for state, e in rows:
            print(
                f"{state:8} #{e.number:<6g} {e.prompt_id}  outputs {','.join(e.outputs_to_execute)}"
            )
    return EXIT_OK


def _history(args: argparse.Namespace) -> int:
    with _client(args) as client:
        body = client.get_history(args.prompt_id, max_items=None if args.prompt_id else args.max)
    if args.json:
        _print_json(body)
        return EXIT_OK
    if not body:
        print("no such prompt in the history" if args.prompt_id else "the history is empty")
        return EXIT_ERROR if args.prompt_id else EXIT_OK
    for prompt_id, entry in body.items():
        status = (entry.get("status") or {}).get("status_str", "?")
        outputs = entry.get("outputs") or {}
        count = sum(len(v) for o in outputs.values() for v in o.values() if isinstance(v, list))
        print(f"{prompt_id}  {status:8} {len(outputs)} output node(s), {count} item(s)")
    return EXIT_OK


def _interrupt(args: argparse.Namespace) -> int:
    with _client(args) as client:
        client.interrupt_processing(args.prompt_id)
    print("interrupt sent" if not args.json else json.dumps({"interrupted": True}))
    return EXIT_OK


def _cancel(args: argparse.Namespace) -> int:
    with _client(args) as client:
        client.cancel_prompts(args.prompt_ids)
    if args.json:
        _print_json({"cancelled": args.prompt_ids})
    else:
        print(f"asked the server to remove {len(args.prompt_ids)} pending prompt(s)")
    return EXIT_OK


def _stats(args: argparse.Namespace) -> int:
    with _client(args) as client:
        stats = client.get_system_stats()
    _print_json(stats.to_dict())
    return EXIT_OK


def _nodes(args: argparse.Namespace) -> int:
    with _client(args) as client:
        info = client.get_object_info(args.name)
    if args.name is not None:
        if not info:
            print(f"error: the server has no node class {args.name!r}", file=sys.stderr)
            return EXIT_ERROR
        _print_json(info.get(args.name, info))
    elif args.json:
        _print_json(sorted(info))
    else:
        for name in sorted(info):
            print(name)
    return EXIT_OK


def _upload(args: argparse.Namespace) -> int:
    name = args.name or args.file.name
    with _client(args) as client:
        answer = client.upload_image(
            name, args.file, args.subfolder, overwrite=not args.no_overwrite, type=args.type
        )
    body = answer.to_dict()
    if args.json:
        _print_json(body)
    else:
        sub = body.get("subfolder") or ""
        print(f"{body.get('type', args.type)}/{sub + '/' if sub else ''}{body.get('name', name)}")
    return EXIT_OK


# -- helpers -----------------------------------------------------------------------------------


def _assignment(item: str) -> tuple[str, Any]:
    path, sep, raw = item.partition("=")
    if not sep or "." not in path:
        raise UsageError(f"--set takes NODE.INPUT=VALUE, not {item!r}")
    try:
        value: Any = json.loads(raw)
    except ValueError:
        value = raw
    return path.strip(), value


def _node_name(workflow: Workflow, node_id: str) -> str:
    node = workflow.nodes.get(node_id)
    if node is None:
        return node_id
    title = (node.get("_meta") or {}).get("title")
    shown = f", '{title}'" if title and title != node["class_type"] else ""
    return f"{node_id} ({node['class_type']}{shown})"


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise WorkflowError(f"{path} is not valid JSON: {exc}") from exc


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _pair(
    files: list[OutputFile], saved: list[Path], out: Path | None
) -> list[tuple[OutputFile, Path | None]]:
    return [(f, saved[i] if out is not None else None) for i, f in enumerate(files)]


def _file_json(file: OutputFile, path: Path | None) -> dict[str, Any]:
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


class _ProgressDisplay:
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
            ahead = "" if self._position is None else f", {self._position} ahead"
            line = f"queued{ahead}"
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
