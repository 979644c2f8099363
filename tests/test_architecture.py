"""The house rules of the package, checked from its source: no import circles, no private
name of one module used from another, small modules, and every module importable alone."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "comfy_api_client"
#: Generated from ``_async`` by scripts/unasync.py; their sources are checked instead.
GENERATED = {
    "_sync/client.py",
    "_sync/prompt.py",
    "_sync/requester.py",
    "_sync/seam.py",
    "_sync/assets.py",
    "_sync/pool.py",
    "_sync/pool_prompt.py",
}
MAX_LINES = 700


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imports(module: str, path: Path, known: set[str]) -> dict[str, set[str]]:
    """The package modules ``module`` imports (anywhere in the file, type-checking and
    function-level imports included), and the names it takes from each."""
    found: dict[str, set[str]] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    found.setdefault(alias.name, set())
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, path, node)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in known:  # ``from . import calls``: the module itself
                    found.setdefault(sub, set())
                elif target in known:
                    found.setdefault(target, set()).add(alias.name)
    found.pop(module, None)
    return found


def graph() -> dict[str, dict[str, set[str]]]:
    mods = modules()
    return {name: imports(name, path, set(mods)) for name, path in mods.items()}


def _is_package_init(name: str) -> bool:
    return modules()[name].name == "__init__.py"


def test_no_import_circles() -> None:
    """Packages' ``__init__`` re-exports are left out: they sit above what they export."""
    edges = {
        name: {t for t in targets if not _is_package_init(t)}
        for name, targets in graph().items()
        if not _is_package_init(name)
    }
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert cycles == []


def test_no_private_name_is_imported_from_another_module() -> None:
    taken = [
        f"{name} takes {target}.{item}"
        for name, targets in graph().items()
        for target, items in targets.items()
        for item in items
        if item.startswith("_") and not item.startswith("__")
    ]
    assert taken == []


def test_no_private_member_of_an_imported_module_is_used() -> None:
    """``calls._json`` from another module, say: a private name reached through a module."""
    mods = modules()
    used = []
    for name, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _resolve(name, path, node)
                aliases |= {a.asname or a.name for a in node.names if f"{target}.{a.name}" in mods}
            elif isinstance(node, ast.Import):
                aliases |= {a.asname or a.name for a in node.names if a.name in mods}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                used.append(f"{name}:{node.lineno} {node.value.id}.{node.attr}")
    assert used == []


def test_handwritten_modules_are_small() -> None:
    large = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if rel not in GENERATED and lines > MAX_LINES:
            large.append(f"{rel}: {lines} lines")
    assert large == []


@pytest.mark.parametrize("module", sorted(modules()))
def test_each_module_imports_alone(module: str) -> None:
    """In a fresh interpreter, so that an order-dependent circle cannot hide."""
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=PACKAGE.parent,
    )
    assert done.returncode == 0, done.stderr
