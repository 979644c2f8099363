"""Every HTTP request ends within ``http_deadline`` whatever the server does, and ``close()``
returns at once, failing what waits (issue "Every promise under attack", defects 7, 12, 16).

A loopback server drips its answers a byte a second (each read arrives within
``http_timeout``, so only a total deadline ends the request) or stops answering.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client import (
    ClientClosedError,
    ComfyTimeoutError,
    InvalidArgumentError,
    create_async_client,
    create_client,
)
from tests.conftest import BlockingClient, LoopThread, tiny_workflow
from tests.hostile_http import HostileServer, drip, json_answer

#: Generous bounds proving "no hang" (a drip would go on for two minutes).
DEADLINE = 3.0
HTTP_TIMEOUT = 2.0
ENDS_WITHIN = DEADLINE + HTTP_TIMEOUT + 3


@pytest.fixture
def dripping() -> Iterator[HostileServer]:
    routes = {"GET /object_info": drip(), "GET /view": drip(content_type="image/png")}
    with HostileServer(routes) as server:
        yield server


@pytest.fixture
def connect(kind: str) -> Iterator[Callable[..., Any]]:
    """Clients of the parametrized kind for a given URL (no tracker unless asked)."""
    opened: list[Callable[[], None]] = []
    loop = LoopThread() if kind == "async" else None

    def make(url: str, **kwargs: Any) -> Any:
        kwargs.setdefault("start_state_tracker", None)
        kwargs.setdefault("http_timeout", HTTP_TIMEOUT)
        if loop is None:
            client = create_client(url, **kwargs)
            client.open()
            opened.append(client.close)
            return client
        aclient = create_async_client(url, **kwargs)
        loop.run(aclient.open())
        opened.append(lambda: loop.run(aclient.close()))
        return BlockingClient(aclient, loop)

    yield make
    for close in reversed(opened):
        close()
    if loop is not None:
        loop.close()


def test_a_dripped_object_info_ends_at_the_deadline(
    dripping: HostileServer, connect: Callable[..., Any]
) -> None:
    client = connect(dripping.url, http_deadline=DEADLINE)
    started = time.monotonic()
    with pytest.raises(ComfyTimeoutError, match="http_deadline"):
        client.get_object_info()
    assert time.monotonic() - started < ENDS_WITHIN


def test_a_dripped_download_ends_at_the_deadline(
    dripping: HostileServer, connect: Callable[..., Any], tmp_path: Path
) -> None:
    client = connect(dripping.url, http_deadline=DEADLINE)
    started = time.monotonic()
    with pytest.raises(ComfyTimeoutError, match="http_deadline"):
        client.download("out.png", tmp_path)
    assert time.monotonic() - started < ENDS_WITHIN
    assert list(tmp_path.iterdir()) == []  # nothing half-written left behind


def test_a_dripped_output_ends_at_the_deadline(
    dripping: HostileServer, connect: Callable[..., Any]
) -> None:
    """``download_outputs`` (``fetch_results``) streams ``/view`` under the deadline too."""
    entry = {"outputs": {"9": {"images": [{"filename": "a.png", "type": "output"}]}}}
    dripping.routes["GET /history/p1"] = json_answer({"p1": entry})
    client = connect(dripping.url, http_deadline=DEADLINE)
    started = time.monotonic()
    with pytest.raises(ComfyTimeoutError, match="http_deadline"):
        client.fetch_results("p1")
    # each of the tries ends at its deadline (no try waits for the drip to finish)
    assert time.monotonic() - started < 5 * ENDS_WITHIN + 10


def test_a_call_in_flight_ends_when_the_client_closes(
    dripping: HostileServer, connect: Callable[..., Any]
) -> None:
    """``close()`` returns within 2 s while a call is dripping, and the call ends with
    ``ClientClosedError`` (it does not run on after the close)."""
    client = connect(dripping.url, http_deadline=60)
    outcome: list[BaseException] = []
    ended = threading.Event()

    def call() -> None:
        try:
            client.get_object_info()
        except BaseException as exc:
            outcome.append(exc)
        ended.set()

    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    _wait_for(lambda: "GET /object_info" in dripping.requests)
    time.sleep(1.5)  # the answer is dripping
    started = time.monotonic()
    client.close()
    assert time.monotonic() - started < 2
    assert ended.wait(HTTP_TIMEOUT + 3), "the call went on after close()"
    assert len(outcome) == 1 and isinstance(outcome[0], ClientClosedError), outcome


def test_close_against_a_server_that_stops_answering(
    make_client: Callable[..., Any], double: Any
) -> None:
    """A prompt's outputs are being downloaded when the server stops answering: ``close()``
    returns within 2 s and the prompt fails with ``ClientClosedError``, never a result
    whose files have no bytes (defect 12)."""
    client = make_client(http_timeout=30)
    double.faults.delay("/view", 3600, count=None)
    prompt = client.submit_workflow(tiny_workflow(color=int(time.time() * 1000) % 255))
    _wait_for(lambda: _asked_for_view(double))
    double.faults.delay("/", 3600, count=None)  # nothing is answered any more
    double.faults.silence_websockets()
    started = time.monotonic()
    client.close()
    assert time.monotonic() - started < 2
    with pytest.raises(ClientClosedError):
        prompt.future.result(5)


@pytest.mark.parametrize("value", [0, -1, float("nan"), "10", True])
def test_deadline_and_sizes_are_checked(value: object) -> None:
    for name in ("http_deadline", "output_memory_limit", "response_size_limit"):
        with pytest.raises(InvalidArgumentError, match=name):
            create_client("127.0.0.1:1", **{name: value})  # type: ignore[arg-type]


def _asked_for_view(double: Any) -> bool:
    return any(path.startswith(("/view", "/api/view")) for _, path in double.requests)


def _wait_for(condition: Callable[[], bool], timeout: float = 20) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out waiting for the condition"
        time.sleep(0.05)


def test_comfy_api_v2_requests_end_at_the_deadline(connect: Callable[..., Any]) -> None:
    routes = {
        "GET /api/v2/health": json_answer({"status": "ok"}),
        "GET /api/v2/jobs/j1": drip(),
    }
    with HostileServer(routes) as server:
        client = connect(server.url, api="v2", http_deadline=DEADLINE)
        started = time.monotonic()
        with pytest.raises(ComfyTimeoutError, match="http_deadline"):
            client.fetch_results("j1")
        assert time.monotonic() - started < ENDS_WITHIN


@pytest.mark.parametrize("route", ["/object_info", "/view"])
def test_a_call_waiting_on_a_silent_server_ends_when_the_client_closes(
    connect: Callable[..., Any], route: str, tmp_path: Path
) -> None:
    """The server accepted the request and says nothing more: ``close()`` still ends the call
    at once (the sync client's read is woken by shutting its socket down) with
    ``ClientClosedError``, long before ``http_timeout``."""
    with HostileServer({}) as server:
        client = connect(server.url, http_timeout=60, http_deadline=120)
        server.hang()
        outcome: list[BaseException] = []
        ended = threading.Event()

        def call() -> None:
            try:
                if route == "/view":
                    client.download("out.png", tmp_path)
                else:
                    client.get_object_info()
            except BaseException as exc:
                outcome.append(exc)
            ended.set()

        threading.Thread(target=call, daemon=True).start()
        _wait_for(lambda: any(route in r for r in server.requests))
        started = time.monotonic()
        client.close()
        assert time.monotonic() - started < 2
        assert ended.wait(5), "the call went on after close()"
        assert len(outcome) == 1 and isinstance(outcome[0], ClientClosedError), outcome
