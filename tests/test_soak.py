"""A smaller fault soak (``benchmarks/soak.py``), part of every test run (about 5 s a case);
``pytest -m soak`` runs it alone.

The test double, in its own process, cuts the WebSocket, delays, drops and fails requests,
falls silent and restarts once while prompts run; nothing may hang, be lost or leak. Both
clients, every tracker mode: the WebSocket with results from ``/history`` or from the socket,
and HTTP polling (no socket to cut).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import soak

pytestmark = [pytest.mark.soak, pytest.mark.timeout(600)]

CUTS = 8


@pytest.mark.parametrize(
    ("tracker", "history"),
    [("websocket", True), ("websocket", False), ("http", True)],
    ids=["fetch_history", "from_socket", "http"],
)
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_soak_loses_nothing(kind: str, tracker: str, history: bool) -> None:
    report = soak.soak(kind, prompts=40, cuts=CUTS, seed=1234, history=history, tracker=tracker)
    print(report.summary())
    cuts = CUTS if tracker == "websocket" else 0
    assert report.faults["websocket cut"] >= cuts and report.faults["restart"] == 1
    assert report.hung == 0
    assert report.lost == [] and report.wrongly_lost == [] and report.phantom == []
    assert report.wrong_outputs == []
    if history:
        assert report.from_socket == 0
    else:  # both ways are taken: from the socket, and /history after a cut
        assert 0 < report.from_socket < report.delivered
    if tracker == "http":
        assert report.ws_connections == 0
    assert not report.untyped
    assert report.delivered == report.finished_on_server > 0
    assert report.leaked_threads == [] and report.leaked_tasks == []
    assert report.leaked_sockets == 0
    assert report.ok
