"""Regenerate ``generated/comfyui_nodes``: ComfyUI 0.33.0's node functions, from the recorded
``tests/data/comfyui/0.33.0/object_info.json.gz``.

Usage::

    python scripts/generate_nodes.py           # rewrite generated/comfyui_nodes
    python scripts/generate_nodes.py --check   # exit 1 if it differs from what the recording gives
    python scripts/generate_nodes.py --types   # the package under mypy --strict and pyright strict
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from comfy_api_client.workflows.nodegen import load_object_info, render_package  # noqa: E402

RECORDING = ROOT / "tests" / "data" / "comfyui" / "0.33.0" / "object_info.json.gz"
TARGET = ROOT / "generated" / "comfyui_nodes"
PACKAGE = "comfyui_nodes"
SOURCE = "the recorded /object_info of ComfyUI 0.33.0"
#: pyright's strict mode, as scripts/check_readme_types.py runs it.
STRICT = {"typeCheckingMode": "strict", "pythonVersion": "3.11"}


def expected() -> dict[str, bytes]:
    return render_package(load_object_info(RECORDING), PACKAGE, SOURCE)


def _same(name: str, data: bytes) -> bool:
    """Whether the file ``name`` holds ``data`` (a .gz file: the same content, whatever zlib
    compressed it)."""
    path = TARGET / name
    if not path.is_file():
        return False
    if name.endswith(".gz"):
        return gzip.decompress(path.read_bytes()) == gzip.decompress(data)
    return path.read_bytes() == data


def check() -> int:
    files = expected()
    present = {p.name for p in TARGET.iterdir()} if TARGET.is_dir() else set()
    present.discard("__pycache__")
    stale = sorted(n for n in files.keys() | present if n not in files or not _same(n, files[n]))
    if stale:
        print(f"generated/{PACKAGE} is stale ({', '.join(stale)}): run scripts/generate_nodes.py")
        return 1
    print(f"generated/{PACKAGE} matches {RECORDING.relative_to(ROOT)}")
    return 0


def write() -> int:
    if TARGET.exists():
        shutil.rmtree(TARGET)
    TARGET.mkdir(parents=True)
    for name, data in expected().items():
        (TARGET / name).write_bytes(data)
    print(f"wrote generated/{PACKAGE}")
    return 0


def types() -> int:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "generated")])}
    status = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "-p", PACKAGE],
        cwd=ROOT / "generated",
        env=env,
        check=False,
    ).returncode
    pyright = shutil.which("pyright")
    if pyright is None:
        print("pyright not found: only mypy ran")
        return status
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "pyrightconfig.json"
        config.write_text(json.dumps({**STRICT, "extraPaths": [str(ROOT)]}))
        done = subprocess.run(
            [pyright, "-p", str(config), str(TARGET)], cwd=ROOT, env=env, check=False
        )
    return status or done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true")
    group.add_argument("--types", action="store_true")
    args = parser.parse_args()
    if args.check:
        return check()
    if args.types:
        return types()
    return write()


if __name__ == "__main__":
    sys.exit(main())
