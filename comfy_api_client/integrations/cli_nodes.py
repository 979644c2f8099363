"""``comfy-api-client nodes``: list node classes, show one, generate typed bindings, compare.

::

    comfy-api-client nodes                         # the server's node classes
    comfy-api-client nodes KSampler                # one definition (also: nodes show KSampler)
    comfy-api-client nodes generate --out my_nodes [--object-info FILE] [--package NAME]
    comfy-api-client nodes diff OLD NEW            # files saved from /object_info, or servers
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .._sync.client import ComfyClient
from ..errors import WorkflowError
from ..workflows.nodegen import diff_definitions, generate_package, load_object_info

#: ``connect(args)``: the command line's client for ``args.server`` (cli.py's ``_client``).
Connect = Callable[[argparse.Namespace], contextlib.AbstractContextManager[ComfyClient]]

#: The words after ``nodes`` that are not a class name (``nodes show NAME`` shows such a class).
ACTIONS = ("generate", "diff", "show")

USAGE = """\
nodes                      list the server's node classes
nodes CLASS                show one definition (nodes show CLASS: the same, for any name)
nodes generate --out DIR   write a typed package of the server's node functions (or of
                           --object-info FILE); --package NAME (default: DIR's name)
nodes diff OLD NEW         what changed from OLD to NEW (each a file saved from /object_info
                           or a server address): removed classes and inputs, changed types,
                           choices and outputs; exit 1 when something breaks old workflows"""


def register(sub: Any, common: argparse.ArgumentParser, connect: Connect) -> None:
    """Add the ``nodes`` command to the CLI's subparsers."""
    nodes = sub.add_parser(
        "nodes",
        parents=[common],
        help="list node classes, show one, generate typed bindings, or diff two servers",
        description=USAGE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    nodes.add_argument("words", nargs="*", metavar="CLASS | generate | diff OLD NEW")
    nodes.add_argument("--out", type=Path, metavar="DIR", help="generate: the package directory")
    nodes.add_argument(
        "--object-info", type=Path, metavar="FILE", help="generate: definitions from this file"
    )
    nodes.add_argument("--package", metavar="NAME", help="generate: the package's import name")
    nodes.set_defaults(handler=functools.partial(handle, connect, nodes))


def handle(connect: Connect, parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    words: list[str] = args.words
    action = words[0] if words and words[0] in ACTIONS else None
    if action == "generate":
        if len(words) != 1 or args.out is None:
            parser.error("nodes generate takes --out DIR (and --object-info FILE or --server URL)")
        return _generate(connect, args)
    if action == "diff":
        if len(words) != 3:
            parser.error("nodes diff takes OLD NEW (files saved from /object_info, or servers)")
        return _diff(connect, args, words[1], words[2])
    if action == "show":
        if len(words) != 2:
            parser.error("nodes show takes one class name")
        words = words[1:]
    if len(words) > 1:
        parser.error(f"nodes takes one class name, not {len(words)} words: {' '.join(words)}")
    return _show(connect, args, words[0] if words else None)


def _show(connect: Connect, args: argparse.Namespace, name: str | None) -> int:
    with connect(args) as client:
        info = client.get_object_info(name)
    if name is not None:
        if not info:
            print(f"error: the server has no node class {name!r}", file=sys.stderr)
            return 1
        _print_json(info.get(name, info))
    elif args.json:
        _print_json(sorted(info))
    else:
        for class_name in sorted(info):
            print(class_name)
    return 0


def _generate(connect: Connect, args: argparse.Namespace) -> int:
    if args.object_info is not None:
        object_info = load_object_info(args.object_info)
        source = args.object_info.name
    else:
        with connect(args) as client:
            object_info = client.get_object_info()
            source = f"the /object_info of {client.address}"
    target = generate_package(object_info, args.out, package=args.package, source=source)
    if args.json:
        _print_json({"package": str(target), "classes": len(object_info)})
    else:
        print(f"{target}: {len(object_info)} node functions")
    return 0


def _diff(connect: Connect, args: argparse.Namespace, old: str, new: str) -> int:
    diff = diff_definitions(_definitions(connect, args, old), _definitions(connect, args, new))
    if args.json:
        _print_json(diff.to_json())
    else:
        for change in diff.changes:
            print(("! " if change.breaking else "  ") + change.describe())
        print(
            f"{len(diff.changes)} changes, {len(diff.breaking)} breaking "
            "(! marks what fails old workflows)"
        )
    return 1 if diff.breaking else 0


def _definitions(connect: Connect, args: argparse.Namespace, where: str) -> dict[str, Any]:
    """Definitions from a file, else from the server at that address."""
    if Path(where).is_file():
        return load_object_info(where)
    if "://" not in where and where.endswith((".json", ".gz")):
        raise WorkflowError(f"{where}: no such file (nor a server address)")
    with connect(argparse.Namespace(**{**vars(args), "server": where})) as client:
        return client.get_object_info()


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
