"""The test double's modules form no import circle and each imports alone."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import comfy_api_client.testing as testing

PACKAGE = "comfy_api_client.testing"
ROOT = Path(testing.__file__).parent


def _modules() -> list[str]:
    found = [PACKAGE]
    for info in pkgutil.walk_packages([str(ROOT)], prefix=PACKAGE + "."):
        found.append(info.name)
    return sorted(found)


def _module_file(name: str) -> Path:
    rel = name.removeprefix(PACKAGE).lstrip(".").replace(".", "/")
    path = ROOT / rel if rel else ROOT
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def _imports(name: str) -> set[str]:
    """The package modules ``name`` imports, ``TYPE_CHECKING`` imports included."""
    path = _module_file(name)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    modules = set(_modules())
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = (
                (f"{base}.{node.module}" if node.module else base)
                if node.level
                else (node.module or "")
            )
            for alias in node.names:
                if f"{target}.{alias.name}" in modules:
                    found.add(f"{target}.{alias.name}")
                elif target in modules:
                    found.add(target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in modules)
    found.discard(name)
    return found


def test_modules_found() -> None:
    names = _modules()
    assert f"{PACKAGE}.routes" in names
    assert f"{PACKAGE}.routes.prompts" in names
    assert f"{PACKAGE}.app" in names


def test_no_import_circle() -> None:
    """Depth-first search over every import, type-checking-only ones too."""
    graph = {name: _imports(name) for name in _modules()}
    # A package's __init__ re-exporting its own modules is not a circle of modules.
    for name, targets in graph.items():
        graph[name] = {t for t in targets if not name.startswith(t + ".")}
    done: set[str] = set()
    path: list[str] = []

    def visit(name: str) -> None:
        if name in path:
            cycle = [*path[path.index(name) :], name]
            pytest.fail("import circle: " + " -> ".join(cycle))
        if name in done:
            return
        path.append(name)
        for target in sorted(graph[name]):
            visit(target)
        path.pop()
        done.add(name)

    for name in graph:
        visit(name)


@pytest.mark.parametrize("module", _modules())
def test_module_imports_alone(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
