"""The I/O-free core, fed with recorded message sequences (no server, no threads)."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

from comfy_api_client import events as ev
from comfy_api_client.core.cancel import Dequeue, Interrupt
from comfy_api_client.core.tracker_core import (
    Emit,
    FetchHistory,
    Finish,
    PromptStatus,
    Reconcile,
    TrackerCore,
    dispatch,
)
from comfy_api_client.errors import (
    ClientClosedError,
    ComfyHTTPError,
    ExecutionError,
    ExecutionInterrupted,
    PromptLostError,
)

TRANSCRIPTS = Path(__file__).parent / "data" / "comfyui" / "transcripts"


def load(scenario: str) -> list[dict[str, Any]]:
    return list(json.loads((TRANSCRIPTS / f"{scenario}.json").read_text())["events"])


def posted_ids(events: list[dict[str, Any]]) -> list[str]:
    return [
        e["body"]["prompt_id"]
        for e in events
        if e["kind"] == "http" and e["path"] == "/prompt" and e["status"] == 200
    ]


def history(events: list[dict[str, Any]], pid: str) -> Any:
    """The recorded history body, or (where none was recorded) a minimal success entry."""
    for e in events:
        if e["kind"] == "http" and e["path"] == f"/history/{pid}":
            return e["body"]
    return {
        pid: {"outputs": {}, "status": {"status_str": "success", "completed": True, "messages": []}}
    }


def replay(core: TrackerCore, events: list[dict[str, Any]], ids: list[str]) -> list[Any]:
    """Feed a transcript: posts acknowledge, text frames and binary frame headers are fed."""
    effects: list[Any] = []
    for e in events:
        if e["kind"] == "http" and e["path"] == "/prompt" and e["status"] == 200:
            if e["body"]["prompt_id"] in ids:
                effects += core.submitted(e["body"]["prompt_id"], e["body"])
        elif e["kind"] == "ws-text":
            effects += core.feed_text(json.dumps(e["message"]))
        elif e["kind"] == "ws-binary":
            head = bytes.fromhex(e["head_hex"])
            effects += core.feed_binary(head + b"\x00" * max(0, e["length"] - len(head)))
    return effects


def finish(core: TrackerCore, events: list[dict[str, Any]], effects: list[Any]) -> list[Finish]:
    fetches = [f for f in effects if isinstance(f, FetchHistory)]
    out: list[Finish] = []
    for f in fetches:
        out += [
            x
            for x in core.feed_history(f.prompt_id, history(events, f.prompt_id))
            if isinstance(x, Finish)
        ]
    return out


def test_success() -> None:
    events = load("success")
    [pid] = posted_ids(events)
    seen: list[ev.Event] = []
    core = TrackerCore("c", on_event=seen.append)
    tracked = core.track(pid)
    effects = replay(core, events, [pid])
    assert [f.prompt_id for f in effects if isinstance(f, FetchHistory)] == [pid]
    for e in effects:
        if isinstance(e, Emit):
            dispatch(e)
    assert any(isinstance(e, ev.ExecutedEvent) for e in seen)
    [done] = finish(core, events, effects)
    assert done.error is None and done.result is not None
    assert done.result.output_images[0].node_id == "3"
    assert tracked.status is PromptStatus.COMPLETED


def test_cached_run_has_no_executing_but_finishes() -> None:
    events = load("cached")
    ids = posted_ids(events)
    core = TrackerCore("c")
    for pid in ids:
        core.track(pid)
    effects = replay(core, events, ids)
    done = finish(core, events, effects)
    assert {d.prompt_id for d in done if d.result} == set(ids)


def test_multi_only_ours() -> None:
    events = load("multi")
    ids = posted_ids(events)
    core = TrackerCore("c")
    core.track(ids[1])
    effects = replay(core, events, [ids[1]])
    assert [f.prompt_id for f in effects if isinstance(f, FetchHistory)] == [ids[1]]


def test_execution_error_and_interrupt() -> None:
    for scenario, error in (
        ("execution_error", ExecutionError),
        ("interrupt", ExecutionInterrupted),
    ):
        events = load(scenario)
        [pid] = posted_ids(events)[-1:]
        core = TrackerCore("c")
        tracked = core.track(pid)
        [done] = finish(core, events, replay(core, events, [pid]))
        assert isinstance(done.error, error)
        assert tracked.status in (PromptStatus.FAILED, PromptStatus.INTERRUPTED)


def test_deleted_pending_prompt_is_lost_promptly() -> None:
    events = load("delete_pending")
    ids = posted_ids(events)
    core = TrackerCore("c")
    for pid in ids:
        core.track(pid)
    effects = replay(core, events, ids)
    assert any(isinstance(e, Reconcile) for e in effects)
    queue = next(
        e["body"]
        for e in reversed(events)
        if e["kind"] == "http" and e["path"] == "/queue" and e["method"] == "GET"
    )
    deleted = next(
        e["request"]["delete"][0]
        for e in events
        if e["kind"] == "http" and e["method"] == "POST" and e["path"] == "/queue"
    )
    queue = {
        "queue_running": queue["queue_running"],
        "queue_pending": [i for i in queue["queue_pending"] if i[1] != deleted],
    }
    fetch = [e for e in core.feed_queue(queue) if isinstance(e, FetchHistory)]
    assert deleted in [f.prompt_id for f in fetch]
    [lost] = core.feed_history(deleted, {})
    assert isinstance(lost, Finish) and isinstance(lost.error, PromptLostError)


def test_websocket_images_belong_to_their_node() -> None:
    events = load("ws_images")
    [pid] = posted_ids(events)
    core = TrackerCore("c")
    core.track(pid)
    [done] = finish(core, events, replay(core, events, [pid]))
    assert done.result is not None
    ws = [f for f in done.result.output_images if f.type == "websocket"]
    assert len(ws) == 3 and {f.node_id for f in ws} == {"2"}


def test_reconnect_and_idle_reconcile_only_when_needed() -> None:
    core = TrackerCore("c")
    assert core.connection_made() == [] and core.idle() == []
    core.track("p")
    core.submitted("p", {"prompt_id": "p", "number": 1, "node_errors": {}})
    assert isinstance(core.connection_made()[0], Reconcile)
    assert core.feed_queue({"queue_running": [[1, "p", {}, {}, []]], "queue_pending": []}) == []
    assert core.get("p").status is PromptStatus.RUNNING  # type: ignore[union-attr]
    assert core.feed_history("p", {}) == []  # not ended: nothing decided


def test_cancelled_pending_prompt() -> None:
    core = TrackerCore("c")
    core.track("p")
    core.submitted("p", {"number": 1, "node_errors": {}})
    assert core.cancel("p") == [Dequeue("p"), Interrupt("p")]
    [fetch] = core.feed_queue({"queue_running": [], "queue_pending": []})
    assert isinstance(fetch, FetchHistory)
    [done] = core.feed_history("p", {})
    assert isinstance(done, Finish) and done.cancelled


def test_close_fails_waiters_and_garbage_is_harmless() -> None:
    core = TrackerCore("c")
    core.track("p")
    for junk in ("", "{", "[1]", '{"type": "executing", "data": 5}'):
        assert core.feed_text(junk) == []
    assert core.feed_binary(b"\x00") == []
    assert core.feed_queue("nope") == []
    core.feed_message({"type": "executed", "data": {"node": "1", "output": None, "prompt_id": "p"}})
    core.feed_binary(struct.pack(">II", 1, 2) + b"x")
    [done] = core.close(ClientClosedError("closed"))
    assert isinstance(done, Finish) and isinstance(done.error, ClientClosedError)


def test_failing_callback_is_logged_not_raised() -> None:
    def boom(event: ev.Event) -> None:
        raise RuntimeError("x")

    dispatch(Emit(ev.StatusEvent(type="status"), (boom,)))


def test_a_snapshot_requested_before_the_post_was_answered_does_not_lose_the_prompt() -> None:
    """GET /queue sent, then POST /prompt queued and answered, then the old snapshot arrives."""
    core = TrackerCore("c")
    core.track("p")
    token = core.queue_requested()
    core.submitted("p", {"prompt_id": "p", "number": 1, "node_errors": {}})
    assert core.feed_queue({"queue_running": [], "queue_pending": []}, token) == []
    later = core.queue_requested()
    [fetch] = core.feed_queue({"queue_running": [], "queue_pending": []}, later)
    assert isinstance(fetch, FetchHistory)


def _recorded_history(events: list[dict[str, Any]], pid: str) -> bool:
    return any(e["kind"] == "http" and e["path"] == f"/history/{pid}" and e["body"] for e in events)


def test_without_history_a_whole_run_finishes_from_the_socket_as_history_would() -> None:
    """Real recordings: the socket's report gives what the recorded history entry gives."""
    compared = 0
    for scenario in (
        "success",
        "text_and_preview",
        "execution_error",
        "interrupt",
        "delete_pending",
    ):
        events = load(scenario)
        ids = posted_ids(events)
        by_history, by_socket = TrackerCore("c"), TrackerCore("c", fetch_history=False)
        for core in (by_history, by_socket):
            for pid in ids:
                core.track(pid)
        expected = {
            d.prompt_id: d for d in finish(by_history, events, replay(by_history, events, ids))
        }
        effects = replay(by_socket, events, ids)
        got = {f.prompt_id: f for f in effects if isinstance(f, Finish)}
        for pid in ids:
            if not _recorded_history(events, pid):
                continue
            compared += 1
            assert not any(isinstance(f, FetchHistory) and f.prompt_id == pid for f in effects)
            want, have = expected[pid], got[pid]
            assert type(have.error) is type(want.error), scenario
            if want.error is not None:
                assert str(have.error) == str(want.error)
                continue
            assert have.result is not None and want.result is not None
            assert have.result.outputs == want.result.outputs, scenario
            assert have.result.files == want.result.files
            assert have.result.cached_nodes == want.result.cached_nodes
            assert have.result.history is None and want.result.history is not None
    assert compared == 4


