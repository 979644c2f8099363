"""The ``comfy-api-client`` command (also ``python -m comfy_api_client``).

Exit codes: 0 success, 1 other error (an unexpected HTTP answer, a lost prompt...), 2 bad
command line, 3 server unreachable, 4 invalid workflow (validation, conversion, ``--set``),
5 execution error, 6 interrupted, 7 timeout, 8 some outputs refused (the others saved).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from .. import __version__, create_client
from .._sync.client import ComfyClient
from .._sync.prompt import Prompt
from ..core.locate import Where, locate
from ..core.options import ClientOptions, CliFlag
from ..core.results import OutputFile, PromptResult
from ..core.tracker_core import PromptStatus
from ..errors import (
    ComfyConnectionError,
    ComfyError,
    ComfyTimeoutError,
    ExecutionError,
    ExecutionInterrupted,
    InvalidArgumentError,
    OutputPathError,
    PromptValidationError,
    WorkflowError,
)
from ..workflows.workflow import Workflow
from . import cli_nodes, cli_text, mcp_command
from .workflow_inputs import apply_inputs

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3
EXIT_INVALID = 4
EXIT_EXECUTION = 5
EXIT_INTERRUPTED = 6
EXIT_TIMEOUT = 7
EXIT_REFUSED = 8

_EXIT_CODES: list[tuple[type[BaseException], int]] = [
    (InvalidArgumentError, EXIT_USAGE),
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
        command: argparse.ArgumentParser = getattr(args, "command_parser", parser)
        command.print_usage(sys.stderr)
        print(f"{command.prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except _Failure as exc:
        return _fail(args, exc.error, str(exc))
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


def _fail(args: argparse.Namespace, error: BaseException, message: str | None = None) -> int:
    code = exit_code(error)
    message = str(error) if message is None else message
    if getattr(args, "json", False):
        _print_json({"error": type(error).__name__, "message": message, "exit_code": code})
    print(f"error: {message}", file=sys.stderr)
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
        help="ComfyUI address (default: $COMFYUI_URL, else 127.0.0.1:8188); 'embedded' runs "
        "on the built-in test double (the embedded extra)",
    )
    for option in fields(ClientOptions):
        flag: CliFlag | None = option.metadata["cli"]
        if flag is None:
            continue
        if flag.kind == "pairs":
            kind: dict[str, Any] = {"action": "append", "default": default([])}
        elif flag.kind in ("off", "on"):
            switch = flag.kind == "off"
            kind = {"action": f"store_{str(not switch).lower()}", "default": default(switch)}
        else:
            kind = {"type": type(option.default), "default": default(option.default)}
        if flag.kind not in ("off", "on"):
            kind["metavar"] = flag.metavar or ("S" if kind.get("type") is float else None)
        common.add_argument(flag.flag, dest=option.name, help=flag.help, **kind)
    common.add_argument(
        "--json", action="store_true", default=default(False), help="machine-readable output"
    )
    common.add_argument(
        "--quiet", "-q", action="store_true", default=default(False), help="no progress display"
    )
    return common


def _seconds(text: str) -> float:
    """A number of seconds above 0 (``--timeout``)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, not {text}")
    return value


