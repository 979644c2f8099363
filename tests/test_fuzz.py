"""Fuzzing the I/O-free core: garbage in, no exception, no prompt lost, a DEBUG line out.

``tests/test_events.py`` checks that the parsers never raise; here whole ``TrackerCore``
instances take malformed and random WebSocket frames (text, binary, and valid-looking
messages with wrong types in their fields) and ``/queue`` and ``/history`` bodies, answered
by a truthful fake server, and must still finish their prompts once the truth arrives.
"""

from __future__ import annotations

import json
import logging
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from typing import Any

import pytest
from comfyui_openapi.types import Response
from hypothesis import given, settings
from hypothesis import strategies as st

from comfy_api_client.calls import native as calls
from comfy_api_client.core.queue_state import parse_queue
from comfy_api_client.core.tracker_core import (
    Effect,
    Emit,
    FetchHistory,
    Finish,
    PromptStatus,
    Reconcile,
    TrackerCore,
    dispatch,
    history_readable,
)
from comfy_api_client.errors import ComfyError

P = "11111111-aaaa-4aaa-8aaa-111111111111"  # running on the fake server
Q = "22222222-bbbb-4bbb-8bbb-222222222222"  # pending behind it
TRACKED = (P, Q)
ENTRY = {"outputs": {}, "status": {"status_str": "success", "completed": True, "messages": []}}

FIELDS: dict[str, tuple[str, ...]] = {
    "status": ("status", "sid"),
    "execution_start": ("prompt_id", "timestamp"),
    "execution_cached": ("nodes", "prompt_id", "timestamp"),
    "executing": ("node", "display_node", "prompt_id"),
    "progress": ("value", "max", "prompt_id", "node"),
    "progress_state": ("prompt_id", "nodes"),
    "executed": ("node", "display_node", "output", "prompt_id"),
    "execution_success": ("prompt_id", "timestamp"),
    "execution_error": (
        "prompt_id",
        "node_id",
        "node_type",
        "executed",
        "exception_message",
        "exception_type",
        "traceback",
        "current_inputs",
        "current_outputs",
    ),
    "execution_interrupted": ("prompt_id", "node_id", "node_type", "executed"),
    "logs": ("entries", "size"),
    "feature_flags": ("supports_preview_metadata", "max_upload_size"),
    "my_node.progress": ("prompt_id", "x"),
}

