"""Regenerate ``generated/comfyui_openapi`` from ``openapi/comfyui.yaml``.

Usage::

    python scripts/generate.py           # rewrite generated/comfyui_openapi
    python scripts/generate.py --check   # exit 1 if generated/ differs from what the spec produces

The generator (openapi-python-client) and ruff are pinned in ``pyproject.toml``; the
generator runs in-process and fails on any warning, and ruff runs isolated from the
project's configuration, so that the same spec always gives the same bytes.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "comfyui.yaml"
CONFIG = ROOT / "openapi" / "config.yaml"
TARGET = ROOT / "generated" / "comfyui_openapi"
PACKAGE = "comfyui_openapi"
GENERATOR_VERSION = "0.29.1"


def generate_into(directory: Path) -> Path:
    """Run the generator into ``directory`` and return the package path it wrote."""
    from openapi_python_client import generate
    from openapi_python_client.config import Config, ConfigFile, MetaType

    installed = version("openapi-python-client")
    if installed != GENERATOR_VERSION:
        raise SystemExit(
            f"openapi-python-client {GENERATOR_VERSION} is required, {installed} is installed"
        )
    out = directory / PACKAGE
    config = Config.from_sources(
        ConfigFile.load_from_path(CONFIG),
        MetaType.NONE,
        SPEC,
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
    return out


def tree_differences(expected: Path, actual: Path) -> list[str]:
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
    walk(cmp, Path(PACKAGE))
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
    with tempfile.TemporaryDirectory() as tmp:
        fresh = generate_into(Path(tmp))
        if args.check:
            if not TARGET.exists():
                print(
                    f"{TARGET.relative_to(ROOT)} is missing; run scripts/generate.py",
                    file=sys.stderr,
                )
                return 1
            diffs = tree_differences(fresh, TARGET)
            if diffs:
                print(
                    "generated/ is out of date with openapi/; run scripts/generate.py:",
                    file=sys.stderr,
                )
                for line in diffs:
                    print(f"  {line}", file=sys.stderr)
                return 1
            print("generated/ is up to date")
            return 0
        if TARGET.exists():
            shutil.rmtree(TARGET)
        shutil.copytree(fresh, TARGET)
        print(f"wrote {TARGET.relative_to(ROOT)}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
