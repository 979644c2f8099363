"""``comfy-api-client mcp``: the MCP server's command line (the SDK is imported only when
the command runs, so the rest of the command line works without the ``mcp`` extra)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

OptionsReader = Callable[[argparse.Namespace], dict[str, Any]]


def register(
    sub: Any, common: Callable[[], argparse.ArgumentParser], options: OptionsReader
) -> None:
    """Add the ``mcp`` command: ``common()`` makes a new parser of the options every command
    takes (its ``--server`` is replaced by a repeatable one), ``options`` reads the client
    options from the parsed flags."""
    command = sub.add_parser(
        "mcp",
        parents=[common()],
        conflict_handler="resolve",
        help="serve ComfyUI to AI agents over MCP (stdio or streamable HTTP)",
        description="An MCP server on the client (needs the mcp extra). Files are read and "
        "written only inside the folders given here.",
    )
    command.add_argument(
        "--server",
        action="append",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="a ComfyUI server; repeat it for a pool (default: $COMFYUI_URL, else 127.0.0.1:8188)",
    )
    command.add_argument("--workflows", type=Path, metavar="DIR", help="workflow files to offer")
    command.add_argument("--inputs", type=Path, metavar="DIR", help="images upload_image may read")
    command.add_argument(
        "--output-dir", type=Path, metavar="DIR", help="also save every output file here"
    )
    command.add_argument(
        "--max-attempts",
        type=int,
        default=3,
        metavar="N",
        help="posts of one prompt at most, when a server lost it (restart, failover)",
    )
    command.add_argument(
        "--transport",
        choices=["stdio", "http"],
        default="stdio",
        help="stdio (default: the MCP client starts this command) or streamable HTTP "
        "(http://HOST:PORT/mcp)",
    )
    command.add_argument(
        "--host", default="127.0.0.1", help="with --transport http (default 127.0.0.1)"
    )
    command.add_argument(
        "--port", type=int, default=8000, help="with --transport http (default 8000)"
    )
    command.set_defaults(handler=lambda args: _serve(args, options))


def _serve(args: argparse.Namespace, read_options: OptionsReader) -> int:
    try:
        from .mcp import Settings, run
    except ImportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    given = getattr(args, "server", None)
    named: list[str] = [str(s) for s in (given if isinstance(given, list) else [given]) if s]
    servers = named or [os.environ.get("COMFYUI_URL") or "127.0.0.1:8188"]
    for folder in (args.workflows, args.inputs):
        if folder is not None and not folder.is_dir():
            print(f"error: {folder}: no such directory", file=sys.stderr)
            return 2
    if args.output_dir is not None:
        args.output_dir.mkdir(parents=True, exist_ok=True)
    options = read_options(args)
    options.pop("server", None)
    settings = Settings(
        servers=servers,
        client_options=options,
        workflows=args.workflows,
        inputs=args.inputs,
        output_dir=args.output_dir,
        max_attempts=args.max_attempts,
    )
    run(settings, "streamable-http" if args.transport == "http" else "stdio", args.host, args.port)
    return 0
