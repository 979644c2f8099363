"""Comfy API v2 answers that cannot be read (new findings N2-N5 of the hostile suite): typed
``UnreadableResponseError``, never a second post, a bounded number of unreadable job answers,
event streams silent about a job, events nested too deep to decode."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from conftest import tiny_workflow
from test_v2_core import FakeV2

from comfy_api_client import create_async_client
from comfy_api_client.core import job_core as protocol
from comfy_api_client.core.job_core import JobCore
from comfy_api_client.core.sse import SseDecoder, SseEvent
from comfy_api_client.core.tracker_core import Finish
from comfy_api_client.errors import UnreadableResponseError

DEPTH = 100_000
BAD_BODIES = {
    "html": b"<html><body>502 Bad Gateway</body></html>",
    "truncated": b'{"id": "abc", "status": "que',
    "not_utf8": b'{"id": "\xff\xfe"}',
    "nested": b"[" * DEPTH + b"]" * DEPTH,
}


def job(job_id: str, status: str) -> dict[str, Any]:
    return {"id": job_id, "status": status, "outputs": []}


def test_an_event_nested_too_deep_is_skipped_not_raised() -> None:
    decoder = SseDecoder()
    found = [decoder.feed(line) for line in ("event: progress", "data: " + "[" * DEPTH, "")]
    assert found[-1] == SseEvent("progress", None)
    assert decoder.feed("data: {}") is None and decoder.feed("") == SseEvent("message", {})


@pytest.mark.parametrize(
    "body",
    [*BAD_BODIES.values(), b"{}", b'{"id": 5}', b'{"id": ""}', b"[]", b"null"],
    ids=[*BAD_BODIES, "no_id", "id_number", "id_empty", "list", "null"],
)
def test_an_unreadable_submit_answer_is_typed_and_never_posted_twice(body: bytes) -> None:
    fake = FakeV2()
    fake.routes[("POST", "/api/v2/jobs")] = lambda request: httpx.Response(200, content=body)
    with fake.client() as client, pytest.raises(UnreadableResponseError, match="/api/v2/jobs"):
        client.run(tiny_workflow(), timeout=10)
    assert len(fake.posts()) == 1


@pytest.mark.parametrize("name", list(BAD_BODIES))
def test_an_unreadable_cancel_answer_is_typed(name: str) -> None:
    fake = FakeV2()
    path = "/api/v2/jobs/abc/cancel"
    fake.routes[("POST", path)] = lambda request: httpx.Response(200, content=BAD_BODIES[name])
    with fake.client() as client, pytest.raises(UnreadableResponseError, match="cancel"):
        client.cancel_prompt("abc")


def _always_html(fake: FakeV2) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path.startswith("/api/v2/jobs/"):
            fake.requests.append(request)
            return httpx.Response(200, content=BAD_BODIES["html"])
        return fake.handler(request)

    return httpx.MockTransport(handler)


def test_a_job_answering_unreadably_fails_after_a_bounded_number_of_asks() -> None:
    fake = FakeV2()
    with (
        fake.client(httpx_args={"transport": _always_html(fake)}) as client,
        pytest.raises(UnreadableResponseError, match="/api/v2/jobs/"),
    ):
        client.run(tiny_workflow(), timeout=10)
    asks = [r for r in fake.requests if r.method == "GET" and "/jobs/" in r.url.path]
    assert len(asks) == protocol.ASK_FAILURES


def test_a_job_answering_unreadably_fails_after_a_bounded_number_of_asks_async() -> None:
    fake = FakeV2()

    async def main() -> None:
        async with create_async_client(
            "http://v2.test",
            api="v2",
            httpx_args={"transport": _always_html(fake)},
            start_state_tracker="http",
            state_tracker_kwargs={"poll_interval": 0.01},
        ) as client:
            with pytest.raises(UnreadableResponseError):
                await client.run(tiny_workflow(), timeout=10)

    asyncio.run(main())
    asks = [r for r in fake.requests if r.method == "GET" and "/jobs/" in r.url.path]
    assert len(asks) == protocol.ASK_FAILURES


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_job_the_stream_is_silent_about_is_asked_after_the_silence() -> None:
    clock = Clock()
    core = JobCore(silence=2.0, clock=clock)
    core.track("key", None, None)
    core.submitted("key", "j", job("j", "queued"))
    assert core.silence_left("j") == 2.0
    clock.now += 1.5
    core.feed_event("j", SseEvent("progress", {"step": 1}))  # an event about the job
    assert core.silence_left("j") == 2.0
    clock.now += 1.5
    core.feed_event("j", SseEvent("progress", None))  # unreadable: heard nothing
    assert core.silence_left("j") == 0.5
    clock.now += 1.0
    assert core.silence_left("j") == 0.0  # due: the tracker asks the job
    core.ask_failed("j", UnreadableResponseError("GET", "/api/v2/jobs/j", b"<html>"))
    assert core.silence_left("j") == 2.0  # asked: the next ask is a silence away
    core.feed_job("j", job("j", "succeeded"))
    assert core.silence_left("j") is None  # finished: nothing to ask


def test_unreadable_asks_in_a_row_fail_the_job_and_a_good_answer_resets_them() -> None:
    core = JobCore()
    core.track("key", None, None)
    core.submitted("key", "j", job("j", "queued"))
    error = UnreadableResponseError("GET", "/api/v2/jobs/j", b"<html>")
    for _ in range(protocol.ASK_FAILURES - 1):
        assert core.ask_failed("j", error) == []
    core.feed_job("j", job("j", "running"))
    for _ in range(protocol.ASK_FAILURES - 1):
        assert core.ask_failed("j", error) == []
    effects = core.ask_failed("j", error)
    assert [type(e) for e in effects] == [Finish] and effects[0].error is error  # type: ignore[union-attr]
    assert not core.following("j")
