"""The I/O-free decisions in ``comfy_api_client.core``: where a prompt is, how to cancel it,
how long to wait. Plain data: real ``/queue`` and ``/history`` bodies recorded from ComfyUI."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client.core.cancel import CancelJob, Dequeue, Interrupt, cancel_steps
from comfy_api_client.core.locate import Location, Where, landed_answer, locate, post_answer
from comfy_api_client.core.options import ClientOptions
from comfy_api_client.core.queue_state import QueueState
from comfy_api_client.core.timing import (
    PROBE_DELAYS,
    REATTACH_DELAYS,
    RETRY_DELAYS,
    Retry,
    TrackerPlan,
    capped,
    retry_delay,
)
from comfy_api_client.errors import (
    ComfyConnectionError,
    ComfyError,
    ComfyTimeoutError,
    RateLimitedError,
)

TRANSCRIPTS = Path(__file__).parent / "data" / "comfyui" / "transcripts"


def _bodies(scenario: str, path: str) -> list[Any]:
    events = json.loads((TRANSCRIPTS / f"{scenario}.json").read_text())["events"]
    return [
        e["body"]
        for e in events
        if e.get("kind") == "http" and e.get("method") == "GET" and e.get("path") == path
    ]


def test_locate_reads_recorded_queue_bodies() -> None:
    running = "5a43acfb-5634-498a-ad64-6a264afc5bc5"
    pending = "fc1367bc-7792-471b-98ea-e9520cba7f84"
    before, after = _bodies("delete_pending", "/queue")[:2]
    assert locate(running, before) == Location(Where.RUNNING, 12)
    assert locate(pending, before) == Location(Where.PENDING, 13)
    assert locate(pending, after) == Location(Where.UNKNOWN)
    # a parsed QueueState reads the same as its body
    assert locate(pending, QueueState.from_body(before)) == locate(pending, before)
    # the recorded answer for the deleted prompt's history is empty: not there either
    (history,) = _bodies("delete_pending", f"/history/{pending}")
    assert locate(pending, after, history).where is Where.UNKNOWN


def test_locate_reads_a_recorded_history_body() -> None:
    (history,) = _bodies("multi", "/history")
    pid = "e98c17ce-bc43-46e0-ba1e-9abc3ec4460d"
    assert locate(pid, None, history) == Location(Where.FINISHED, 14)
    assert landed_answer(pid, None, history) == {"prompt_id": pid, "number": 14, "node_errors": {}}


def test_locate_is_lenient() -> None:
    pid = "p-1"
    for queue in (None, "garbage", {"queue_running": "x"}, {"queue_pending": [None, [1], 3]}):
        assert locate(pid, queue).where is Where.UNKNOWN
    # the queue is asked first: a prompt both queued and in the history is queued
    item = [3, pid, {}, {}, []]
    both = locate(pid, {"queue_running": [], "queue_pending": [item]}, {pid: {"prompt": item}})
    assert both == Location(Where.PENDING, 3)
    # in the history with an unreadable entry: finished, number unknown, no post answer
    for entry in ("x", {}, {"prompt": "x"}, {"prompt": [1, "other"]}):
        found = locate(pid, None, {pid: entry})
        assert found == Location(Where.FINISHED)
        assert post_answer(pid, found) is None
    assert Where.PENDING.queued and Where.RUNNING.queued
    assert not Where.FINISHED.queued and not Where.UNKNOWN.queued


def test_cancel_steps_use_the_jobs_api_where_the_server_has_it() -> None:
    assert cancel_steps("p") == [Dequeue("p"), Interrupt("p")]
    assert cancel_steps("p", jobs_api=True) == [CancelJob("p")]


def _rate_limited(retry_after: float | None) -> RateLimitedError:
    return RateLimitedError(429, "GET", "/x", None, retry_after)


def test_retry_plan() -> None:
    error = ComfyConnectionError("down")
    assert [Retry().delay(error, n) for n in range(7)] == [*RETRY_DELAYS, 5.0, 5.0]
    assert [Retry(3).delay(error, n) for n in range(3)] == [0.2, 0.5, None]
    transit = Retry(retried=(ComfyConnectionError, ComfyTimeoutError))
    assert transit.delay(ComfyError("final"), 0) is None
    assert transit.delay(ComfyTimeoutError("slow"), 0) == 0.2
    assert Retry(gives_up=lambda e, n: n >= 1).delay(error, 1) is None
    assert Retry(stopped=lambda: True).delay(error, 0) is None
    # a 429 waits as long as the server asks, up to a bound; without Retry-After, as usual
    polite = Retry(6, (RateLimitedError,), max_asked_wait=60.0, level=logging.INFO)
    assert polite.delay(_rate_limited(3.0), 0) == 3.0
    assert polite.delay(_rate_limited(None), 1) == 0.5
    assert polite.delay(_rate_limited(61.0), 0) is None
    assert polite.delay(_rate_limited(1.0), 5) is None
    assert polite.delay(error, 0) is None


def test_one_plan_of_delays() -> None:
    assert [retry_delay(n) for n in (0, 4, 9)] == [0.2, 5.0, 5.0]
    assert capped(PROBE_DELAYS, 99) == PROBE_DELAYS[-1]
    assert capped(REATTACH_DELAYS, 0) == REATTACH_DELAYS[0]
    options = dataclasses.replace(ClientOptions.build("127.0.0.1:1"), reconnect_delays=(1.0, 3.0))
    plan = TrackerPlan(options)
    assert [plan.reconnect_delay(n) for n in range(3)] == [1.0, 3.0, 3.0]
    assert plan.retry_delay(1) == RETRY_DELAYS[1]


@pytest.mark.parametrize("attempt", range(8))
def test_retry_delays_only_grow(attempt: int) -> None:
    assert retry_delay(attempt) <= retry_delay(attempt + 1)
