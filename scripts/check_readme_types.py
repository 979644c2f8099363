"""Type-check the README's Python examples as a user's strict checker sees them.

Every ```python block of the sections named in ``SECTIONS`` becomes the body of a function
(after a prelude declaring the names the examples take as given: ``workflow``, ``client``...),
and the file is checked with ``mypy --strict`` and, when it runs, ``pyright`` in strict mode.

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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The sections whose examples are complete programs once the prelude's names are given.
SECTIONS = ("Quick start", "Notebooks: display and progress", "The first release's names")

PRELUDE = """\
from typing import Any

workflow: dict[str, Any] = {}
url: str = "127.0.0.1:8188"
"""


#: pyright's strict mode, less its reports of examples' last values being unused.
STRICT = {
    "typeCheckingMode": "strict",
    "pythonVersion": "3.11",
    "reportUnusedVariable": "none",
    "reportUnusedImport": "none",
}


def sections(text: str) -> dict[str, str]:
    """Markdown ``## `` sections by title."""
    found: dict[str, str] = {}
    for part in re.split(r"^## ", text, flags=re.M)[1:]:
        title, _, body = part.partition("\n")
        found[title.strip()] = body
    return found


def examples(readme: Path) -> list[tuple[str, str]]:
    """``(section, code)`` of every Python block in the chosen sections."""
    chosen = sections(readme.read_text(encoding="utf-8"))
    blocks = []
    for name in SECTIONS:
        if name not in chosen:
            raise SystemExit(f"README has no section {name!r}")
        for code in re.findall(r"```python\n(.*?)```", chosen[name], flags=re.S):
            blocks.append((name, code))
    return blocks


def program(blocks: list[tuple[str, str]]) -> str:
    """One module: the prelude, then each block inside its own async function."""
    parts = [PRELUDE]
    for index, (section, code) in enumerate(blocks):
        body = textwrap.indent(code, "    ")
        parts.append(f"\n\nasync def example_{index}() -> None:  # {section}\n{body}")
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    parser.add_argument("--keep", type=Path, help="also write the checked file here")
    args = parser.parse_args()
    source = program(examples(args.readme))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "readme_examples.py"
        path.write_text(source, encoding="utf-8")
        if args.keep is not None:
            args.keep.write_text(source, encoding="utf-8")
        failed = False
        mypy = [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
        done = subprocess.run([*mypy, str(path)], capture_output=True, text=True, cwd=tmp)
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
