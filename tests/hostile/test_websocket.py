"""The native WebSocket under attack, with both clients: after every attack the tracker must
still deliver a normal prompt's events over the socket (not only its result by polling)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import Any

import pytest

from .conftest import TRACKER, LogCapture, Side, assert_no_secret, assert_typed, tiny_workflow
from .server import HostileServer
from .xfails import WEBSOCKET, WEBSOCKETS_HANDSHAKE_LEAKS, cases, marks

#: Events only the socket gives (polling learns the result, not these).
SOCKET_EVENTS = {"execution_start", "executing", "execution_cached", "progress_state"}
DEPTH = 100_000

WRONG_TYPES = [
    {"type": "status", "data": "idle"},
    {"type": "status", "data": {"status": {"exec_info": {"queue_remaining": "many"}}, "sid": 5}},
    {"type": "executing", "data": {"node": [], "prompt_id": 5}},
    {"type": "execution_start", "data": {"prompt_id": {"a": 1}, "timestamp": "now"}},
    {"type": "execution_cached", "data": {"nodes": "1,2", "prompt_id": None}},
    {"type": "progress", "data": {"value": "a", "max": None, "prompt_id": [], "node": {}}},
    {"type": "progress_state", "data": {"prompt_id": 1, "nodes": [1, 2]}},
    {"type": "executed", "data": {"prompt_id": {}, "node": 3, "output": []}},
    {"type": "execution_success", "data": {"prompt_id": ["x"]}},
    {"type": "execution_error", "data": {"prompt_id": 7, "traceback": 5, "node_id": []}},
    {"type": "execution_interrupted", "data": {"prompt_id": None, "executed": "all"}},
    {"type": "feature_flags", "data": []},
    {"type": None, "data": None},
    {"type": ["executing"]},
    {"data": {"prompt_id": "x"}},
    [],
    "executing",
    12,
    None,
]

ATTACKS: dict[str, list[tuple[str, Any]]] = {
    "nested_list": [("text", "[" * DEPTH + "]" * DEPTH)],
    "nested_in_message": [
        ("text", '{"type": "executing", "data": ' + '{"a": ' * DEPTH + "1" + "}" * DEPTH + "}")
    ],
    "binary_garbage": [
        ("binary", os.urandom(4096)),
        ("binary", b""),
        ("binary", b"\x00\x00\x00\x01"),  # a preview with no image type
        ("binary", b"\x00\x00\x00\x01\x00\x00\x00\x02garbage-not-a-png"),
        ("binary", b"\x00\x00\x00\x04\xff\xff\xff\xff"),
    ],
    "not_json": [
        ("text", "hello {"),
        ("text", ""),
        ("text", "\x00\x01"),
        ("text", '{"type": "executing", "data": {"node": "1"'),
        ("text", "NaN"),
        ("text", '"\\ud800"'),
    ],
    "wrong_types": [("text", json.dumps(m)) for m in WRONG_TYPES],
    "close_frame": [("close", None)],
    "abort": [("abort", None)],
    "many_small": [("text", '{"type": "status", "data": {}}')] * 2000,
}


def socket_events(side: Side, what: str) -> list[str]:
    """Run a normal prompt; the types of the events it got."""
    seen: list[str] = []
    submitted = side.call(
        "submit_workflow", tiny_workflow(), on_event=lambda e: seen.append(e.type), deadline=15
    )
    assert_typed(submitted, f"{what}: submit afterwards", 15)
    assert submitted.error is None, f"{what}: submit afterwards failed: {submitted.error!r}"
    waited = side.call_on(submitted.value, "result", timeout=20, deadline=25)
    assert_typed(waited, f"{what}: the prompt afterwards", 25)
    assert waited.error is None, f"{what}: the prompt afterwards failed: {waited.error!r}"
    return seen


def wait_for(condition: Callable[[], bool], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def survive(side: Side, hostile: HostileServer, logs: LogCapture, what: str, before: int) -> None:
    """The tracker reconnects if it was cut, then gives a normal prompt's socket events."""
    assert wait_for(lambda: hostile.ws_count() >= 1), f"{what}: the client never reconnected"
    # a prompt submitted before the tracker noticed a cut would be followed by polling only
    time.sleep(0.3)
    seen = socket_events(side, what)
    assert SOCKET_EVENTS & set(seen), f"{what}: no socket event arrived afterwards ({seen})"
    assert_no_secret([repr(side.client), *logs.texts], what)
    assert before >= 1