def _parser() -> argparse.ArgumentParser:
    common = _common(top=False)
    parser = argparse.ArgumentParser(
        prog="comfy-api-client",
        description="Run and inspect ComfyUI workflows. Without a command: print system stats.",
        epilog=cli_text.EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_common(top=True)],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
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
    run.add_argument(
        "--out",
        type=Path,
        help="write the output files into this directory (subfolders kept; a taken name gets "
        "a counter: x.png, x-1.png...; a name leaving it is refused: exit 8, the rest saved)",
    )
    run.add_argument(
        "--fill",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="fill the {{NAME}} placeholders of the workflow (VALUE: JSON or text); repeatable",
    )
    run.add_argument(
        "--tracker",
        choices=["websocket", "http"],
        default="websocket",
        help="how to follow the prompt: one WebSocket (default) or polling GET /queue over "
        "HTTP (when a proxy blocks WebSockets)",
    )
    run.add_argument(
        "--timeout",
        type=_seconds,
        default=600.0,
        metavar="S",
        help="wait at most S seconds, then cancel the prompt on the server (default 600)",
    )
    run.add_argument(
        "--keep",
        action="store_true",
        help="leave the prompt on the server when the wait ends early (timeout, Ctrl-C)",
    )
    run.add_argument("--random-seeds", action="store_true", help="give every seed a new value")
    run.add_argument("--no-validate", action="store_true", help="skip client-side validation")
    run.set_defaults(handler=_run)

    convert = sub.add_parser(
        "convert", parents=[common], help="convert a workflow to the API (or the editor's) format"
    )
    convert.add_argument("workflow", help="UI- or API-format JSON (or a ComfyUI PNG)")
    convert.add_argument(
        "--to",
        choices=("api", "ui"),
        default="api",
        help="api (default) or ui: a workflow the editor opens, laid out left to right",
    )
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
    cli_nodes.register(sub, common, _client)
    upload = sub.add_parser("upload", parents=[common], help="upload an image for LoadImage")
    upload.add_argument("file", type=Path)
    upload.add_argument("--name", help="name on the server (default: the file's name)")
    upload.add_argument("--subfolder")
    upload.add_argument("--type", default="input", choices=["input", "temp", "output"])
    upload.add_argument("--no-overwrite", action="store_true")
    upload.set_defaults(handler=_upload)
    mcp_command.register(sub, lambda: _common(top=False), _options_given)
    for command in sub.choices.values():
        command.set_defaults(command_parser=command)
    return parser


EMBEDDED = "embedded"


@contextlib.contextmanager
def _embedded(args: argparse.Namespace) -> Iterator[None]:
    """``--server embedded``: start the built-in test double and point ``args.server`` at it."""
    if (args.server or os.environ.get("COMFYUI_URL")) != EMBEDDED:
        yield
        return
    try:
        from ..testing import ComfyTestServer
    except ImportError:
        raise UsageError(
            "--server embedded runs on the built-in test double, which needs its extra: "
            "pip install 'comfy-api-client[embedded]'"
        ) from None
    with ComfyTestServer() as server:
        print(
            f"running on the built-in ComfyUI test double at {server.url} (--server embedded), "
            "not on a real ComfyUI: a few CPU nodes imitating ComfyUI's own, and no models",
            file=sys.stderr,
        )
        args.server = server.url
        try:
            yield
        finally:
            args.server = EMBEDDED


@contextlib.contextmanager
def _client(args: argparse.Namespace, tracker: str | None = None) -> Iterator[ComfyClient]:
    with _embedded(args), _connect(args, tracker) as client:
        yield client


def _options_given(args: argparse.Namespace) -> dict[str, Any]:
    """The client options the command line's flags set (``ClientOptions`` declares them)."""
    given: dict[str, Any] = {}
    for option in fields(ClientOptions):
        flag: CliFlag | None = option.metadata["cli"]
        if flag is None:
            continue
        given[option.name] = value = getattr(args, option.name)
        if flag.kind == "pairs":
            given[option.name] = {}
            for item in value:
                name, sep, text = item.partition(":")
                if not sep or not name.strip():
                    raise UsageError(f"{flag.flag} takes NAME:VALUE")
                given[option.name][name.strip()] = text.strip()
    return given


@contextlib.contextmanager
def _connect(args: argparse.Namespace, tracker: str | None) -> Iterator[ComfyClient]:
    given = _options_given(args)
    try:
        client = create_client(
            args.server,
            given.pop("http_timeout"),
            tracker,  # type: ignore[arg-type]
            download_outputs=False,
            validate=not getattr(args, "no_validate", False),
            **given,
        )
    except InvalidArgumentError as exc:
        if exc.argument == "comfy_url":
            raise UsageError(f"--server {exc.value!r}: {exc.reason}") from None
        raise
    with client:
        yield client


# -- commands ----------------------------------------------------------------------------------


