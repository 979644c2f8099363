"""Huge answers: the client's memory must stay bounded (the issue promises +64 MB at most with
default settings). Each case runs the client in a subprocess that reports its peak RSS growth
(``memory_probe.py``); the answer is streamed by the hostile server, never held by the test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .server import HostileServer
from .xfails import MEMORY, cases

PROBE = Path(__file__).with_name("memory_probe.py")
SIZE = 200 << 20  # bytes sent
BOUND_MIB = 96  # the promise (64 MB) with room for the interpreter's own noise
TIMEOUT = 120

HTTP: dict[str, tuple[str, dict[str, Any]]] = {
    "download": ("/view", {"content_type": "image/png", "body": b"\x89PNG\r\n\x1a\n"}),
    "retrieve_image": ("/view", {"content_type": "image/png", "body": b"\x89PNG\r\n\x1a\n"}),
    "get_object_info": ("/object_info", {"body": b'{"EmptyImage": {"description": "'}),
    "fetch_results": ("/history/.+", {"body": b'{"x": {"outputs": {}, "padding": "'}),
}
NAMES = [*HTTP, "ws_text_frame"]


def run_probe(kind: str, call: str, hostile: HostileServer) -> dict[str, Any]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, str(PROBE), kind, hostile.url, call if call in HTTP else "none"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        line = process.stdout.readline()
        assert line.strip() == "ready", f"the probe did not start: {line!r}"
        if call in HTTP:
            pattern, rule = HTTP[call]
            hostile.attack(pattern, method="GET", count=1, huge=SIZE, **rule)
        else:
            frame = '{"type": "status", "data": {"padding": "' + "a" * SIZE + '"}}'
            # A client that refuses the frame from its header drops the socket mid-send: the
            # server then counts no delivery. What counts is the probe's report below.
            hostile.send_frames([("text", frame)], timeout=60)
            del frame
        process.stdin.write("go\n")
        process.stdin.flush()
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    lines = out.strip().splitlines()
    assert lines, f"the probe failed: {err[-2000:]}"
    return dict(json.loads(lines[-1]))


@pytest.mark.parametrize(("kind", "call"), cases(MEMORY, [(n, "") for n in NAMES], *NAMES))
def test_huge_answer_keeps_memory_bounded(kind: str, call: str, hostile_upstream: Any) -> None:
    with HostileServer(hostile_upstream.url) as hostile:  # its own: no socket shared with others
        report = run_probe(kind, call, hostile)
    assert not report["outcome"].startswith("raw"), f"{kind} {call}: {report['outcome']}"
    assert report["normal"] == "ok", f"{kind} {call}: a normal prompt afterwards: {report}"
    assert report["grew_mib"] < BOUND_MIB, (
        f"{kind} {call}: peak RSS grew by {report['grew_mib']:.0f} MiB for a "
        f"{SIZE >> 20} MiB answer ({report['outcome']})"
    )
