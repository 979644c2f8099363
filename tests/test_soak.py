"""A smaller fault soak (``benchmarks/soak.py``): run with ``pytest -m soak``.

The test double, in its own process, cuts the WebSocket, delays, drops and fails requests,
falls silent and restarts once while prompts run; nothing may hang, be lost or leak.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import soak

pytestmark = [pytest.mark.soak, pytest.mark.timeout(600)]


@pytest.mark.parametrize("history", [True, False], ids=["fetch_history", "from_socket"])
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_soak_loses_nothing(kind: str, history: bool) -> None:
    report = soak.soak(kind, prompts=40, cuts=8, seed=1234, history=history)
    print(report.summary())
    assert report.faults["websocket cut"] >= 8 and report.faults["restart"] == 1
    assert report.hung == 0
    assert report.lost == [] and report.wrongly_lost == [] and report.phantom == []
    assert report.wrong_outputs == []
    if history:
        assert report.from_socket == 0
    else:  # both ways are taken: from the socket, and /history after a cut
        assert 0 < report.from_socket < report.delivered
    assert not report.untyped
    assert report.delivered == report.finished_on_server > 0
    assert report.leaked_threads == [] and report.leaked_tasks == []
    assert report.leaked_sockets == 0
    assert report.ok