def _run(args: argparse.Namespace) -> int:
    workflow = Workflow.load(_existing(args.workflow))
    changes = dict(_assignment(item, "--set", "NODE.INPUT=VALUE") for item in args.set)
    fills = dict(_assignment(item, "--fill", "NAME=VALUE") for item in args.fill)
    if args.out is not None:
        _prepare_out(args.out)
    with _client(args, args.tracker) as client:
        if workflow.is_ui:
            workflow = client.convert_ui(workflow.ui or {})
        # unfilled placeholders: the client refuses them (unless --allow-placeholders)
        apply_inputs(workflow, changes, fills, args.random_seeds)
        progress = cli_text.ProgressDisplay(
            sys.stderr, not args.quiet and not args.json, lambda n: cli_text.node_name(workflow, n)
        )
        prompt = client.submit_workflow(workflow)
        progress.submitted(prompt)
        try:
            result = _wait(client, prompt, args.timeout, progress)
        except (ExecutionError, ExecutionInterrupted) as exc:
            raise _Failure(exc, cli_text.failure_message(exc, workflow)) from exc
        except BaseException:
            if not args.keep:
                _abandon(client, prompt)
            raise
        finally:
            progress.close()
        saved, refused = (
            _save_outputs(client, result, args.out) if args.out is not None else ([], [])
        )
        base_url = client.options.address.base_url
    for message in refused:
        print(f"error: output not saved: {message}", file=sys.stderr)
    if args.json:
        _print_json(
            {
                "prompt_id": result.prompt_id,
                "status": result.status,
                "files": [
                    cli_text.file_json(f, p) for f, p in _pair(result.files, saved, args.out)
                ],
                "texts": result.texts,
                **({"refused": refused} if refused else {}),
            }
        )
    else:
        for path in saved:
            if path is not None:
                print(path)
        if args.out is None and result.files:
            for file in result.files:
                print(cli_text.server_url(file, base_url))
            embedded = args.server == EMBEDDED
            print(cli_text.NOT_SAVED_EMBEDDED if embedded else cli_text.NOT_SAVED, file=sys.stderr)
        for node_id, texts in result.texts.items():
            for text in texts:
                print(f"[{node_id}] {text}")
    return EXIT_REFUSED if refused else EXIT_OK


def _prepare_out(out: Path) -> None:
    """Make sure the outputs can be written before anything runs."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot create this directory ({exc.strerror})") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise UsageError(f"--out {out}: this directory is not writable")


def _abandon(client: ComfyClient, prompt: Prompt) -> None:
    """The wait ended early (timeout, Ctrl-C): cancel the prompt on the server."""
    if prompt.status is not None and prompt.status.value in ("queued", "running", "submitting"):
        try:
            client.cancel_prompt(prompt)
        except ComfyError as exc:
            print(f"could not cancel prompt {prompt.prompt_id}: {exc}", file=sys.stderr)
        else:
            print(f"cancelled prompt {prompt.prompt_id} on the server", file=sys.stderr)


class _Failure(Exception):
    """A prompt's failure, told with the node titles of the workflow."""

    def __init__(self, error: ComfyError, message: str) -> None:
        super().__init__(message)
        self.error = error