@pytest.mark.parametrize(("kind", "attack"), cases(WEBSOCKET, [(a, "") for a in ATTACKS], *ATTACKS))
def test_websocket_attack(
    attack: str,
    hostile: HostileServer,
    make_side: Callable[..., Side],
    logs: LogCapture,
    kind: str,
) -> None:
    side = make_side(hostile.url)
    assert wait_for(lambda: hostile.ws_count() >= 1), "the tracker never connected"
    sent = hostile.send_frames(ATTACKS[attack])
    survive(side, hostile, logs, f"{kind} websocket {attack}", sent)


@pytest.mark.parametrize(
    ("kind", "failures"), cases(WEBSOCKET, [("upgrade_502x1", ""), ("upgrade_502x2", "")], 1, 2)
)
def test_websocket_refused_on_reconnect(
    failures: int,
    hostile: HostileServer,
    make_side: Callable[..., Side],
    logs: LogCapture,
    kind: str,
) -> None:
    """The socket is cut, then the upgrade is answered 502 (``failures`` times): the tracker
    keeps reconnecting and events flow again."""
    side = make_side(hostile.url)
    assert wait_for(lambda: hostile.ws_count() >= 1), "the tracker never connected"
    rule = hostile.attack(
        "/ws", method="GET", count=failures, status=502, body=b"Bad Gateway", content_type=None
    )
    sent = hostile.send_frames([("abort", None)])
    assert wait_for(lambda: rule.hits >= failures), "the tracker did not try to reconnect"
    survive(side, hostile, logs, f"{kind} websocket 502 x{failures}", sent)


def test_websocket_html_on_upgrade_at_open(
    hostile: HostileServer, make_side: Callable[..., Side], kind: str
) -> None:
    """The very first upgrade answered with an HTML 200 page: ``open`` ends with a typed
    error or a working client, within its deadline."""
    hostile.attack(
        "/ws", method="GET", count=1, body=b"<html>login</html>", content_type="text/html"
    )
    side = Side(kind, hostile.url)
    try:
        outcome = side.open()
        assert_typed(outcome, f"{kind} open with an HTML upgrade answer", 20)
    finally:
        assert not side.close().hung


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(
            k, marks=marks(WEBSOCKET, k, "handshake_log") if WEBSOCKETS_HANDSHAKE_LEAKS else []
        )
        for k in ("sync", "async")
    ],
)
def test_no_secret_in_websocket_handshake_log(
    hostile: HostileServer, make_side: Callable[..., Side], logs: LogCapture, kind: str
) -> None:
    """Every logger at DEBUG while the client connects and runs a prompt: no header value."""
    side = make_side(hostile.url)
    assert wait_for(lambda: hostile.ws_count() >= 1)
    socket_events(side, f"{kind} handshake")
    assert_no_secret([*logs.texts, *logs.known_leaks], f"{kind} WebSocket handshake logs")


@pytest.mark.parametrize(
    "kind", [pytest.param(k, marks=marks(WEBSOCKET, k, "redirect")) for k in ("sync", "async")]
)
def test_websocket_redirect_carries_no_secret(
    hostile: HostileServer,
    elsewhere: HostileServer,
    logs: LogCapture,
    kind: str,
) -> None:
    """The upgrade answered with a 307 to another origin: whether the client follows it or
    not, the custom headers never reach the other host, and ``open`` ends."""
    hostile.attack("/ws", method="GET", redirect=elsewhere.url)
    side = Side(kind, hostile.url, state_tracker_kwargs={**TRACKER, "ws_connect_timeout": 3.0})
    try:
        outcome = side.open()
        assert_typed(outcome, f"{kind} open with the upgrade redirected", 20)
    finally:
        assert not side.close().hung
    leaked = [
        (method, path, name)
        for method, path, headers in elsewhere.requests
        for name, value in headers.items()
        if "SECRET" in value
    ]
    assert not leaked, f"{kind}: secret headers sent to another origin: {leaked}"
    assert_no_secret([*outcome.texts(), *logs.texts], f"{kind} WebSocket redirect")
