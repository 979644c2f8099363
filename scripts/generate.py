"""Regenerate ``generated/comfyui_openapi`` from ``openapi/comfyui.yaml`` and
``generated/comfy_api_v2_openapi`` from ``openapi/comfy_api_v2.yaml``.

Usage::

    python scripts/generate.py           # rewrite both packages under generated/
    python scripts/generate.py --check   # exit 1 if generated/ differs from what the specs produce

The generator (openapi-python-client) and ruff are pinned in ``pyproject.toml``; the
generator runs in-process and fails on any warning, and ruff runs isolated from the
project's configuration, so that the same spec always gives the same bytes.

Besides the generator's package, the script writes ``comfyui_openapi/route_versions.py``: the
version marks of the spec (``x-comfyui-since``, ``x-comfyui-until``, ``x-comfyui-api-alias`` on
every operation, ``x-comfyui-since`` on every WebSocket message) as plain dicts, so that the
facade knows which server version serves what without parsing YAML at run time. An operation
without valid marks fails the generation like a generator warning.
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "comfyui.yaml"
CONFIG = ROOT / "openapi" / "config.yaml"
TARGET = ROOT / "generated" / "comfyui_openapi"
PACKAGE = "comfyui_openapi"
GENERATOR_VERSION = "0.29.1"
ROUTE_VERSIONS = "route_versions.py"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Target:
    """One spec and the package generated from it."""

    spec: Path
    config: Path
    package: str
    #: Whether the spec carries ComfyUI's version marks (written to ``route_versions.py``).
    route_versions: bool

    @property
    def directory(self) -> Path:
        return ROOT / "generated" / self.package


NATIVE = Target(SPEC, CONFIG, PACKAGE, route_versions=True)
V2 = Target(
    ROOT / "openapi" / "comfy_api_v2.yaml",
    ROOT / "openapi" / "config_v2.yaml",
    "comfy_api_v2_openapi",
    route_versions=False,
)
TARGETS = (NATIVE, V2)


def generate_into(directory: Path, target: Target = NATIVE) -> Path:
    """Run the generator for ``target`` into ``directory`` and return the package path it wrote."""
    from openapi_python_client import generate
    from openapi_python_client.config import Config, ConfigFile, MetaType

    installed = version("openapi-python-client")
    if installed != GENERATOR_VERSION:
        raise SystemExit(
            f"openapi-python-client {GENERATOR_VERSION} is required, {installed} is installed"
        )
    out = directory / target.package
    config = Config.from_sources(
        ConfigFile.load_from_path(target.config),
        MetaType.NONE,
        target.spec,
        "utf-8",
        overwrite=True,
        output_path=out,
    )
    # The post hooks call `ruff`: take the one installed beside this interpreter.
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    problems = generate(config=config)
    if problems:
        for problem in problems:
            print(f"{problem.level.name}: {problem.header}", file=sys.stderr)
            if problem.detail:
                print(f"  {problem.detail}", file=sys.stderr)
        raise SystemExit(f"generator reported {len(problems)} problem(s); fix the spec")
    # Installed as a package of its own: mark it typed (PEP 561), as meta "none" does not.
    (out / "py.typed").write_text("# Marker file for PEP 561\n", encoding="utf-8")
    models_init = out / "models" / "__init__.py"
    models_init.write_text(lazy_models_init(models_init.read_text(encoding="utf-8")), "utf-8")
    written = [models_init]
    if target.route_versions:
        with SPEC.open(encoding="utf-8") as f:
            spec = yaml.safe_load(f)
        versions_file = out / ROUTE_VERSIONS
        versions_file.write_text(route_versions_source(spec), encoding="utf-8")
        written.append(versions_file)
    subprocess.run(
        [
            *(str(Path(sys.executable).parent / "ruff"), "format", *map(str, written)),
            *("--isolated", "--no-cache", "--target-version=py311", "--quiet"),
        ],
        check=True,
    )
    return out


def lazy_models_init(source: str) -> str:
    """The generator's ``models/__init__.py`` (which imports every model) made lazy: a model
    module is imported when its name is first asked for (PEP 562), so an endpoint module
    imports only the models it uses. Importing all ~170 took ~150 ms of a client's first
    request; type checkers still see every name."""
    names: dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = node.module
    checking = "".join(f"    from .{module} import {name}\n" for name, module in names.items())
    table = "".join(f"    {name!r}: {module!r},\n" for name, module in names.items())
    exported = "".join(f"    {name!r},\n" for name in names)
    return (
        '"""Contains all the data models used in inputs/outputs (each imported on first use)."""\n\n'
        "import importlib\n"
        "from typing import TYPE_CHECKING, Any\n\n"
        f"if TYPE_CHECKING:\n{checking}\n"
        f"_MODULES = {{\n{table}}}\n\n"
        f"__all__ = (\n{exported})\n\n\n"
        "def __getattr__(name: str) -> Any:\n"
        "    module = _MODULES.get(name)\n"
        "    if module is None:\n"
        '        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")\n'
        '    value = getattr(importlib.import_module(f".{module}", __name__), name)\n'
        "    globals()[name] = value\n"
        "    return value\n"
    )


def version_marks(spec: dict[str, Any]) -> dict[str, Any]:
    """The version marks of every operation and WebSocket message; SystemExit if one is wrong."""
    described = list(spec["info"].get("x-comfyui-versions") or [])
    problems: list[str] = []
    if not described:
        problems.append("info: x-comfyui-versions lists no version")

    def check_version(where: str, value: Any, key: str) -> None:
        if value not in described:
            problems.append(
                f"{where}: {key} {value!r} is not one of x-comfyui-versions {described}"
            )

    since: dict[tuple[str, str], str] = {}
    until: dict[tuple[str, str], str] = {}
    aliased: list[tuple[str, str]] = []
    operations: dict[str, tuple[str, str]] = {}
    for template, item in spec["paths"].items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None:
                continue
            route = (method.upper(), template)
            where = f"{route[0]} {template}"
            check_version(where, op.get("x-comfyui-since"), "x-comfyui-since")
            since[route] = op.get("x-comfyui-since")
            if "x-comfyui-until" in op:
                check_version(where, op["x-comfyui-until"], "x-comfyui-until")
                until[route] = op["x-comfyui-until"]
            alias = op.get("x-comfyui-api-alias")
            if not isinstance(alias, bool):
                problems.append(f"{where}: x-comfyui-api-alias must be true or false")
            elif alias:
                aliased.append(route)
            operations[op["operationId"]] = route
    messages: dict[str, str] = {}
    for name, schema in spec["components"]["schemas"].items():
        kind = schema.get("properties", {}).get("type", {}).get("const")
        if name.startswith("Ws") and kind is not None:
            check_version(f"schema {name}", schema.get("x-comfyui-since"), "x-comfyui-since")
            messages[kind] = schema.get("x-comfyui-since")
    if problems:
        for problem in problems:
            print(f"ERROR: {problem}", file=sys.stderr)
        raise SystemExit(f"{len(problems)} version mark problem(s); fix the spec")
    return {
        "versions": described,
        "since": since,
        "until": until,
        "aliased": aliased,
        "operations": operations,
        "messages": messages,
    }


def route_versions_source(spec: dict[str, Any]) -> str:
    """The text of ``route_versions.py`` for ``spec``."""
    marks = version_marks(spec)

    def q(text: str) -> str:
        return json.dumps(text)

    def route(r: tuple[str, str]) -> str:
        return f"({q(r[0])}, {q(r[1])})"

    def by_route(values: dict[tuple[str, str], str]) -> list[str]:
        ordered = sorted(values.items(), key=lambda kv: _route_key(kv[0]))
        return [f"    {route(r)}: {q(v)}," for r, v in ordered]

    lines = [
        '"""Which ComfyUI versions serve each route and WebSocket message of the spec.',
        "",
        "Generated by scripts/generate.py from the x-comfyui-* marks of openapi/comfyui.yaml;",
        "do not edit. Routes are ``(METHOD, path template)`` exactly as the spec's paths.",
        '"""',
        "",
        "#: The server versions the spec was checked against, oldest first.",
        "DESCRIBED_VERSIONS: tuple[str, ...] = ("
        + "".join(f"{q(v)}, " for v in marks["versions"]).rstrip(" ")
        + ")",
        "",
        "#: Route -> the first described version that serves it.",
        "ROUTE_SINCE: dict[tuple[str, str], str] = {",
        *by_route(marks["since"]),
        "}",
        "",
        "#: Route -> the first described version that no longer serves it.",
        "ROUTE_UNTIL: dict[tuple[str, str], str] = {",
        *by_route(marks["until"]),
        "}",
        "",
        "#: Routes also served as ``/api`` + path; the others only at their literal path.",
        "API_ALIASED: frozenset[tuple[str, str]] = frozenset(",
        "    {",
        *[f"        {route(r)}," for r in sorted(marks["aliased"], key=_route_key)],
        "    }",
        ")",
        "",
        "#: operationId (the generated endpoint module's name) -> route.",
        "OPERATIONS: dict[str, tuple[str, str]] = {",
        *[f"    {q(k)}: {route(v)}," for k, v in sorted(marks["operations"].items())],
        "}",
        "",
        "#: WebSocket message ``type`` -> the first described version that sends it.",
        "MESSAGE_SINCE: dict[str, str] = {",
        *[f"    {q(k)}: {q(v)}," for k, v in sorted(marks["messages"].items())],
        "}",
        "",
    ]
    return "\n".join(lines)