values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=6)
    | st.sampled_from([P, Q, "", "1"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def messages(draw: st.DrawFn) -> object:
    """A ``{"type", "data"}`` message whose fields hold values of any type, or junk."""
    if draw(st.integers(0, 9)) == 0:
        return draw(values)  # not a message at all
    kind = draw(st.sampled_from(sorted(FIELDS)) | st.text(max_size=8) | values)
    names = FIELDS.get(kind, ()) if isinstance(kind, str) else ()
    data: object = {name: draw(values) for name in names if draw(st.booleans())} | draw(
        st.dictionaries(st.text(max_size=5), values, max_size=2)
    )
    if draw(st.integers(0, 7)) == 0:
        data = draw(values)
    return {"type": kind, "data": data}


def is_terminal_lie(message: object) -> bool:
    """A well-formed "this prompt is over" the truthful server did not send."""
    if not isinstance(message, dict) or message.get("type") != "executing":
        return False
    data = message.get("data")
    return (
        isinstance(data, dict)
        and data.get("prompt_id") in TRACKED
        and "node" in data
        and data["node"] is None
    )


@st.composite
def binary_frames(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from([1, 2, 3, 4, 9]) | st.integers(0, 2**32 - 1))
    if kind == 4 and draw(st.booleans()):
        meta = json.dumps(
            draw(st.dictionaries(st.sampled_from(["prompt_id", "node_id", "image_type"]), values)),
            default=str,
        ).encode()
        size = draw(st.sampled_from([len(meta), len(meta) + 5, 0, 2**31]))
        return struct.pack(">II", kind, size) + meta + draw(st.binary(max_size=8))
    return struct.pack(">I", kind)[: draw(st.integers(0, 4))] + draw(st.binary(max_size=16))


@st.composite
def queue_bodies(draw: st.DrawFn) -> object:
    """Malformed ``/queue`` bodies; any that lists running items lists ``P`` among them."""
    body = draw(
        values
        | st.fixed_dictionaries(
            {},
            optional={
                "queue_running": values | st.lists(values, max_size=3),
                "queue_pending": values | st.lists(values, max_size=3),
            },
        )
    )
    if isinstance(body, dict) and isinstance(running := body.get("queue_running"), list):
        body["queue_running"] = [*running, [0, P, {}, {}, []]]
        if isinstance(pending := body.get("queue_pending"), list):
            body["queue_pending"] = [*pending, [1, Q, {}, {}, []]]
    return body


@st.composite
def history_bodies(draw: st.DrawFn) -> tuple[str, object]:
    """A prompt and a ``/history/{id}`` body that is malformed or says "not finished"."""
    pid = draw(st.sampled_from(TRACKED))
    body = draw(values | st.fixed_dictionaries({pid: values}))
    if isinstance(body, dict) and isinstance(body.get(pid), dict):
        body[pid] = [body[pid]]  # a valid-looking entry would be a lie: none is finished
    return pid, body


noise = st.lists(
    st.one_of(
        messages()
        .filter(lambda m: not is_terminal_lie(m))
        .map(lambda m: ("text", json.dumps(m, default=str))),
        messages().filter(lambda m: not is_terminal_lie(m)).map(lambda m: ("message", m)),
        st.text(max_size=20).map(lambda t: ("text", t)),
        st.binary(max_size=20).map(lambda b: ("text", b)),
        binary_frames().map(lambda b: ("binary", b)),
        queue_bodies().map(lambda b: ("queue", b)),
        history_bodies().map(lambda b: ("history", b)),
        st.just(("reconnect", None)),
        st.just(("idle", None)),
    ),
    max_size=25,
)


class FakeServer:
    """Answers the core's requests truthfully: ``P`` runs, ``Q`` waits, until ``P`` ends."""

    def __init__(self, core: TrackerCore) -> None:
        self.core = core
        self.p_done = False
        self.finishes: list[Finish] = []
        self.records: list[object] = []  # the core keeps finished records only while held

    def queue_body(self) -> dict[str, Any]:
        running = [] if self.p_done else [[0, P, {}, {}, []]]
        return {"queue_running": running, "queue_pending": [[1, Q, {}, {}, []]]}

    def history_body(self, pid: str) -> dict[str, Any]:
        return {P: ENTRY} if pid == P and self.p_done else {}

    def run(self, effects: list[Effect]) -> None:
        pending = list(effects)
        while pending:
            effect = pending.pop(0)
            if isinstance(effect, Emit):
                dispatch(effect)
            elif isinstance(effect, Reconcile):
                token = self.core.queue_requested()
                pending += self.core.feed_queue(self.queue_body(), token)
            elif isinstance(effect, FetchHistory):
                pending += self.core.feed_history(
                    effect.prompt_id, self.history_body(effect.prompt_id)
                )
            elif isinstance(effect, Finish):
                self.finishes.append(effect)


def feed(core: TrackerCore, server: FakeServer, item: tuple[str, Any]) -> None:
    kind, value = item
    if kind == "text":
        server.run(core.feed_text(value))
    elif kind == "message":
        server.run(core.feed_message(value))
    elif kind == "binary":
        server.run(core.feed_binary(value))
    elif kind == "queue":
        server.run(core.feed_queue(value, core.queue_requested()))
    elif kind == "history":
        pid, body = value
        server.run(core.feed_history(pid, body))
    elif kind == "reconnect":
        core.connection_lost()
        server.run(core.connection_made())
    elif kind == "idle":
        server.run(core.idle())


def started_core() -> tuple[TrackerCore, FakeServer]:
    seen: list[object] = []
    core = TrackerCore("c", on_event=seen.append)
    server = FakeServer(core)
    for pid in TRACKED:
        server.records.append(core.track(pid, on_event=seen.append))  # as a future would
        core.submitted(pid, {"prompt_id": pid, "number": 0, "node_errors": {}})
    return core, server


def check_books(core: TrackerCore) -> None:
    """The core's indexes agree with the prompts' own states."""
    unfinished = {p.prompt_id for p in core.unfinished()}
    expected = {pid for pid in TRACKED if (t := core.get(pid)) is not None and not t.finished}
    assert unfinished == expected
    assert core.has_unfinished() == bool(expected)
    assert not core.has_orphans()


@settings(deadline=None)
@given(noise, st.booleans())
def test_noise_never_raises_and_the_prompt_still_finishes(
    items: list[tuple[str, Any]], by_socket: bool
) -> None:
    core, server = started_core()
    for item in items:
        feed(core, server, item)
        check_books(core)
    assert server.finishes == [], "noise alone must not decide anything"
    assert core.get(P) is not None and not core.get(P).finished  # type: ignore[union-attr]
    server.p_done = True  # the truth: P ends, Q still waits
    if by_socket:
        message = {"type": "executing", "data": {"node": None, "prompt_id": P}}
        server.run(core.feed_text(json.dumps(message)))
    else:
        server.run(core.feed_queue(server.queue_body(), core.queue_requested()))
    [done] = server.finishes
    assert done.prompt_id == P and done.error is None and done.result is not None
    assert core.get(P).status is PromptStatus.COMPLETED  # type: ignore[union-attr]
    assert [p.prompt_id for p in core.unfinished()] == [Q]
    check_books(core)


@settings(deadline=None)
@given(noise)
def test_noise_after_the_end_changes_nothing(items: list[tuple[str, Any]]) -> None:
    core, server = started_core()
    server.p_done = True
    server.run(core.feed_queue(server.queue_body(), core.queue_requested()))
    [done] = server.finishes
    for item in items:
        feed(core, server, item)
    assert server.finishes == [done]
    assert core.get(P).status is PromptStatus.COMPLETED  # type: ignore[union-attr]


# -- what the core could not read is logged at DEBUG ---------------------------------------------


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def debug_records() -> Iterator[list[logging.LogRecord]]:
    """Collect the client's DEBUG records (a handler of our own: fine inside hypothesis)."""
    handler = _Records()
    logger = logging.getLogger("comfy_api_client")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def unreadable_text() -> st.SearchStrategy[str | bytes]:
    def not_json(text: str | bytes) -> bool:
        try:
            json.loads(text)
        except ValueError:
            return True
        return False

    return (st.text(max_size=20) | st.binary(max_size=20)).filter(not_json)


@settings(deadline=None)
@given(
    st.one_of(
        unreadable_text().map(lambda t: ("text", t)),
        values.filter(lambda v: not isinstance(v, dict)).map(lambda v: ("message", v)),
        st.binary(max_size=3).map(lambda b: ("binary", b)),
        st.integers(5, 2**32 - 1).map(lambda k: ("binary", struct.pack(">I", k) + b"x")),
        values.filter(lambda v: not isinstance(v, dict)).map(lambda v: ("queue", v)),
        st.fixed_dictionaries({"queue_running": st.text(max_size=3) | st.integers()}).map(
            lambda v: ("queue", v)
        ),
        values.filter(lambda v: not isinstance(v, dict)).map(lambda v: ("history", (P, v))),
        values.filter(lambda v: not isinstance(v, dict)).map(lambda v: ("history", (P, {P: v}))),
    )
)
def test_what_cannot_be_read_is_logged_at_debug(item: tuple[str, Any]) -> None:
    core, server = started_core()
    with debug_records() as records:
        feed(core, server, item)
    assert any(r.levelno == logging.DEBUG for r in records), item
    assert server.finishes == []


@pytest.mark.parametrize(
    "message",
    [
        {"type": "executing", "data": {"prompt_id": P}},  # no "node": not the end
        {"type": "executing", "data": {"node": None, "prompt_id": [P]}},
        {"type": "executing", "data": {"node": 5, "prompt_id": P}},
    ],
)
def test_valid_looking_endings_with_wrong_fields_end_nothing(message: dict[str, Any]) -> None:
    core, server = started_core()
    server.run(core.feed_text(json.dumps(message)))
    assert server.finishes == []
    assert not core.get(P).finished  # type: ignore[union-attr]


# -- the HTTP layer hands the core only what it can read -----------------------------------------


def answer(body: object) -> Response[Any]:
    content = json.dumps(body, default=str).encode()
    return Response(status_code=HTTPStatus.OK, content=content, headers={}, parsed=None)


@settings(deadline=None)
@given(queue_bodies() | values)
def test_unreadable_queue_bodies_are_failed_requests(body: object) -> None:
    call = calls.get_queue_raw()
    try:
        got = call.finish(answer(body))
    except ComfyError:
        return  # the tracker retries it with backoff
    assert parse_queue(got, strict=True) is not None


@settings(deadline=None)
@given(history_bodies() | values.map(lambda v: (P, v)))
def test_unreadable_history_bodies_are_failed_requests(item: tuple[str, object]) -> None:
    pid, body = item
    call = calls.get_history_by_id(pid)
    try:
        got = call.finish(answer(body))
    except ComfyError:
        return
    assert history_readable(pid, got)
