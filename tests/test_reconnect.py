"""The WebSocket tracker keeps reconnecting for the client's whole life, both clients.

A failed reconnect (the server down, or answering ``/ws`` with 502/500) is not a failed first
contact: the reader goes on retrying, and events, progress and previews come back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from conftest import tiny_workflow
from hostile_ws import opened

from comfy_api_client import events as ev
from comfy_api_client.testing import ComfyTestServer

TIMEOUT = 30
FAST = {"reconnect_delays": (0.05, 0.1, 0.2), "watchdog_interval": 2.0}


def wait_until(check: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def events_of(client: Any, double: Any, color: int) -> list[str]:
    """Run a prompt; the event types its ``on_event`` saw (from the socket)."""
    seen: list[str] = []
    lock = threading.Lock()

    def on_event(event: ev.Event) -> None:
        with lock:
            seen.append(event.type)

    prompt = client.submit_workflow(tiny_workflow(color=color), on_event=on_event)
    assert prompt.future.result(timeout=TIMEOUT).status == "success"
    wait_until(lambda: "execution_success" in seen)
    return seen


@pytest.mark.parametrize("status", [502, 500])
def test_failed_reconnects_do_not_stop_the_reader(
    make_client: Any, double: Any, status: int
) -> None:
    client = make_client(state_tracker_kwargs=FAST)
    assert "execution_success" in events_of(client, double, 11)
    before = double.ws_connections_total
    double.faults.fail("/ws", status=status, count=2)
    double.faults.drop_websockets()
    # two refused attempts, then a third that succeeds: the reader is still there
    wait_until(lambda: double.ws_connections_total > before and client.server_state.connected)
    assert "execution_success" in events_of(client, double, 12)


def test_server_down_for_two_seconds(kind: str) -> None:
    """The server stops (nothing listens: connection refused) and comes back 2 s later."""
    with ComfyTestServer() as first, opened(kind, first.url, state_tracker_kwargs=FAST) as client:
        port = first.port
        assert client.server_state.connected
        first.stop()
        wait_until(lambda: not client.server_state.connected)
        time.sleep(2)  # several refused reconnects
        with ComfyTestServer(port=port) as second:
            wait_until(lambda: client.server_state.connected, timeout=15)
            assert "execution_success" in events_of(client, second, 13)


async def test_close_after_a_timed_out_wait_leaves_no_unretrieved_exception(double: Any) -> None:
    """Closing fails the unfinished prompt's future; nobody awaits it any more, so asyncio
    must not report "Future exception was never retrieved" when it is collected."""
    import asyncio
    import gc

    from comfy_api_client import ComfyTimeoutError, create_async_client

    loop = asyncio.get_running_loop()
    reported: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _loop, context: reported.append(context))
    double.set_paused(True)
    try:
        client = create_async_client(double.url, http_timeout=10)
        async with client:
            prompt = await client.submit_workflow(tiny_workflow(color=14))
            with pytest.raises(ComfyTimeoutError):
                await prompt.result(timeout=0.2)
        del prompt, client
        for _ in range(3):
            gc.collect()
            await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(None)
        double.set_paused(False)
    assert reported == []


@pytest.mark.parametrize(("before", "after"), [("0.33.0", "0.3.64"), ("0.3.64", "0.33.0")])
def test_server_info_is_read_again_after_a_reconnect(kind: str, before: str, after: str) -> None:
    """The server restarts as another version: the client's picture of it (version, routes,
    cancel policy) follows once its socket reconnects."""
    from comfy_api_client import PromptCancelledError

    with (
        ComfyTestServer(version=before) as first,
        opened(kind, first.url, state_tracker_kwargs=FAST) as client,
    ):
        port = first.port
        assert client.server_info().version == before
        first.stop()
        with ComfyTestServer(port=port, version=after) as second:
            wait_until(lambda: client.server_state.connected, timeout=15)
            info = client.server_info()
            assert info.version == after
            assert info.has_jobs_api == (after == "0.33.0")
            second.set_paused(True)
            prompt = client.submit_workflow(tiny_workflow(color=15))
            client.cancel_prompt(prompt.prompt_id)
            with pytest.raises(PromptCancelledError):
                prompt.future.result(timeout=TIMEOUT)
            second.set_paused(False)
            cancels = [p for m, p in second.requests if m == "POST" and "cancel" in p]
            assert bool(cancels) == (after == "0.33.0")
