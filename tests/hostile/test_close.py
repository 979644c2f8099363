"""``close()`` while a call is stuck on a hostile server (a drip, a stall): it returns within
2 s, and the call in flight ends too (with a ``ComfyError``, e.g. ``ClientClosedError``)."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from .conftest import Outcome, Side, assert_typed
from .server import HostileServer
from .xfails import CLOSE, cases

CLOSE_WITHIN = 2.0
ATTACKS: dict[str, dict[str, Any]] = {
    "drip": {"body": b'{"a": ' + b" " * 64 + b"1}", "drip": 0.25},
    "stall": {"stall": True},
}


#: call -> the path it requests (``/object_info`` is read in a thread by the asyncio client).
CALLS = {"get_system_stats": "/system_stats", "get_object_info": "/object_info"}
PAIRS = [(c, a) for c in CALLS for a in ATTACKS]


def stuck_call_then_close(call: str, attack: str, hostile: HostileServer, kind: str) -> Any:
    """Close while ``call`` hangs on the attack; the call's outcome (None: still running 2 s
    after close)."""
    side = Side(kind, hostile.url, http_timeout=30)  # the call must not end by itself first
    opened = side.open()
    assert opened.error is None, f"open failed: {opened.error!r}"
    rule = hostile.attack(CALLS[call], method="GET", **ATTACKS[attack])
    box: list[Outcome] = []
    caller = threading.Thread(target=lambda: box.append(side.call(call, deadline=30)), daemon=True)
    caller.start()
    deadline = time.monotonic() + 10
    while rule.hits == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert rule.hits == 1, "the call never reached the server"
    closed = side.close()
    assert not closed.hung, "close() hung"
    assert closed.elapsed <= CLOSE_WITHIN, f"{kind} close() took {closed.elapsed:.1f} s"
    caller.join(CLOSE_WITHIN)
    return box[0] if box else None


@pytest.mark.parametrize(("kind", "call", "attack"), cases(CLOSE, PAIRS, *PAIRS))
def test_close_returns_during_a_stuck_call(
    call: str, attack: str, hostile: HostileServer, kind: str
) -> None:
    outcome = stuck_call_then_close(call, attack, hostile, kind)
    if outcome is not None:
        assert_typed(outcome, f"{kind} the call in flight", 30)


@pytest.mark.parametrize(("kind", "call", "attack"), cases({}, PAIRS, *PAIRS))
def test_close_ends_the_call_in_flight(
    call: str, attack: str, hostile: HostileServer, kind: str
) -> None:
    outcome = stuck_call_then_close(call, attack, hostile, kind)
    assert outcome is not None, f"{kind}: {call} still running {CLOSE_WITHIN} s after close()"
    assert_typed(outcome, f"{kind} the call in flight", 30)
