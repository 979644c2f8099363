"""Rules the core decides for both trackers: one ``/queue`` request at a time (one more if
asked meanwhile), when to poll, which client id a connection uses, how a prompt is cancelled."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from comfy_api_client.core.cancel import Dequeue, Interrupt
from comfy_api_client.core.tracker_core import Reconcile, TrackerCore

EMPTY_QUEUE: dict[str, Any] = {"queue_running": [], "queue_pending": []}


def waiting_core(follow_by_socket: bool = True, *pids: str) -> TrackerCore:
    core = TrackerCore("c", follow_by_socket=follow_by_socket)
    for pid in pids or ("p",):
        core.track(pid)
        core.submitted(pid, {"number": 1, "node_errors": {}})
    return core


def reconciles(effects: list[Any]) -> int:
    return sum(isinstance(e, Reconcile) for e in effects)


def running_queue(*pids: str) -> dict[str, Any]:
    return {"queue_running": [[0, pid, {}, {}, []] for pid in pids], "queue_pending": []}


def test_one_queue_request_at_a_time_and_one_more_if_asked_meanwhile() -> None:
    core = waiting_core()
    assert reconciles(core.connection_made()) == 1
    token = core.queue_requested()
    assert reconciles(core.idle()) == 0  # asked while one is in flight
    assert reconciles(core.reconcile_needed("again")) == 0
    assert reconciles(core.feed_queue(running_queue("p"), token)) == 1  # exactly one more
    token = core.queue_requested()
    assert reconciles(core.feed_queue(running_queue("p"), token)) == 0  # nobody asked


def test_a_failed_queue_request_frees_the_next_one() -> None:
    core = waiting_core()
    assert reconciles(core.idle()) == 1
    core.queue_requested()
    assert reconciles(core.idle()) == 0
    core.queue_failed()
    assert reconciles(core.idle()) == 1


def test_nothing_unfinished_means_no_queue_request() -> None:
    core = TrackerCore("c")
    assert core.connection_made() == [] and core.idle() == []
    assert not core.should_poll()


operations = st.lists(
    st.sampled_from(["ask", "request", "answer", "fail", "shrink"]), min_size=1, max_size=40
)


@given(operations)
def test_never_two_queue_requests_and_no_request_forgotten(ops: list[str]) -> None:
    """However asks and answers interleave: at most one ``Reconcile`` is outstanding, and
    an ask that came while one was in flight is followed by a new one when it returns."""
    core = waiting_core(True, "p")
    outstanding = 0  # Reconcile effects not yet answered or failed
    in_flight: int | None = None
    asked_meanwhile = False
    core.feed_message({"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 5}}}})
    for op in ops:
        effects: list[Any] = []
        if op == "ask":
            effects = core.reconcile_needed("test")
            assert reconciles(effects) == (0 if outstanding else 1)
            asked_meanwhile = asked_meanwhile or (outstanding > 0 and not effects)
        elif op == "shrink":
            effects = core.feed_message(
                {"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 0}}}}
            )
            core.feed_message(
                {"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 5}}}}
            )
            asked_meanwhile = asked_meanwhile or (outstanding > 0 and not effects)
        elif op == "request" and outstanding and in_flight is None:
            in_flight = core.queue_requested()
        elif op == "answer" and in_flight is not None:
            effects = core.feed_queue(running_queue("p"), in_flight)
            outstanding, in_flight = outstanding - 1, None
            assert reconciles(effects) == (1 if asked_meanwhile else 0)
            asked_meanwhile = False
        elif op == "fail" and in_flight is not None:
            core.queue_failed()
            outstanding, in_flight, asked_meanwhile = outstanding - 1, None, False
        outstanding += reconciles(effects)
        assert outstanding <= 1


def test_polling_by_http_while_anything_is_unfinished() -> None:
    core = waiting_core(False)
    assert core.should_poll()
    core.connection_made()
    assert core.should_poll()  # a socket does not replace polling in HTTP mode
    core.feed_queue(EMPTY_QUEUE, core.queue_requested())
    core.feed_history("p", {})  # the prompt is over (lost): nothing left to poll for
    assert not core.should_poll()


def test_polling_by_socket_only_while_it_cannot_follow() -> None:
    core = TrackerCore("c", follow_by_socket=True)
    assert core.connection_id() == "c"  # the configured id first
    core.connection_made()
    core.track("p")
    core.submitted("p", {"number": 1, "node_errors": {}})
    assert not core.should_poll()  # the socket follows it
    core.connection_lost()
    assert core.should_poll()  # socket down
    fresh = core.connection_id()
    assert fresh != "c" and core.client_id == fresh
    core.connection_made()
    assert core.should_poll()  # "p" was posted under "c": its events go nowhere now
    core.track("q")
    core.submitted("q", {"number": 2, "node_errors": {}})
    assert core.get("q") is not None and core.get("q").client_id == fresh  # type: ignore[union-attr]


@given(st.integers(min_value=1, max_value=20))
def test_every_reconnection_gets_a_fresh_client_id(attempts: int) -> None:
    core = TrackerCore("configured")
    ids = [core.connection_id() for _ in range(attempts)]
    assert ids[0] == "configured"
    assert len(set(ids)) == attempts


def test_cancel_removes_then_interrupts_then_checks_the_queue() -> None:
    core = waiting_core(True, "p", "q")
    assert core.cancel("p") == [Dequeue("p"), Interrupt("p")]
    [check] = core.cancel_sent("p")
    assert isinstance(check, Reconcile)
    core.queue_requested()
    # gone from the queue after a cancel: cancelled, not lost (the history has no entry)
    core.feed_queue(running_queue("q"))
    [finish] = core.feed_history("p", {})
    assert finish.cancelled  # type: ignore[union-attr]
    assert core.get("q") is not None and not core.get("q").finished  # type: ignore[union-attr]


def test_server_state_counts_unfinished_prompts_and_the_reported_queue() -> None:
    core = waiting_core(True, "p", "q")
    core.connection_made()
    core.feed_message({"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 3}}}})
    state = core.server_state()
    assert state.connected and state.queue_remaining == 3 and state.unfinished == 2
    core.connection_lost()
    state = core.server_state()
    assert not state.connected and state.queue_remaining is None


@given(st.booleans())
def test_results_are_read_only_after_the_final_executing_on_0_33(by_socket: bool) -> None:
    """ComfyUI 0.33 writes the history after ``execution_success`` (and a ``status``) and
    before ``executing`` with ``node: null``: nothing is fetched or finished before it."""
    import json
    from pathlib import Path

    from comfy_api_client.core.tracker_core import FetchHistory, Finish

    path = Path(__file__).parent / "data" / "comfyui" / "0.33.0" / "transcripts" / "success.json"
    events = json.loads(path.read_text())["events"]
    [posted] = [e for e in events if e["kind"] == "http" and e["path"] == "/prompt"]
    pid = posted["body"]["prompt_id"]
    core = TrackerCore("c", fetch_history=not by_socket)
    core.track(pid)
    core.connection_made()
    messages = [e["message"] for e in events if e["kind"] == "ws-text"]
    final = next(
        i
        for i, m in enumerate(messages)
        if m["type"] == "executing" and m["data"].get("node") is None
    )
    for index, message in enumerate(messages):
        if message["type"] == "execution_start":
            core.submitted(pid, posted["body"])
        effects = core.feed_message(message)
        decisive = [e for e in effects if isinstance(e, FetchHistory | Finish)]
        assert bool(decisive) == (index == final), (index, message["type"])
