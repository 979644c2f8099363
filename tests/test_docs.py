"""The manual: the README and the site under ``docs/``.

The examples marked ``<!-- check: run -->`` run as written (every example is type-checked by
``scripts/check_readme_types.py``); the API reference documents every public name; the error
tree shows every error under its parent; every page is in the site's navigation.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import comfy_api_client
import comfy_api_client.testing
from comfy_api_client import errors
from comfy_api_client.core.options import ClientOptions
from scripts.check_readme_types import blocks, pages

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
REFERENCE = DOCS / "reference"


def _runnable() -> list[Any]:
    seen: set[str] = set()
    found = []
    for block in blocks(pages()):
        if block.mark == "run" and block.code not in seen:
            seen.add(block.code)
            found.append(pytest.param(block.code, id=f"{block.page}:{block.line}"))
    return found


@pytest.mark.parametrize("code", _runnable())
def test_example_runs_as_written(code: str, tmp_path: Path) -> None:
    """Run from the repository's root (the examples load ``examples/invert.json``)."""
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "generated")])}
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def test_some_examples_run() -> None:
    assert len(_runnable()) >= 5


# -- the API reference ---------------------------------------------------------------------------


@functools.cache
def _documented() -> tuple[set[int], str]:
    """The ids of the objects the reference renders (``::: path`` directives; a module's
    public members with it), and the reference's text."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(REFERENCE.glob("*.md")))
    objects: set[int] = set()
    for path in re.findall(r"^::: ([\w.]+)", text, flags=re.M):
        module_name, _, attribute = path.rpartition(".")
        try:
            value = importlib.import_module(path)
        except ImportError:
            value = getattr(importlib.import_module(module_name), attribute)
        objects.add(id(value))
        if inspect.ismodule(value):
            for name, member in vars(value).items():
                if not name.startswith("_"):
                    objects.add(id(member))
    return objects, text


PUBLIC = [
    *(("comfy_api_client", n) for n in comfy_api_client.__all__ if not n.startswith("__")),
    *(("comfy_api_client.testing", n) for n in comfy_api_client.testing.__all__),
]


@pytest.mark.parametrize(("module", "name"), PUBLIC, ids=[f"{m}.{n}" for m, n in PUBLIC])
def test_reference_documents_every_public_name(module: str, name: str) -> None:
    objects, text = _documented()
    value = getattr(importlib.import_module(module), name)
    if inspect.ismodule(value):  # errors, utils: named, and their members documented
        assert f"{module}.{name}" in text, f"{module}.{name} is not named in docs/reference/"
        return
    assert id(value) in objects, f"{module}.{name} is missing from docs/reference/"
    if getattr(value, "__name__", name) != name:  # an alias (ImageItem): the text names it
        assert re.search(rf"\b{name}\b", text), f"{name} is not named in docs/reference/"


def test_reference_documents_every_error_and_event() -> None:
    objects, _ = _documented()
    for module in (errors, importlib.import_module("comfy_api_client.events")):
        for name, value in vars(module).items():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                assert id(value) in objects, f"{module.__name__}.{name} is not documented"


def test_every_option_is_documented() -> None:
    """Client options are in the generated table (tests/test_options.py checks it is
    current); pool options in the table below it."""
    page = (DOCS / "options.md").read_text(encoding="utf-8")
    names = [f.name for f in ClientOptions.__dataclass_fields__.values()]
    for pool in (comfy_api_client.create_pool, comfy_api_client.create_async_pool):
        names += [
            p.name
            for p in inspect.signature(pool).parameters.values()
            if p.kind is inspect.Parameter.KEYWORD_ONLY
        ]
    hidden = {"address", "has_api_key", "http_client"}  # not keywords: computed, or create_client's
    for name in names:
        if name not in hidden:
            assert f"`{name}`" in page or f"'{name}'" in page, name


# -- the error tree ------------------------------------------------------------------------------


def _error_classes() -> list[type[errors.ComfyError]]:
    return [
        value
        for _, value in inspect.getmembers(errors, inspect.isclass)
        if issubclass(value, errors.ComfyError) and value.__module__ == errors.__name__
    ]


def test_error_tree_shows_every_error_under_its_parent() -> None:
    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    tree = text.split("```text\nComfyError\n", 1)[1].split("```", 1)[0]
    parents: list[str] = ["ComfyError"]
    shown: dict[str, str | None] = {"ComfyError": None}
    for line in tree.splitlines():
        match = re.match(r"^([│ ├└─]*)([A-Z]\w+)", line)
        if not match:
            continue
        depth = len(match.group(1)) // 4  # "├── " is a child of ComfyError
        del parents[depth:]
        shown[match.group(2)] = parents[-1]
        parents.append(match.group(2))
    classes = _error_classes()
    assert len(classes) >= 26
    for cls in classes:
        assert cls.__name__ in shown, f"{cls.__name__} is missing from the error tree"
        # its parent in the tree is its first base class among the errors
        bases = [b for b in cls.__mro__[1:] if b in classes]
        assert shown[cls.__name__] == (bases[0].__name__ if bases else None), cls.__name__
    assert set(shown) <= {c.__name__ for c in classes}, "the tree shows an error that is gone"


# -- the site and the README ---------------------------------------------------------------------


def _nav_pages(entries: Any) -> list[str]:
    found: list[str] = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        found.extend(_nav_pages(value) if isinstance(value, list) else [value])
    return found


def test_every_page_is_in_the_navigation_and_every_entry_exists() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    listed = _nav_pages(config["nav"])
    present = sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md"))
    assert sorted(listed) == present


def test_readme_is_short_and_starts_with_what_a_newcomer_needs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 300
    first_screen = "\n".join(readme.splitlines()[:50])
    for needed in ("Quick start", "ComfyTestServer", "Errors", "Install"):
        assert needed in first_screen, needed


def test_readme_links_point_to_pages_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(((?:docs/|CONTRIBUTING)[^)#]*)", readme):
        assert (ROOT / target).is_file(), target
