"""The tracker's own requests under attack: ``/history/{id}`` when a prompt finishes, ``/queue``
when the socket is cut mid-run. A wait with no timeout must still end (result or typed error)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .conftest import LogCapture, Side, assert_no_secret, assert_typed, tiny_workflow
from .routes import HTML
from .server import HostileServer
from .xfails import TRACKER, cases

WAIT = 8.0
#: A /history that never answers is given up after TrackerCore.HISTORY_ATTEMPTS timeouts that
#: count only while the server answers elsewhere (under the WebSocket tracker, the /queue it
#: asks after each watchdog_interval of silence): about 15 s with these settings.
STALL_WAIT = 30.0
DONE = {"status_str": "success", "completed": True, "messages": []}


def history_attacks(pid: str) -> dict[str, dict[str, Any]]:
    def body(value: Any) -> dict[str, Any]:
        return {"body": json.dumps(value).encode()}

    return {
        "html_200": {"body": HTML, "content_type": "text/html"},
        "list": body([]),
        "entry_not_object": body({pid: 5}),
        "outputs_not_object": body({pid: {"outputs": [1], "status": DONE}}),
        "status_not_object": body({pid: {"outputs": {}, "status": "success"}}),
        "truncated": {"body": b'{"' + pid.encode() + b'": {"outputs": {'},
        "html_502": {"status": 502, "body": HTML, "content_type": "text/html"},
        "stall": {"stall": True},
    }


HISTORY = list(history_attacks(str(uuid.uuid4())))
QUEUE: dict[str, dict[str, Any]] = {
    "html_200": {"body": HTML, "content_type": "text/html"},
    "entries_garbage": {"body": b'{"queue_running": [["x"], null, 3], "queue_pending": [{}]}'},
    "html_502": {"status": 502, "body": HTML, "content_type": "text/html"},
}


@pytest.fixture
def slow_double(hostile_upstream: Any) -> Iterator[Any]:
    """Each node of the double takes a while, so a prompt is still running when cut."""
    hostile_upstream.node_delay = 0.5
    yield hostile_upstream
    hostile_upstream.node_delay = 0


def wait_out(side: Side, hostile: HostileServer, logs: LogCapture, pid: str, what: str) -> Any:
    submitted = side.call("submit_workflow", tiny_workflow(), prompt_id=pid, deadline=10)
    assert_typed(submitted, f"{what}: submit", 10)
    assert submitted.error is None, f"{what}: submit failed: {submitted.error!r}"
    return submitted.value


def finish(
    side: Side, hostile: HostileServer, logs: LogCapture, prompt: Any, what: str, wait: float = WAIT
) -> Any:
    waited = side.call_on(prompt, "result", deadline=wait)  # no timeout: it must end anyway
    assert_typed(waited, f"{what}: result() with no timeout", wait)
    hostile.clear()
    normal = side.run_normal()
    assert_typed(normal, f"{what}: a normal prompt afterwards", 30)
    assert normal.error is None, f"{what}: a normal prompt afterwards failed: {normal.error!r}"
    assert_no_secret([*waited.texts(), repr(side.client), *logs.texts], what)
    return waited


@pytest.mark.parametrize(
    ("kind", "attack"), cases(TRACKER, [("history", a) for a in HISTORY], *HISTORY)
)
def test_unreadable_history_ends_the_wait(
    attack: str,
    hostile: HostileServer,
    make_side: Callable[..., Side],
    logs: LogCapture,
    kind: str,
) -> None:
    pid = str(uuid.uuid4())
    side = make_side(hostile.url)
    hostile.attack("/history/" + pid, method="GET", **history_attacks(pid)[attack])
    what = f"{kind} tracker /history/{{id}} {attack}"
    prompt = wait_out(side, hostile, logs, pid, what)
    finish(side, hostile, logs, prompt, what, STALL_WAIT if attack == "stall" else WAIT)


@pytest.mark.parametrize(("kind", "attack"), cases(TRACKER, [("queue", a) for a in QUEUE], *QUEUE))
def test_unreadable_queue_on_reconnect(
    attack: str,
    hostile: HostileServer,
    make_side: Callable[..., Side],
    logs: LogCapture,
    slow_double: Any,
    kind: str,
) -> None:
    """The socket is cut while the prompt runs; every ``/queue`` is answered badly."""
    pid = str(uuid.uuid4())
    side = make_side(hostile.url)
    hostile.attack("/queue", method="GET", **QUEUE[attack])
    what = f"{kind} tracker /queue {attack}"
    prompt = wait_out(side, hostile, logs, pid, what)
    hostile.send_frames([("abort", None)])
    waited = finish(side, hostile, logs, prompt, what)
    # /history has it: the result arrives although /queue cannot be read
    assert waited.error is None, f"{what}: {waited.error!r}"
