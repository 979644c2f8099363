"""The core's rule for a server that answers, but not readably (N6, N7): an unreachable server
is waited for; a reachable one that gives no readable ``/history/{id}`` or ``/queue`` is given
up after a bounded number of attempts, with the typed error."""

from __future__ import annotations

from typing import Any

import pytest

from comfy_api_client.core.tracker_core import FetchHistory, Finish, TrackerCore
from comfy_api_client.errors import (
    ComfyConnectionError,
    ComfyHTTPError,
    ComfyTimeoutError,
    ResponseTooLargeError,
    UnreadableResponseError,
)

TIMEOUT = ComfyTimeoutError("GET /history/p timed out (ReadTimeout)")
REFUSED = ComfyConnectionError("GET /history/p failed: connection refused")
BAD_GATEWAY = ComfyHTTPError(502, "GET", "/queue", "<html>")
HTML = UnreadableResponseError("GET", "/queue", "<html>", "not JSON")
DONE = {"status_str": "success", "completed": True, "messages": []}


def waiting_core(follow_by_socket: bool = True, *pids: str) -> TrackerCore:
    core = TrackerCore("c", follow_by_socket=follow_by_socket)
    for pid in pids or ("p",):
        core.track(pid)
        core.submitted(pid, {"number": 1, "node_errors": {}})
    return core


def finishes(effects: list[Any]) -> list[Finish]:
    return [e for e in effects if isinstance(e, Finish)]


def fetches(effects: list[Any]) -> set[str]:
    return {e.prompt_id for e in effects if isinstance(e, FetchHistory)}


def test_an_unreachable_server_is_waited_for() -> None:
    core = waiting_core()
    for patience in (core.history_patience(), core.queue_patience()):
        for attempt in range(100):  # nothing heard: neither refusals nor timeouts count
            assert not patience(REFUSED, attempt)
            assert not patience(TIMEOUT, attempt)


def test_history_timeouts_count_while_the_server_answers_elsewhere() -> None:
    core = waiting_core()
    gives_up = core.history_patience()
    verdicts = []
    for attempt in range(TrackerCore.HISTORY_ATTEMPTS):
        core.feed_text('{"type": "status", "data": {"status": {}}}')  # the socket speaks
        verdicts.append(gives_up(TIMEOUT, attempt))
    assert verdicts == [False] * (TrackerCore.HISTORY_ATTEMPTS - 1) + [True]


@pytest.mark.parametrize("error", [BAD_GATEWAY, HTML, ResponseTooLargeError("GET", "/h", 10)])
def test_history_answers_that_cannot_be_read_count_by_themselves(error: Exception) -> None:
    gives_up = waiting_core().history_patience()
    verdicts = [gives_up(error, a) for a in range(TrackerCore.HISTORY_ATTEMPTS)]
    assert verdicts[-1] and not any(verdicts[:-1])


def test_a_queue_error_is_final_for_one_reconciliation_unless_unreachable() -> None:
    core = waiting_core()
    assert not core.queue_patience()(REFUSED, 0)
    assert core.queue_patience()(BAD_GATEWAY, 0)
    assert core.queue_patience()(HTML, 0)


def test_an_unreadable_queue_asks_the_history_which_finishes_the_prompt() -> None:
    core = waiting_core(False, "p", "q")
    core.queue_requested()
    effects = core.queue_failed(HTML)
    assert fetches(effects) == {"p", "q"} and not finishes(effects)
    done = core.feed_history("p", {"p": {"outputs": {}, "status": DONE}})
    assert [f.prompt_id for f in finishes(done)] == ["p"] and finishes(done)[0].error is None
    assert core.feed_history("q", {}) == []  # still queued or running: followed on


def test_a_queue_unreadable_past_the_bound_fails_what_it_cannot_account_for() -> None:
    core = waiting_core(False)
    for _ in range(TrackerCore.QUEUE_ATTEMPTS - 1):
        core.queue_requested()
        assert not finishes(core.queue_failed(BAD_GATEWAY))
        core.feed_history("p", {})
    core.queue_requested()
    (finish,) = finishes(core.queue_failed(BAD_GATEWAY))
    assert finish.prompt_id == "p" and finish.error is BAD_GATEWAY
    assert not core.has_unfinished()


def test_a_readable_queue_resets_the_count() -> None:
    core = waiting_core(False)
    for _ in range(TrackerCore.QUEUE_ATTEMPTS - 1):
        core.queue_requested()
        core.queue_failed(HTML)
        core.feed_history("p", {})
    token = core.queue_requested()
    core.feed_queue({"queue_running": [[0, "p", {}, {}, []]], "queue_pending": []}, token)
    core.queue_requested()
    assert not finishes(core.queue_failed(HTML))


def test_a_prompt_the_socket_follows_is_not_failed_by_the_queue() -> None:
    core = waiting_core(True)
    core.connection_made()
    for _ in range(TrackerCore.QUEUE_ATTEMPTS + 2):
        core.queue_requested()
        assert not finishes(core.queue_failed(HTML))
        core.feed_history("p", {})
    assert core.has_unfinished()


def test_closing_gives_up_the_queue_without_judging() -> None:
    core = waiting_core(False)
    core.queue_requested()
    assert core.queue_failed() == []
    assert core.has_unfinished()
