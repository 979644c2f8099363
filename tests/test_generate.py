"""generated/ is exactly what the spec produces, and the check notices any drift."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import generate  # noqa: E402


def test_generated_is_up_to_date() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr


def test_drift_is_reported(tmp_path: Path) -> None:
    fresh = generate.generate_into(tmp_path / "a")
    copy = tmp_path / "b" / "comfyui_openapi"
    shutil.copytree(fresh, copy)
    assert generate.tree_differences(fresh, copy) == []
    (copy / "client.py").write_text((copy / "client.py").read_text() + "# edited by hand\n")
    (copy / "extra.py").write_text("")
    (copy / "types.py").unlink()
    assert generate.tree_differences(fresh, copy) == [
        "comfyui_openapi/client.py (changed)",
        "comfyui_openapi/extra.py (unexpected)",
        "comfyui_openapi/types.py (missing)",
    ]
