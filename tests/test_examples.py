"""The scripts in ``examples/`` run as docs/notebooks.md shows them, against the server under test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run_example(name: str, server: Any) -> str:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        env={**os.environ, "COMFYUI_URL": server.url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_notebook_example(server: Any) -> None:
    lines = run_example("notebook.py", server).splitlines()
    assert len(lines) == 3
    pixels = [eval(line.split(") ", 1)[1]) for line in lines]  # "<id> (w, h) (r, g, b)"
    # inverted; ComfyUI computes in float32 and truncates, so a channel may be one lower
    for pixel, expected in zip(pixels, (223, 127, 31), strict=True):
        assert all(expected - 1 <= channel <= expected for channel in pixel), pixels


@pytest.mark.filterwarnings("ignore")
def test_service_example(server: Any) -> None:
    lines = run_example("service.py", server).splitlines()
    assert all("bytes of PNG" in line for line in lines[:8])
    assert "failed:" in lines[8] and "nothing was sent" in lines[8]
    assert "node 1 (EmptyImage, 'Canvas') input 'color' = -1" in lines[9]


def test_workflow_as_code_example(server: Any) -> None:
    (line,) = run_example("workflow_as_code.py", server).splitlines()
    name, rest = line.split(" ", 1)
    assert name.startswith("inverted") and name.endswith(".png")
    size, pixel = rest.split(") (")
    assert size == "(64, 64"
    # 0x336699 inverted: (0xCC, 0x99, 0x66), one lower where ComfyUI's float32 truncates
    channels = eval(f"({pixel}")
    assert all(e - 1 <= c <= e for c, e in zip(channels, (0xCC, 0x99, 0x66), strict=True))
