"""Comfy API v2 without a server: the job core, event decoding, the error envelope, and the
requester's behaviour where a real proxy cannot be made to misbehave (transit failures, 429,
redirects to other hosts, dropped event streams), through httpx mock transports."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from conftest import tiny_workflow

from comfy_api_client import (
    ComfyConnectionError,
    ComfyHTTPError,
    ExecutionInterrupted,
    PromptLostError,
    PromptStatus,
    PromptValidationError,
    create_async_client,
    create_client,
)
from comfy_api_client.calls.transport import Call
from comfy_api_client.core.job_core import JobCore
from comfy_api_client.core.sse import SseDecoder, SseEvent
from comfy_api_client.core.tracker_core import Emit, Finish
from comfy_api_client.errors import (
    AuthenticationError,
    InvalidArgumentError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitedError,
)
from comfy_api_client.v2 import calls, inputs

BASE = "http://v2.test"
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32


def _job(job_id: str, status: str, **extra: Any) -> dict[str, Any]:
    return {"id": job_id, "status": status, "outputs": [], **extra}


def _output(job_id: str, url: str, name: str = "out.png") -> dict[str, Any]:
    return {
        "node_id": "3",
        "name": name,
        "type": "image",
        "content_type": "image/png",
        "id": f"asset-{job_id}",
        "url": url,
    }


def _envelope(code: str, message: str = "", **details: Any) -> bytes:
    return json.dumps(
        {"error": {"code": code, "message": message, "details": details or None}}
    ).encode()


# -- the core ----------------------------------------------------------------------------------


def test_sse_decoder_reads_events_and_skips_comments() -> None:
    decoder = SseDecoder()
    lines = [": keepalive", "", "event: status", 'data: {"status":"running"}', "", "data: x", ""]
    found = [e for e in (decoder.feed(line) for line in lines) if e is not None]
    assert found == [SseEvent("status", {"status": "running"}), SseEvent("message", None)]


def test_core_follows_a_job_from_its_stream_to_its_snapshot() -> None:
    seen: list[Any] = []
    core = JobCore(on_event=seen.append)
    core.track("key", {"1": {}}, None)
    core.submitted("key", "job", _job("job", "queued"))
    assert core.get("job").status is PromptStatus.QUEUED  # type: ignore[union-attr]
    effects = core.feed_event(
        "job", SseEvent("progress", {"current_node": "2", "step": 3, "steps": 10})
    )
    assert [e.event.type for e in effects if isinstance(e, Emit)] == [
        "execution_start",
        "executing",
        "progress",
    ]
    tracked = core.get("job")
    assert tracked is not None and tracked.status is PromptStatus.RUNNING
    assert (tracked.progress.node, tracked.progress.value, tracked.progress.max) == ("2", 3, 10)
    core.feed_event("job", SseEvent("status", {"status": "succeeded"}))
    assert tracked.stream_ended and core.following("job")  # only the job itself finishes it
    body = _job("job", "succeeded", outputs=[_output("job", "/x")])
    effects = core.feed_job("job", body)
    types = [e.event.type for e in effects if isinstance(e, Emit)]
    assert types == ["executed", "execution_success"]  # the output the stream did not give
    [finish] = [e for e in effects if isinstance(e, Finish)]
    assert finish.result is not None and finish.result.files[0].asset_id == "asset-job"
    assert not core.following("job") and tracked.status is PromptStatus.COMPLETED


@pytest.mark.parametrize(
    ("ran", "cancelled", "status", "expected"),
    [
        (True, True, "canceled", PromptStatus.INTERRUPTED),
        (False, True, "canceled", PromptStatus.CANCELLED),
        (False, True, "expired", PromptStatus.CANCELLED),  # a proxy forgets a dequeued job
        (False, False, "expired", PromptStatus.LOST),
    ],
)
def test_core_maps_how_a_job_ended(
    ran: bool, cancelled: bool, status: str, expected: PromptStatus
) -> None:
    core = JobCore()
    tracked = core.track("k", None, None)  # a finished record lives as long as it is held
    core.submitted("k", "j", _job("j", "running" if ran else "queued"))
    if cancelled:
        core.cancel("j")
    if status == "expired":  # said once, it may be a moment between queue and history
        assert core.feed_job("j", _job("j", status)) == [] and core.following("j")
    [finish] = [e for e in core.feed_job("j", _job("j", status)) if isinstance(e, Finish)]
    assert tracked.status is expected
    if expected is PromptStatus.CANCELLED:
        assert finish.cancelled
    elif expected is PromptStatus.INTERRUPTED:
        assert isinstance(finish.error, ExecutionInterrupted)
    else:
        assert isinstance(finish.error, PromptLostError)


def test_error_envelopes_are_typed() -> None:
    call: Call[Any] = calls.get_job("j")
    cases = {
        401: AuthenticationError,
        402: PaymentRequiredError,
        403: PermissionDeniedError,
        404: ComfyHTTPError,
    }
    for status, kind in cases.items():
        err = calls.v2_error(call, status, _envelope("some_code", "why"))
        assert type(err) is kind and err.code == "some_code" and "why" in str(err)
    limited = calls.v2_error(call, 429, _envelope("queue_full"), "7")
    assert isinstance(limited, RateLimitedError) and limited.retry_after == 7.0


def test_cloud_style_node_errors_become_problems() -> None:
    call = calls.submit_job({"12": {"class_type": "KSampler", "inputs": {}}}, None, "k")
    body = _envelope(
        "invalid_workflow",
        "bad",
        node_errors={"12": [{"field": "model", "reason": "missing_input"}]},
    )
    err = calls.v2_error(call, 422, body)
    assert isinstance(err, PromptValidationError)
    [problem] = err.problems
    assert (problem.node_id, problem.input_name, problem.type) == ("12", "model", "missing_input")


def test_extra_data_keeps_only_the_partner_key() -> None:
    assert inputs.v2_extra_data({"api_key_comfy_org": "k", "extra_pnginfo": {}}) == {
        "api_key_comfy_org": "k"
    }
    with pytest.raises(InvalidArgumentError, match="api_key_comfy_org"):
        inputs.v2_extra_data({"client_secret": "x"})


def test_an_api_key_and_an_authorization_header_are_refused_together() -> None:
    with pytest.raises(InvalidArgumentError):
        create_client(BASE, api="v2", api_key="k", headers={"Authorization": "Basic x"})


# -- the requester, against a mock server -------------------------------------------------------


class FakeV2:
    """A scripted Comfy API v2 server (an httpx mock transport) recording what it got."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.jobs: dict[str, str] = {}  # idempotency key -> job id
        self.job_bodies: list[dict[str, Any]] = []  # successive answers of GET job
        self.routes: dict[tuple[str, str], Callable[[httpx.Request], httpx.Response]] = {}

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        route = self.routes.get((request.method, request.url.path))
        if route is not None:
            return route(request)
        return self.default(request)

    def default(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path == "/api/v2/health":
            return httpx.Response(200, json={"status": "healthy"})
        if request.method == "POST" and request.url.path == "/api/v2/jobs":
            key = request.headers["idempotency-key"]
            if key in self.jobs:
                return httpx.Response(422, content=_envelope("idempotency_key_reuse"))
            self.jobs[key] = str(uuid.uuid4())
            return httpx.Response(201, json=_job(self.jobs[key], "queued"))
        if request.method == "GET" and request.url.path.startswith("/api/v2/jobs/"):
            if request.url.path.endswith("/events"):
                return httpx.Response(429, content=_envelope("too_many_streams"))
            job_id = request.url.path.rsplit("/", 1)[-1]
            body = self.job_bodies.pop(0) if len(self.job_bodies) > 1 else self.job_bodies[0]
            return httpx.Response(200, json={**body, "id": job_id})
        return httpx.Response(404, content=_envelope("not_found"))

    def client(self, **kwargs: Any) -> Any:
        kwargs.setdefault("httpx_args", {"transport": httpx.MockTransport(self.handler)})
        kwargs.setdefault("start_state_tracker", "http")
        kwargs.setdefault("state_tracker_kwargs", {"poll_interval": 0.01})
        return create_client(BASE, api="v2", **kwargs)

    def posts(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == "POST" and r.url.path == "/api/v2/jobs"]


def test_a_post_lost_in_transit_is_sent_again_with_the_same_key() -> None:
    fake = FakeV2()
    fake.job_bodies = [_job("", "succeeded")]
    failures = iter([httpx.ConnectError("refused")])

    def flaky(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == "/api/v2/jobs":
            error = next(failures, None)
            if error is not None:
                fake.requests.append(request)
                raise error
        return fake.handler(request)

    with fake.client(httpx_args={"transport": httpx.MockTransport(flaky)}) as client:
        result = client.run(tiny_workflow(), timeout=10)
    posts = fake.posts()
    assert len(posts) == 2 and len(fake.jobs) == 1
    assert posts[0].headers["idempotency-key"] == posts[1].headers["idempotency-key"]
    assert result.prompt_id == next(iter(fake.jobs.values()))


def test_a_post_that_reached_the_server_never_makes_a_second_job() -> None:
    fake = FakeV2()
    seen = []

    def lost_answer(request: httpx.Request) -> httpx.Response:
        response = fake.handler(request)
        if request.method == "POST" and not seen:
            seen.append(request)
            raise httpx.ReadTimeout("the answer was lost")
        return response

    with (
        fake.client(httpx_args={"transport": httpx.MockTransport(lost_answer)}) as client,
        pytest.raises(ComfyHTTPError) as info,
    ):
        client.submit_workflow(tiny_workflow())
    assert info.value.code == "idempotency_key_reuse"
    assert "reached the server" in "\n".join(getattr(info.value, "__notes__", []))
    assert len(fake.jobs) == 1 and len(fake.posts()) == 2


def test_429_is_retried_as_the_server_asks() -> None:
    fake = FakeV2()
    fake.job_bodies = [_job("", "succeeded")]
    limited = iter([0, 0])

    def queue_full(request: httpx.Request) -> httpx.Response:
        if next(limited, None) is not None:
            return httpx.Response(
                429, headers={"Retry-After": "0"}, content=_envelope("queue_full")
            )
        return fake.default(request)

    fake.routes[("POST", "/api/v2/jobs")] = queue_full
    with fake.client() as client:
        client.run(tiny_workflow(), timeout=10)
    assert len(fake.posts()) == 3 and len(fake.jobs) == 1

    always = FakeV2()
    always.routes[("POST", "/api/v2/jobs")] = lambda r: httpx.Response(
        429, headers={"Retry-After": "3600"}, content=_envelope("queue_full", "full")
    )
    with always.client() as client, pytest.raises(RateLimitedError) as info:
        client.submit_workflow(tiny_workflow())
    assert info.value.retry_after == 3600 and len(always.posts()) == 1  # too long to sit out


def test_outputs_follow_redirects_and_the_key_stays_home() -> None:
    fake = FakeV2()
    job_id = str(uuid.uuid4())
    fake.job_bodies = [_job(job_id, "succeeded", outputs=[_output(job_id, f"{BASE}/content/1")])]
    fake.routes[("GET", "/content/1")] = lambda r: httpx.Response(
        302, headers={"Location": "https://cdn.elsewhere.test/blob?sig=abc"}
    )
    fake.routes[("GET", "/blob")] = lambda r: httpx.Response(200, content=PNG)
    with fake.client(api_key="k-123", headers={"X-Extra": "secret"}) as client:
        result = client.fetch_results(job_id)
    assert result.files[0].data == PNG
    home = [r for r in fake.requests if r.url.host == "v2.test"]
    away = [r for r in fake.requests if r.url.host == "cdn.elsewhere.test"]
    assert away and all(r.headers.get("authorization") == "Bearer k-123" for r in home)
    assert all("authorization" not in r.headers and "x-extra" not in r.headers for r in away)


def test_a_dropped_stream_is_reconciled_by_polling_the_job() -> None:
    fake = FakeV2()
    job_id = str(uuid.uuid4())
    # The stream says the job runs, then breaks off (no terminal status): the job is asked.
    fake.routes[("GET", f"/api/v2/jobs/{job_id}/events")] = lambda r: httpx.Response(
        200,
        headers={"Content-Type": "text/event-stream"},
        content=b'event: status\ndata: {"status":"running"}\n\nevent: progress\ndata: {"valu',
    )
    fake.job_bodies = [
        _job(job_id, "running"),
        _job(job_id, "succeeded", outputs=[_output(job_id, f"{BASE}/content/2")]),
    ]
    fake.routes[("GET", "/content/2")] = lambda r: httpx.Response(200, content=PNG)
    fake.routes[("POST", "/api/v2/jobs")] = lambda r: httpx.Response(
        201, json=_job(job_id, "queued")
    )
    seen: list[Any] = []
    with fake.client(
        start_state_tracker="websocket",
        on_event=seen.append,
        state_tracker_kwargs={"reconnect_delays": (0.01,)},
    ) as client:
        result = client.run(tiny_workflow(), timeout=10)
    assert result.files[0].data == PNG
    assert [e.type for e in seen] == ["execution_start", "executed", "execution_success"]
    events = [r for r in fake.requests if r.url.path.endswith("/events")]
    assert events and events[0].headers["accept"] == "text/event-stream"


def test_a_job_the_server_forgot_is_lost() -> None:
    fake = FakeV2()
    fake.routes[("GET", "/api/v2/jobs/gone")] = lambda r: httpx.Response(
        404, content=_envelope("not_found")
    )
    job_id = "gone"
    fake.routes[("POST", "/api/v2/jobs")] = lambda r: httpx.Response(
        201, json=_job(job_id, "queued")
    )
    with fake.client() as client, pytest.raises(PromptLostError):
        client.run(tiny_workflow(), timeout=10)


async def test_the_async_client_retries_and_follows_the_same_way() -> None:
    fake = FakeV2()
    fake.job_bodies = [_job("", "running"), _job("", "succeeded")]
    async with create_async_client(
        BASE,
        api="v2",
        start_state_tracker="websocket",  # the mock refuses streams (429): polling instead
        state_tracker_kwargs={"poll_interval": 0.01},
        httpx_args={"transport": httpx.MockTransport(fake.handler)},
    ) as client:
        prompt = await client.submit_workflow(tiny_workflow())
        result = await prompt.result(10)
    assert result.prompt_id == prompt.prompt_id and prompt.status is PromptStatus.COMPLETED


def test_an_unreachable_v2_server_fails_on_open() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    client = create_client(
        BASE, api="v2", httpx_args={"transport": httpx.MockTransport(refuse)}, http_timeout=1
    )
    with pytest.raises(ComfyConnectionError):
        client.open()


@pytest.mark.parametrize(
    ("status", "ignored"),
    [
        ("queued", True),
        ("running", True),
        ("canceling", False),
        ("canceled", False),
        ("succeeded", False),
        ("expired", False),
    ],
)
def test_a_cancel_answered_with_the_job_unchanged_is_an_error(status: str, ignored: bool) -> None:
    from comfy_api_client.core import v2_jobs as jobs
    from comfy_api_client.errors import NotAvailableError

    error = jobs.cancel_ignored("j1", {"id": "j1", "status": status}, "Comfy API v2")
    assert (error is not None) == ignored
    if error is not None:
        assert isinstance(error, NotAvailableError) and "j1" in str(error) and status in str(error)