def _route_key(route: tuple[str, str]) -> tuple[str, str]:
    """Order routes by path, then method."""
    method, template = route
    return (template, method)


def tree_differences(expected: Path, actual: Path, package: str = PACKAGE) -> list[str]:
    """Paths (relative) that differ between two directory trees."""
    diffs: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: Path) -> None:
        diffs.extend(str(prefix / name) + " (missing)" for name in cmp.left_only)
        diffs.extend(str(prefix / name) + " (unexpected)" for name in cmp.right_only)
        diffs.extend(str(prefix / name) + " (changed)" for name in cmp.diff_files)
        diffs.extend(str(prefix / name) + " (unreadable)" for name in cmp.funny_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, prefix / name)

    # shallow=False: compare contents, not os.stat signatures.
    cmp = filecmp.dircmp(expected, actual, ignore=["__pycache__"])
    _deep(cmp)
    walk(cmp, Path(package))
    return sorted(diffs)


def _deep(cmp: filecmp.dircmp[str]) -> None:
    """Make ``cmp`` compare file contents instead of stat signatures."""
    _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
    cmp.diff_files = mismatch
    cmp.funny_files = errors
    for sub in cmp.subdirs.values():
        _deep(sub)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only check that generated/ is up to date"
    )
    args = parser.parse_args(argv)
    failed = 0
    for target in TARGETS:
        failed |= _one(target, args.check)
    return failed


def _one(target: Target, check: bool) -> int:
    """Generate (or check) one target; 1 when ``check`` finds it stale."""
    directory = target.directory
    with tempfile.TemporaryDirectory() as tmp:
        fresh = generate_into(Path(tmp), target)
        if check:
            if not directory.exists():
                print(
                    f"{directory.relative_to(ROOT)} is missing; run scripts/generate.py",
                    file=sys.stderr,
                )
                return 1
            diffs = tree_differences(fresh, directory, target.package)
            if diffs:
                print(
                    f"{directory.relative_to(ROOT)} is out of date with "
                    f"{target.spec.relative_to(ROOT)}; run scripts/generate.py:",
                    file=sys.stderr,
                )
                for line in diffs:
                    print(f"  {line}", file=sys.stderr)
                return 1
            print(f"{directory.relative_to(ROOT)} is up to date")
            return 0
        if directory.exists():
            shutil.rmtree(directory)
        shutil.copytree(fresh, directory)
        print(f"wrote {directory.relative_to(ROOT)}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
