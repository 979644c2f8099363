"""Queue items are parsed by position, and credentials never show."""

from __future__ import annotations

import json
from pathlib import Path

from comfy_api_client.core.queue_state import QueueEntry, QueueState

TRANSCRIPTS = Path(__file__).parent / "data" / "comfyui" / "transcripts"


def test_recorded_queue_parses_by_position() -> None:
    events = json.loads((TRANSCRIPTS / "delete_pending.json").read_text())["events"]
    body = next(
        e["body"]
        for e in events
        if e["kind"] == "http" and e["path"] == "/queue" and e["method"] == "GET"
    )
    state = QueueState.from_body(body)
    [running] = state.running
    raw = body["queue_running"][0]
    assert running.number == raw[0] and running.prompt_id == raw[1]
    assert running.prompt == raw[2] and running.extra_data == raw[3]
    assert running.outputs_to_execute == raw[4]
    assert len(state.pending) == len(body["queue_pending"])
    assert running.prompt_id in state.prompt_ids()


def test_float_numbers_and_tolerance() -> None:
    entry = QueueEntry.from_tuple([5.0, "p", {}, {}, ["9"], {"sensitive": 1}])
    assert entry.number == 5.0 and entry.outputs_to_execute == ["9"]
    state = QueueState.from_body({"queue_running": [], "queue_pending": [["bad"], "x", [1, "q"]]})
    assert [e.prompt_id for e in state.pending] == ["q"]


def test_secrets_are_redacted_in_repr() -> None:
    entry = QueueEntry.from_tuple(
        [
            1,
            "p",
            {},
            {"api_key_comfy_org": "sk-1", "auth_token_comfy_org": "t", "client_id": "c"},
            [],
        ]
    )
    text = repr(entry)
    assert "sk-1" not in text and "'t'" not in text and "'c'" in text
    assert entry.extra_data["api_key_comfy_org"] == "sk-1"  # the data itself is untouched
