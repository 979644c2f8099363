"""Shared fixtures: the ComfyUI server the tests talk to, and clients of both kinds.

By default the tests run against the in-process test double (``comfy_api_client.testing``),
imitating ComfyUI 0.33.0; ``COMFY_TEST_SERVER_VERSION=0.3.64`` runs the suite against the
0.3.64 imitation instead. With ``COMFYUI_URL`` set they target that real ComfyUI; tests that
need fault injection or the double's controls are then skipped.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import random
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from comfy_api_client import create_async_client, create_client

DATA = Path(__file__).parent / "data" / "comfyui"
LIVE_URL = os.environ.get("COMFYUI_URL")
#: The ComfyUI version the shared test double imitates (``COMFY_TEST_SERVER_VERSION``).
SERVER_VERSION = os.environ.get("COMFY_TEST_SERVER_VERSION", "0.33.0")

# CI runs the property tests with a fixed seed (``HYPOTHESIS_PROFILE=ci`` in ``.ci/run``), so a
# green build stays green; a plain ``pytest`` explores new examples on every run, and
# ``HYPOTHESIS_PROFILE=deep`` explores many more where a test does not fix its own count.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("deep", max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


class LiveServer:
    """A real ComfyUI given by ``COMFYUI_URL``."""

    def __init__(self, url: str) -> None:
        self.url = url


@pytest.fixture(scope="session")
def server_version() -> str:
    """The version the shared test double imitates; override this fixture (or set
    ``COMFY_TEST_SERVER_VERSION``) to run tests against the other one."""
    return SERVER_VERSION


@pytest.fixture(scope="session")
def server(server_version: str) -> Iterator[Any]:
    """The server under test: the test double, or the real ComfyUI at ``COMFYUI_URL``."""
    if LIVE_URL:
        yield LiveServer(LIVE_URL)
        return
    from comfy_api_client.testing import ComfyTestServer

    with ComfyTestServer(version=server_version) as double:
        yield double


@pytest.fixture
def double(server: Any) -> Iterator[Any]:
    """The test double itself (skipped against a real server): faults, pause, restart."""
    if LIVE_URL:
        pytest.skip("needs the test double's fault injection")
    server.faults.clear()
    server.set_paused(False)
    yield server
    server.faults.clear()
    server.set_paused(False)


def tiny_workflow(color: int = 0, size: int = 16, prefix: str = "test") -> dict[str, Any]:
    """EmptyImage -> ImageInvert -> SaveImage: runs on any ComfyUI without model files."""
    return {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": size, "height": size, "batch_size": 1, "color": color},
        },
        "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
        "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": prefix}},
    }


def slow_workflow(color: int | None = None) -> dict[str, Any]:
    """A workflow that takes seconds on a CPU (a large blur), for interrupt and queue tests.

    The colour is random unless given, so that no run is served from an earlier run's cache."""
    if color is None:
        color = random.randrange(1 << 24)
    return {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": 2048, "height": 2048, "batch_size": 1, "color": color},
        },
        "2": {
            "class_type": "ImageBlur",
            "inputs": {"image": ["1", 0], "blur_radius": 31, "sigma": 10.0},
        },
        "3": {"class_type": "ImageInvert", "inputs": {"image": ["2", 0]}},
        "4": {"class_type": "PreviewImage", "inputs": {"images": ["3", 0]}},
    }


class LoopThread:
    """An event loop in a thread, so that sync-style tests can drive the asyncio client."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro: Any, timeout: float = 60) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


class BlockingPrompt:
    """An ``AsyncPrompt`` seen through blocking calls (its future becomes a concurrent one)."""

    def __init__(self, prompt: Any, loop: LoopThread) -> None:
        self._prompt = prompt
        self._loop = loop
        if prompt.tracked:  # else ``future`` is the prompt's own (it raises NotAvailableError)

            async def wait() -> Any:
                return await prompt.future

            self.future = asyncio.run_coroutine_threadsafe(wait(), loop.loop)

    def __getattr__(self, name: str) -> Any:
        return _blocking(getattr(self._prompt, name), self._loop)


def _blocking(attr: Any, loop: LoopThread) -> Any:
    if inspect.isasyncgenfunction(attr):

        def iterate(*args: Any, **kwargs: Any) -> Any:
            async def collect() -> list[Any]:
                return [item async for item in attr(*args, **kwargs)]

            return iter(loop.run(collect()))

        return iterate
    if not inspect.iscoroutinefunction(attr):
        return attr

    def call(*args: Any, **kwargs: Any) -> Any:
        args = tuple(a._prompt if isinstance(a, BlockingPrompt) else a for a in args)
        out = loop.run(attr(*args, **kwargs), timeout=kwargs.get("timeout") or 60)
        if type(out).__name__ == "AsyncPrompt":
            return BlockingPrompt(out, loop)
        return out

    return call


class BlockingClient:
    """The asyncio client driven from a test thread, with the sync client's call style."""

    def __init__(self, client: Any, loop: LoopThread) -> None:
        self._client = client
        self._loop = loop

    def __getattr__(self, name: str) -> Any:
        return _blocking(getattr(self._client, name), self._loop)


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    """Which client a mirrored test uses."""
    return str(request.param)


@pytest.fixture
def make_client(server: Any, kind: str) -> Iterator[Callable[..., Any]]:
    """Open clients of the parametrized kind against the server; all closed at the end."""
    opened: list[Callable[[], None]] = []
    loop = LoopThread() if kind == "async" else None

    def make(**kwargs: Any) -> Any:
        kwargs.setdefault("http_timeout", 10)
        if loop is None:
            client = create_client(server.url, **kwargs)
            client.open()
            opened.append(client.close)
            return client
        aclient = create_async_client(server.url, **kwargs)
        loop.run(aclient.open())
        opened.append(lambda: loop.run(aclient.close()))
        return BlockingClient(aclient, loop)

    yield make
    for close in reversed(opened):
        close()
    if loop is not None:
        loop.close()


@pytest.fixture
def client(make_client: Callable[..., Any]) -> Any:
    """A client of the parametrized kind with the default (WebSocket) tracker."""
    return make_client()


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clients' retry delays a tenth as long (as many attempts, the same rules): for tests
    that prove a bounded number of failed attempts ends in a typed error, not how long the
    client waits between them (tests/test_core_decisions.py pins the delays themselves)."""
    from comfy_api_client.core import timing

    monkeypatch.setattr(timing, "RETRY_DELAYS", tuple(d / 10 for d in timing.RETRY_DELAYS))