def test_without_history_a_cached_rerun_still_has_its_outputs() -> None:
    """The server replays ``executed`` for cache hits: the rerun's result has the same files."""
    events = load("cached")
    ids = posted_ids(events)
    core = TrackerCore("c", fetch_history=False)
    for pid in ids:
        core.track(pid)
    effects = replay(core, events, ids)
    assert not any(isinstance(f, FetchHistory) for f in effects)
    first, rerun = (
        next(f.result for f in effects if isinstance(f, Finish) and f.prompt_id == pid)
        for pid in ids
    )
    assert first is not None and rerun is not None
    assert first.outputs and rerun.outputs == first.outputs
    assert rerun.cached_nodes and not first.cached_nodes


def test_without_history_a_run_the_socket_missed_part_of_asks_history() -> None:
    events = load("success")
    [pid] = posted_ids(events)
    texts = [json.dumps(e["message"]) for e in events if e["kind"] == "ws-text"]
    start = next(i for i, t in enumerate(texts) if '"execution_start"' in t)

    def run(lose_at: int | None) -> list[Any]:
        core = TrackerCore("c", fetch_history=False)
        core.track(pid)
        effects: list[Any] = core.submitted(pid, {"prompt_id": pid, "number": 1})
        for i, text in enumerate(texts):
            if i == lose_at:
                core.connection_lost()
            effects += core.feed_text(text)
        return effects

    assert any(isinstance(f, Finish) for f in run(None))
    for lose_at in (start + 1, len(texts) - 1):  # mid-run; just before the end
        effects = run(lose_at)
        assert not any(isinstance(f, Finish) for f in effects)
        assert [f.prompt_id for f in effects if isinstance(f, FetchHistory)] == [pid]
    # a socket that joined after the start never saw it: history too
    core = TrackerCore("c", fetch_history=False)
    core.track(pid)
    effects = core.submitted(pid, {"prompt_id": pid, "number": 1})
    for text in texts[start + 1 :]:
        effects += core.feed_text(text)
    assert [f.prompt_id for f in effects if isinstance(f, FetchHistory)] == [pid]


