"""Every error a user may meet is exported, and the README's error tree shows each one."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import comfy_api_client
from comfy_api_client import errors

README = Path(__file__).resolve().parents[1] / "README.md"


def _error_classes() -> list[type[errors.ComfyError]]:
    return [
        value
        for _, value in inspect.getmembers(errors, inspect.isclass)
        if issubclass(value, errors.ComfyError) and value.__module__ == errors.__name__
    ]


def test_every_error_is_exported() -> None:
    found = _error_classes()
    assert len(found) >= 26
    for cls in found:
        assert cls.__name__ in comfy_api_client.__all__, cls.__name__
        assert getattr(comfy_api_client, cls.__name__) is cls


def test_readme_error_tree_shows_every_error_under_its_parent() -> None:
    text = README.read_text(encoding="utf-8")
    tree = text.split("## Errors", 1)[1].split("```", 2)[1]
    parents: list[str] = []
    shown: dict[str, str | None] = {}
    for line in tree.splitlines():
        match = re.match(r"^([│ ├└─]*)([A-Z]\w+)", line)
        if not match:
            continue
        depth = len(match.group(1)) // 4
        del parents[depth:]
        shown[match.group(2)] = parents[-1] if parents else None
        parents.append(match.group(2))
    for cls in _error_classes():
        assert cls.__name__ in shown, f"{cls.__name__} is missing from README's error tree"
        parent = shown[cls.__name__]
        if parent is not None:
            assert issubclass(cls, getattr(errors, parent)), (cls.__name__, parent)
