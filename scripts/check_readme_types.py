"""Type-check every Python example of the README and the documentation site (``docs/``) as a
user's strict checker sees them.

Every ```python block of ``README.md``, ``CONTRIBUTING.md`` and ``docs/*.md`` becomes the body of an async function
(after a prelude declaring the names the examples take as given: ``workflow``, ``client``...),
and the file is checked with ``mypy --strict`` and, when it runs, ``pyright`` in strict mode.
An HTML comment on the line before a block changes how it is taken:

- ``<!-- check: file NAME.py -->``: the block is the module ``NAME`` (another block imports it);
- ``<!-- check: run -->``: also executed by ``tests/test_docs.py`` from the repository's root.

    python scripts/check_readme_types.py            # exit 1 on any error
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: What the examples take as given: a workflow, a client, a pool, a server's address...
PRELUDE = """\
from pathlib import Path
from typing import Any

from comfy_api_client import ComfyClient, ComfyPool, Graph, Workflow

workflow: dict[str, Any] = {}
wf: Workflow = Workflow({})
g: Graph = Graph()
url: str = "127.0.0.1:8188"
client: ComfyClient = ComfyClient.__new__(ComfyClient)
pool: ComfyPool = ComfyPool.__new__(ComfyPool)
ui_dict: dict[str, Any] = {}
object_info: dict[str, Any] = {}
"""

#: pyright's strict mode, less its reports of examples' last values being unused.
STRICT = {
    "typeCheckingMode": "strict",
    "pythonVersion": "3.11",
    "reportUnusedVariable": "none",
    "reportUnusedImport": "none",
    "reportUnusedExpression": "none",
}

MYPY_INI = """\
[mypy]
[mypy-celery.*]
ignore_missing_imports = True
[mypy-celery]
ignore_missing_imports = True
"""

FENCE = re.compile(r"(?:<!-- check: (?P<mark>[^>]*?) -->\n)?```python\n(?P<code>.*?)```", re.S)


@dataclass(frozen=True)
class Block:
    """One ```python block: where it is, its code, and its mark (``run``, ``file x.py``)."""

    page: str
    line: int
    code: str
    mark: str = ""


def pages(root: Path = ROOT) -> list[Path]:
    """The README, CONTRIBUTING.md and every page of the site."""
    return [root / "README.md", root / "CONTRIBUTING.md", *sorted((root / "docs").rglob("*.md"))]


def blocks(paths: list[Path], root: Path = ROOT) -> list[Block]:
    """Every Python block of ``paths``, in order."""
    found = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start("code")) + 1
            name = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
            found.append(Block(name, line, match.group("code"), match.group("mark") or ""))
    return found


def program(chosen: list[Block]) -> tuple[str, dict[str, str]]:
    """One module (the prelude, then each block inside its own async function), and the
    modules that blocks marked ``file NAME.py`` are."""
    parts = [PRELUDE]
    modules: dict[str, str] = {}
    for index, block in enumerate(chosen):
        if block.mark.startswith("file "):
            modules[block.mark.removeprefix("file ").strip()] = block.code
            continue
        body = textwrap.indent(block.code, "    ")
        where = f"{block.page}:{block.line}"
        parts.append(f"\n\nasync def example_{index}() -> None:  # {where}\n{body}")
    return "\n".join(parts), modules


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path, help="default: README.md and docs/")
    parser.add_argument("--keep", type=Path, help="also write the checked file here")
    args = parser.parse_args()
    chosen = blocks([p.resolve() for p in args.pages] or pages())
    source, modules = program(chosen)
    print(f"{len(chosen)} examples")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc_examples.py"
        path.write_text(source, encoding="utf-8")
        files = [path]
        for name, code in modules.items():
            (Path(tmp) / name).write_text(code, encoding="utf-8")
            files.append(Path(tmp) / name)
        if args.keep is not None:
            args.keep.write_text(source, encoding="utf-8")
        # Celery ships no type information (the project's own mypy configuration says the same).
        (Path(tmp) / "mypy.ini").write_text(MYPY_INI, encoding="utf-8")
        failed = False
        mypy = [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
        done = subprocess.run([*mypy, *map(str, files)], capture_output=True, text=True, cwd=tmp)
        print("mypy --strict:", done.stdout.strip().splitlines()[-1] if done.stdout else "")
        if done.returncode != 0:
            print(done.stdout)
            failed = True
        pyright = shutil.which("pyright", path=str(Path(sys.executable).parent)) or shutil.which(
            "pyright"
        )
        if pyright is None:
            print("pyright: not installed, skipped")
        else:
            config = Path(tmp) / "pyrightconfig.json"
            config.write_text(json.dumps(STRICT))
            done = subprocess.run(
                [pyright, "--pythonpath", sys.executable, str(path)],
                capture_output=True,
                text=True,
                cwd=tmp,
            )
            if done.returncode not in (0, 1):  # it could not run (no node to run it with)
                print(f"pyright: could not run, skipped: {(done.stderr or done.stdout)[-300:]}")
            else:
                print("pyright (strict):", done.stdout.strip().splitlines()[-1])
                if done.returncode != 0:
                    print(done.stdout)
                    failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