def _wait(
    client: ComfyClient, prompt: Prompt, timeout: float, progress: cli_text.ProgressDisplay
) -> PromptResult:
    """Wait for the result, showing progress and the queue position while waiting."""
    deadline = time.monotonic() + timeout
    last_queue_check = 0.0
    future = prompt.future
    while not future.done():
        now = time.monotonic()
        if now >= deadline:
            raise ComfyTimeoutError(
                f"prompt {prompt.prompt_id} did not finish within {timeout:g} s"
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


def _save_outputs(
    client: ComfyClient, result: PromptResult, out: Path
) -> tuple[list[Path | None], list[str]]:
    """Stream every output file into the folder ``out`` (the naming rule of ``download``):
    where each went (None: refused), and why those were refused (names escaping ``out``)."""
    saved: list[Path | None] = []
    refused: list[str] = []
    for file in result.files:
        try:
            saved.append(client.download(file, f"{out}{os.sep}"))
        except OutputPathError as exc:
            refused.append(f"node {file.node_id}: {exc}")
            saved.append(None)
    return saved, refused


def _convert(args: argparse.Namespace) -> int:
    workflow = Workflow.load(_existing(args.workflow))
    ui: dict[str, Any] | None = None
    if not workflow.is_ui and args.to == "api":
        converted = workflow
    elif args.object_info is not None:
        info = _read_json(args.object_info)
        replacements = (
            _read_json(args.node_replacements) if args.node_replacements is not None else None
        )
        converted = (
            Workflow.from_ui(workflow.ui or {}, info, replacements) if workflow.is_ui else workflow
        )
        ui = converted.to_ui(info) if args.to == "ui" else None
    else:
        with _client(args) as client:
            converted = client.convert_ui(workflow.ui or {}) if workflow.is_ui else workflow
            ui = converted.to_ui(client) if args.to == "ui" else None
    print(converted.to_json() if ui is None else json.dumps(ui, indent=2, ensure_ascii=False))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from ..workflows.validation import check_workflow

    workflow = Workflow.load(_existing(args.workflow))
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
    rows = [cli_text.history_row(prompt_id, entry) for prompt_id, entry in body.items()]
    for _, line in sorted(rows, key=lambda row: row[0], reverse=True):
        print(line)
    return EXIT_OK


def _interrupt(args: argparse.Namespace) -> int:
    with _client(args) as client:
        client.interrupt_processing(args.prompt_id)
    print("interrupt sent" if not args.json else json.dumps({"interrupted": True}))
    return EXIT_OK


def _cancel(args: argparse.Namespace) -> int:
    wanted = list(dict.fromkeys(args.prompt_ids))
    with _client(args) as client:
        queue = client.get_queue()
        where = {pid: locate(pid, queue).where for pid in wanted}
        to_remove = [pid for pid in wanted if where[pid] is Where.PENDING]
        if to_remove:
            client.cancel_prompts(to_remove)
            still = client.get_queue()
            removed = [pid for pid in to_remove if locate(pid, still).where is not Where.PENDING]
        else:
            removed = []
    missed = {
        pid: "running (use: interrupt ID)" if where[pid] is Where.RUNNING else "not in the queue"
        for pid in wanted
        if pid not in removed
    }
    if args.json:
        _print_json({"cancelled": removed, "not_cancelled": missed})
    else:
        for pid in removed:
            print(f"removed {pid}")
        for pid, why in missed.items():
            print(f"not removed {pid}: {why}", file=sys.stderr)
    return EXIT_OK if not missed else EXIT_ERROR


def _stats(args: argparse.Namespace) -> int:
    with _client(args) as client:
        stats = client.get_system_stats()
    _print_json(stats.to_dict())
    return EXIT_OK


def _upload(args: argparse.Namespace) -> int:
    _existing(args.file)
    kind = cli_text.image_kind(args.file)
    if kind is None:
        raise UsageError(
            f"{args.file} is not an image (PNG, JPEG, WebP, GIF, BMP or TIFF); "
            "LoadImage could not read it"
        )
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


def _existing(path: str | Path) -> str | Path:
    """A file named on the command line; a missing one is a bad command line (exit 2)."""
    if not Path(path).exists():
        raise UsageError(f"{path}: no such file")
    return path


def _assignment(item: str, option: str, form: str) -> tuple[str, Any]:
    path, sep, raw = item.partition("=")
    if not sep or not path.strip() or ("." in form and "." not in path):
        raise UsageError(f"{option} takes {form}, not {item!r}")
    try:
        value: Any = json.loads(raw)
    except ValueError:
        value = raw
    return path.strip(), value


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise WorkflowError(f"{path} is not valid JSON: {exc}") from exc


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _pair(
    files: list[OutputFile], saved: list[Path | None], out: Path | None
) -> list[tuple[OutputFile, Path | None]]:
    return [(f, saved[i] if out is not None else None) for i, f in enumerate(files)]