def test_without_history_a_run_that_ends_before_the_post_returns_finishes_on_ack() -> None:
    events = load("success")
    [pid] = posted_ids(events)
    core = TrackerCore("c", fetch_history=False)
    core.track(pid)
    effects: list[Any] = []
    for e in events:
        if e["kind"] == "ws-text":
            effects += core.feed_text(json.dumps(e["message"]))
    assert not any(isinstance(f, Finish | FetchHistory) for f in effects)
    [done] = [
        f for f in core.submitted(pid, {"prompt_id": pid, "number": 1}) if isinstance(f, Finish)
    ]
    assert done.result is not None and done.result.output_images


def test_a_partial_socket_report_never_stands_in_for_the_history() -> None:
    """History gone (``{}``) or failing: only a run the socket reported whole becomes a result."""
    events = load("success")
    [pid] = posted_ids(events)
    texts = [json.dumps(e["message"]) for e in events if e["kind"] == "ws-text"]
    start = next(i for i, t in enumerate(texts) if '"execution_start"' in t)
    error = ComfyHTTPError(500, "GET", f"/history/{pid}", "boom")
    for whole in (True, False):
        for answer in ("deleted", "failing"):
            core = TrackerCore("c")
            core.track(pid)
            effects: list[Any] = core.submitted(pid, {"prompt_id": pid, "number": 1})
            for i, text in enumerate(texts):
                if i == start + 1 and not whole:
                    core.connection_lost()
                effects += core.feed_text(text)
            assert [f.prompt_id for f in effects if isinstance(f, FetchHistory)] == [pid]
            if answer == "deleted":
                [done] = core.feed_history(pid, {})
            else:
                [done] = core.history_failed(pid, error)
            assert isinstance(done, Finish)
            if whole:
                assert done.result is not None and done.result.output_images
                assert done.result.history is None
            elif answer == "deleted":
                assert isinstance(done.error, PromptLostError)
            else:
                assert done.error is error


