"""Typed node bindings generated from a server's ``/object_info``, and what changed between two.

>>> generate_package(client.get_object_info(), "my_nodes")     # a package ./my_nodes/
>>> diff_definitions(old_object_info, new_object_info).breaking  # what an upgrade breaks

A generated package has one function per node class (named like it), taking the node's inputs
as keyword parameters and returning its output (several as a tuple); see
:mod:`comfy_api_client.workflows.graph` for how the calls become a workflow and
:mod:`.annotations` for the typing rules.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...errors import WorkflowError
from .diff import Change, Diff, diff_definitions
from .render import render_package

__all__ = [
    "Change",
    "Diff",
    "diff_definitions",
    "generate_package",
    "load_object_info",
    "render_package",
]


def generate_package(
    object_info: Mapping[str, Any],
    out: str | os.PathLike[str],
    *,
    package: str | None = None,
    source: str = "a server's /object_info",
) -> Path:
    """Write the package of ``object_info``'s node classes to the directory ``out``.

    ``package`` is its import name (default: ``out``'s last part); files of an earlier
    generation are replaced. Returns the package directory.
    """
    target = Path(out)
    name = package or target.name
    if not name.isidentifier():
        raise WorkflowError(f"{name!r} is not a Python package name; pass package=")
    files = render_package(object_info, name, source)
    if target.exists():
        stale = [p for p in target.iterdir() if p.name.startswith("nodes_") or p.name in files]
        for path in stale:
            path.unlink() if path.is_file() else shutil.rmtree(path)
    target.mkdir(parents=True, exist_ok=True)
    for relative, data in files.items():
        (target / relative).write_bytes(data)
    return target


def load_object_info(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Node definitions from a file: ``/object_info`` saved as JSON (``.gz`` too)."""
    source = Path(path)
    try:
        data = source.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        loaded = json.loads(data)
    except (OSError, ValueError) as exc:
        raise WorkflowError(f"cannot read node definitions from {source}: {exc}") from exc
    if not isinstance(loaded, dict) or not all(isinstance(v, dict) for v in loaded.values()):
        raise WorkflowError(f"{source} is not a /object_info answer (class name -> definition)")
    return loaded
