"""Hostile WebSocket frames (too deep, too large, or making the core raise): the reader logs
and survives, and the next prompt's events still arrive; both clients."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from hostile_ws import HostileProxy, frame, hostile_proxy, opened
from test_reconnect import FAST, events_of, wait_until

from comfy_api_client.core.tracker_core import TrackerCore

DEEP = 100_000


@pytest.fixture
def proxy(double: Any) -> Iterator[HostileProxy]:
    with hostile_proxy(double.url) as proxy:
        yield proxy


def test_deeply_nested_frames_are_skipped(
    kind: str, proxy: HostileProxy, double: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with opened(kind, proxy.url, state_tracker_kwargs=FAST) as client:
        wait_until(lambda: proxy.connections == 1 and len(proxy.sockets) == 1)
        with caplog.at_level(logging.DEBUG, logger="comfy_api_client"):
            proxy.inject("[" * DEEP + "]" * DEEP)
            proxy.inject('{"type": "status", "data": ' + '{"a": ' * DEEP + "1" + "}" * DEEP + "}")
            proxy.inject(b"\x00\x00\x00\x04\x00\x00\x00\x20" + b"[" * 32 + b"jpg")
            assert "execution_success" in events_of(client, double, 21)
        assert proxy.connections == 1  # the same socket: the reader never died
        assert "unreadable WebSocket text frame" in caplog.text


def test_a_frame_the_core_chokes_on_does_not_end_the_reader(
    kind: str,
    proxy: HostileProxy,
    double: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Whatever escapes the core (here a bug imitated for one frame) is logged; the reader
    reconnects instead of ending silently."""
    original = TrackerCore.feed_text

    def feed_text(self: TrackerCore, text: str | bytes) -> Any:
        if text == "boom":
            raise KeyError("a bug")
        return original(self, text)

    monkeypatch.setattr(TrackerCore, "feed_text", feed_text)
    with opened(kind, proxy.url, state_tracker_kwargs=FAST) as client:
        wait_until(lambda: len(proxy.sockets) == 1)
        proxy.inject("boom")
        wait_until(lambda: proxy.connections == 2 and client.server_state.connected)
        assert "execution_success" in events_of(client, double, 22)
        assert "WebSocket reader failed" in caplog.text


def test_frames_are_bounded_by_default() -> None:
    from comfy_api_client.core.options import ClientOptions

    assert ClientOptions.build("http://127.0.0.1:1").ws_max_size <= 16 * 2**20


@pytest.mark.parametrize("binary", [True, False], ids=["binary", "text"])
def test_an_oversized_frame_is_dropped_and_the_tracker_survives(
    kind: str, proxy: HostileProxy, double: Any, caplog: pytest.LogCaptureFixture, binary: bool
) -> None:
    limit = 2**20
    with opened(kind, proxy.url, state_tracker_kwargs={**FAST, "ws_max_size": limit}) as client:
        wait_until(lambda: len(proxy.sockets) == 1)
        if binary:  # a preview image (type 1, PNG) over the limit
            proxy.inject(b"\x00\x00\x00\x01\x00\x00\x00\x02" + b"\x89PNG" * (limit // 2))
        else:
            proxy.inject('{"type": "status", "data": {"x": "' + "y" * 2 * limit + '"}}')
        wait_until(lambda: proxy.connections == 2 and client.server_state.connected)
        assert "execution_success" in events_of(client, double, 23)
        assert f"ws_max_size={limit}" in caplog.text


def test_the_core_skips_frames_it_cannot_read() -> None:
    core = TrackerCore("c")
    deep = "[" * DEEP + "]" * DEEP
    assert core.feed_text(deep) == []
    assert core.feed_text(deep.encode()) == []
    meta = b"[" * DEEP
    frame = b"\x00\x00\x00\x04" + len(meta).to_bytes(4, "big") + meta + b"jpg"
    assert core.feed_binary(frame) == []
    assert core.feed_message({"type": "status", "data": {"status": {"exec_info": []}}}) == []


def test_the_core_remembers_connections() -> None:
    core = TrackerCore("c")
    assert not core.ever_connected and core.server_state().reconnects == 0
    core.connection_made()
    core.connection_lost()
    assert core.ever_connected and core.server_state().reconnects == 0
    core.connection_made()
    assert core.server_state().reconnects == 1


def test_a_fragmented_message_over_the_limit_is_dropped(
    kind: str, proxy: HostileProxy, double: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Fragments each under the limit, together over it (websocket-client has no limit)."""
    limit = 2**20
    piece = b"\x00\x00\x00\x01\x00\x00\x00\x02" + b"x" * (limit // 2)
    message = (
        frame(piece, 0x2, fin=False) + frame(piece, 0x0, fin=False) + frame(piece, 0x0, fin=True)
    )
    with opened(kind, proxy.url, state_tracker_kwargs={**FAST, "ws_max_size": limit}) as client:
        wait_until(lambda: len(proxy.sockets) == 1)
        proxy.inject_raw(message)
        wait_until(lambda: proxy.connections == 2 and client.server_state.connected)
        assert "execution_success" in events_of(client, double, 24)
        assert f"ws_max_size={limit}" in caplog.text