def _msg(type_: str, **data: Any) -> str:
    if type_ == "status":
        data = {"status": {"exec_info": {"queue_remaining": data["remaining"]}}}
    return json.dumps({"type": type_, "data": data})


def test_only_a_shrink_no_outcome_explains_checks_the_queue() -> None:
    """Found by counting requests under load: an explanation used up by an unrelated status,
    or an outcome ignored because /history had finished its prompt first, set off a /queue
    check for every later prompt."""
    core = TrackerCore("c")
    for pid in ("a", "b", "c"):
        core.track(pid)
        core.submitted(pid, {"prompt_id": pid, "number": 1})

    def reconciles(*texts: str) -> int:
        return sum(isinstance(e, Reconcile) for t in texts for e in core.feed_text(t))

    assert reconciles(_msg("status", remaining=3)) == 0
    # "a" ends; another client queues a prompt before the shrink arrives: still explained
    assert (
        reconciles(
            _msg("execution_success", prompt_id="a"),
            _msg("status", remaining=4),
            _msg("status", remaining=3),
        )
        == 0
    )
    # "b" was finished from /history before its outcome arrived: the outcome still explains
    [done] = core.feed_history("b", {"b": {"outputs": {}, "status": {"status_str": "success"}}})
    assert isinstance(done, Finish)
    assert reconciles(_msg("execution_success", prompt_id="b"), _msg("status", remaining=2)) == 0
    # a shrink nothing explains (deleted elsewhere?) is checked
    assert reconciles(_msg("status", remaining=1)) == 1
