"""Type-check a snippet as a user's code is checked: ``mypy --strict``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def mypy_strict(snippet: Path) -> str:
    """mypy's report on ``snippet`` (run from its folder, no cache)."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(snippet)],
        capture_output=True,
        text=True,
        cwd=snippet.parent,
        timeout=300,
    )
    return done.stdout
