"""Every recorded WebSocket message becomes a typed event; garbage never raises."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comfy_api_client import events as ev

TRANSCRIPTS = Path(__file__).parent / "data" / "comfyui" / "transcripts"
KNOWN = {
    "status": ev.StatusEvent, "execution_start": ev.ExecutionStartEvent,
    "execution_cached": ev.ExecutionCachedEvent, "executing": ev.ExecutingEvent,
    "progress": ev.ProgressEvent, "progress_state": ev.ProgressStateEvent,
    "executed": ev.ExecutedEvent, "execution_success": ev.ExecutionSuccessEvent,
    "execution_error": ev.ExecutionErrorEvent, "execution_interrupted": ev.ExecutionInterruptedEvent,
}  # fmt: skip


def recorded_messages() -> list[dict[str, Any]]:
    out = []
    for file in sorted(TRANSCRIPTS.glob("*.json")):
        out += [
            e["message"] for e in json.loads(file.read_text())["events"] if e["kind"] == "ws-text"
        ]
    return out


def test_every_recorded_message_is_typed() -> None:
    seen = set()
    for message in recorded_messages():
        event = ev.parse_text(json.dumps(message))
        assert isinstance(event, KNOWN[message["type"]]), message
        assert event.prompt_id == message["data"].get("prompt_id")
        seen.add(message["type"])
    assert seen == set(KNOWN)


def test_fields() -> None:
    msgs = recorded_messages()
    first = ev.parse_message(msgs[0])
    assert isinstance(first, ev.StatusEvent) and first.queue_remaining == 0 and first.sid
    end = next(m for m in msgs if m["type"] == "executing" and m["data"]["node"] is None)
    done = ev.parse_message(end)
    assert isinstance(done, ev.ExecutingEvent) and done.node is None and done.prompt_id
    state = ev.parse_message(next(m for m in msgs if m["type"] == "progress_state"))
    assert isinstance(state, ev.ProgressStateEvent)
    node = next(iter(state.nodes.values()))
    assert node.state in ("running", "finished") and node.max is not None
    err = ev.parse_message(next(m for m in msgs if m["type"] == "execution_error"))
    assert (
        isinstance(err, ev.ExecutionErrorEvent)
        and err.node_type == "RegexReplace"
        and err.traceback
    )
    cached_output = ev.parse_message(
        {"type": "executed", "data": {"node": "2", "output": None, "prompt_id": "p"}}
    )
    assert isinstance(cached_output, ev.ExecutedEvent) and cached_output.output is None
    blocked = ev.parse_message(
        {"type": "execution_error", "data": {"current_inputs": [], "prompt_id": "p"}}
    )
    assert isinstance(blocked, ev.ExecutionErrorEvent) and blocked.current_inputs == []


def test_custom_and_reconnect_messages() -> None:
    custom = ev.parse_message({"type": "my_node.progress", "data": {"x": 1}})
    assert isinstance(custom, ev.UnknownEvent) and custom.data == {"x": 1}
    reconnect = ev.parse_message({"type": "executing", "data": {"node": "7"}})
    assert (
        isinstance(reconnect, ev.ExecutingEvent)
        and reconnect.node == "7"
        and reconnect.prompt_id is None
    )


def test_binary_frames() -> None:
    png = b"\x89PNG\r\n\x1a\nrest"
    one = ev.parse_binary(struct.pack(">II", 1, 2) + png)
    assert isinstance(one, ev.PreviewImageEvent) and one.image == png and one.format == "PNG"
    jpeg = ev.parse_binary(struct.pack(">II", 1, 1) + b"\xff\xd8")
    assert isinstance(jpeg, ev.PreviewImageEvent) and jpeg.content_type == "image/jpeg"
    text = ev.parse_binary(struct.pack(">II", 3, 1) + b"2width: 48")
    assert isinstance(text, ev.TextEvent) and (text.node_id, text.text) == ("2", "width: 48")
    meta = json.dumps({"node_id": "5", "prompt_id": "p", "image_type": "image/png"}).encode()
    four = ev.parse_binary(struct.pack(">II", 4, len(meta)) + meta + png)
    assert isinstance(four, ev.PreviewImageEvent)
    assert (four.node_id, four.prompt_id, four.format, four.image) == ("5", "p", "PNG", png)
    assert isinstance(ev.parse_binary(struct.pack(">I", 9) + b"x"), ev.UnknownEvent)
    assert ev.parse_binary(b"\x00") is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{",
        "null",
        "[]",
        '{"type": 3}',
        '{"type": "status"}',
        '{"type": "status", "data": {"status": 5}}',
    ],
)
def test_garbage_text_never_raises(text: str) -> None:
    ev.parse_text(text)


@given(st.binary(max_size=64))
def test_garbage_binary_never_raises(frame: bytes) -> None:
    ev.parse_binary(frame)


@given(
    st.recursive(
        st.none() | st.integers() | st.text(max_size=5),
        lambda c: (
            st.lists(c, max_size=3)
            | st.dictionaries(
                st.sampled_from(["type", "data", "node", "nodes", "status", "output", "prompt_id"]),
                c,
                max_size=4,
            )
        ),
        max_leaves=12,
    )
)
def test_garbage_messages_never_raise(obj: Any) -> None:
    ev.parse_message(obj)
    ev.parse_message({"type": "progress_state", "data": {"nodes": obj}})
    ev.parse_message(
        {"type": "executed", "data": obj if isinstance(obj, dict) else {"output": obj}}
    )
