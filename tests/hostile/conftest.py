"""Fixtures of the hostile-server suite: the hostile server in front of the test double, a
second origin to redirect to, clients of both kinds carrying secrets, a watchdog for every
call, and a capture of every log record of every library at DEBUG.
"""

from __future__ import annotations

import asyncio
import base64
import inspect
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from comfy_api_client import (
    ComfyError,
    create_async_client,
    create_async_pool,
    create_client,
    create_pool,
)

from .server import HostileServer
from .xfails import WEBSOCKETS_HANDSHAKE_LEAKS

TOKEN = "tok-SECRET-4f1c9a7e2b"
API_KEY = "key-SECRET-8d2e6b1f0c"
PASSWORD = "pw-SECRET-3a9c7e5d1b"
V2_KEY = "v2key-SECRET-6e0b2d4f8a"
#: Every secret a client of this suite carries, and the forms they travel in.
SECRETS = (
    TOKEN,
    API_KEY,
    PASSWORD,
    V2_KEY,
    base64.b64encode(f"alice:{PASSWORD}".encode()).decode(),
)
SECRET_HEADERS = {"Authorization": f"Bearer {TOKEN}", "X-Api-Key": API_KEY}
#: Client settings: short timeouts so that every attack ends within seconds.
HTTP_TIMEOUT = 1.0
#: One whole request: a drip of one byte a second ends here (the default is 600 s).
HTTP_DEADLINE = 3.0
TRACKER = {"watchdog_interval": 2.0, "reconnect_delays": (0.05, 0.1, 0.2, 0.5)}
#: How long any one hostile call may take before it counts as a hang.
DEADLINE = 8.0
#: Exceptions that are bugs when they escape the client, whatever the server did.
RAW = (AttributeError, TypeError, KeyError, RecursionError, IndexError, UnicodeError)


def tiny_workflow(color: int | None = None) -> dict[str, Any]:
    """EmptyImage -> ImageInvert -> SaveImage (a fresh colour: never served from cache)."""
    if color is None:
        color = random.randrange(1 << 24)
    return {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": 8, "height": 8, "batch_size": 1, "color": color},
        },
        "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
        "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "h"}},
    }


@dataclass
class Outcome:
    """How one watched call ended."""

    value: Any = None
    error: BaseException | None = None
    elapsed: float = 0.0
    hung: bool = False

    def texts(self) -> list[str]:
        """``repr``/``str`` of the value and of the error with its causes and notes."""
        out = [repr(self.value)]
        seen: set[int] = set()
        error = self.error
        while error is not None and id(error) not in seen:
            seen.add(id(error))
            out += [repr(error), str(error), *getattr(error, "__notes__", [])]
            error = error.__cause__ or error.__context__
        return out


def assert_typed(outcome: Outcome, what: str, deadline: float = DEADLINE) -> None:
    """The call ended within its deadline with a result or a ``ComfyError``."""
    assert not outcome.hung, f"{what}: no answer within {deadline} s (a hang)"
    if outcome.error is not None and not isinstance(outcome.error, ComfyError):
        raise AssertionError(
            f"{what}: raised {type(outcome.error).__name__}, not a ComfyError: {outcome.error!r}"
        ) from outcome.error
    assert outcome.elapsed <= deadline, f"{what}: took {outcome.elapsed:.1f} s > {deadline} s"


def assert_no_secret(texts: list[str], what: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, f"{what}: a secret appears in {text[:300]!r}"


class Side:
    """One client of either kind, whose every call runs under a watchdog."""

    def __init__(self, kind: str, url: str, pool: bool = False, **kwargs: Any) -> None:
        """``pool``: a pool over the one server (``create_pool``) instead of a client."""
        kwargs.setdefault("http_timeout", HTTP_TIMEOUT)
        kwargs.setdefault("http_deadline", HTTP_DEADLINE)
        kwargs.setdefault("headers", dict(SECRET_HEADERS))
        kwargs.setdefault("state_tracker_kwargs", dict(TRACKER))
        self.kind = kind
        self.loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        if kind == "sync":
            self.client: Any = (
                create_pool([url], **kwargs) if pool else create_client(url, **kwargs)
            )
        else:
            self.loop = asyncio.new_event_loop()
            self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
            self._thread.start()
            make = create_async_pool if pool else create_async_client
            self.client = make([url], **kwargs) if pool else make(url, **kwargs)

    def open(self, deadline: float = 20) -> Outcome:
        return self.call_on(self.client, "open", deadline=deadline)

    def call(self, name: str, *args: Any, deadline: float = DEADLINE, **kwargs: Any) -> Outcome:
        return self.call_on(self.client, name, *args, deadline=deadline, **kwargs)

    def call_on(
        self, obj: Any, name: str, *args: Any, deadline: float = DEADLINE, **kwargs: Any
    ) -> Outcome:
        """``obj.name(*args, **kwargs)`` (awaited on the async side), within ``deadline``."""
        method = getattr(obj, name)
        start = time.monotonic()
        if self.loop is not None and (
            inspect.iscoroutinefunction(method) or inspect.isasyncgenfunction(method)
        ):

            async def run() -> Any:
                if inspect.isasyncgenfunction(method):
                    return [item async for item in method(*args, **kwargs)]
                return await method(*args, **kwargs)

            future = asyncio.run_coroutine_threadsafe(run(), self.loop)
            try:
                value = future.result(deadline)
            except TimeoutError:
                future.cancel()
                return Outcome(hung=True, elapsed=time.monotonic() - start)
            except BaseException as exc:
                return Outcome(error=exc, elapsed=time.monotonic() - start)
            return Outcome(value=value, elapsed=time.monotonic() - start)
        box: list[Outcome] = []

        def target() -> None:
            try:
                value = method(*args, **kwargs)
                if inspect.isgenerator(value):
                    value = list(value)
                box.append(Outcome(value=value))
            except BaseException as exc:
                box.append(Outcome(error=exc))

        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        thread.join(deadline)
        if not box:
            return Outcome(hung=True, elapsed=time.monotonic() - start)
        box[0].elapsed = time.monotonic() - start
        return box[0]

    def run_normal(self, deadline: float = 30) -> Outcome:
        """A normal prompt, submitted and waited for: what must still work after an attack."""
        return self.call("run", tiny_workflow(), timeout=deadline - 5, deadline=deadline)

    def close(self) -> Outcome:
        outcome = self.call("close", deadline=15)
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self.loop.stop)
            if self._thread is not None:
                self._thread.join(10)
            if not self.loop.is_running():
                self.loop.close()
        return outcome


@pytest.fixture(scope="session")
def hostile_upstream(server: Any) -> Any:
    """The test double behind the hostile server (skipped against a real ComfyUI)."""
    if not hasattr(server, "faults"):
        pytest.skip("the hostile suite runs in front of the test double")
    return server


@pytest.fixture(scope="session")
def hostile_session(hostile_upstream: Any) -> Iterator[HostileServer]:
    with HostileServer(hostile_upstream.url) as hostile:
        yield hostile


@pytest.fixture(scope="session")
def elsewhere_session(hostile_upstream: Any) -> Iterator[HostileServer]:
    """Another origin (127.0.0.2) that redirects may lead to; it records what it gets."""
    with HostileServer(hostile_upstream.url, host="127.0.0.2") as other:
        yield other


@pytest.fixture
def hostile(hostile_session: HostileServer) -> Iterator[HostileServer]:
    hostile_session.clear()
    hostile_session.clear_requests()
    yield hostile_session
    hostile_session.clear()


@pytest.fixture
def elsewhere(elsewhere_session: HostileServer) -> Iterator[HostileServer]:
    elsewhere_session.clear()
    elsewhere_session.clear_requests()
    yield elsewhere_session
    elsewhere_session.clear()


class LogCapture(logging.Handler):
    """Every record of every logger (root at DEBUG), rendered as it would be written."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []
        #: Records set aside while a known defect leaks through them (see ``xfails``).
        self.known_leaks: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("aiohttp"):  # the test servers' own library
            return
        try:
            text = self.format(record) + " " + repr(record.args)
        except Exception as exc:  # a record that cannot be formatted is a finding too
            text = f"{record.name}: unformattable record {exc!r} {record.msg!r}"
        if WEBSOCKETS_HANDSHAKE_LEAKS and record.name.startswith("websockets"):
            self.known_leaks.append(text)
        else:
            self.texts.append(text)


@pytest.fixture
def logs() -> Iterator[LogCapture]:
    """Root and every existing logger at DEBUG, all records collected (levels restored)."""
    capture = LogCapture()
    root = logging.getLogger()
    levels = {
        name: lg.level
        for name, lg in logging.root.manager.loggerDict.items()
        if isinstance(lg, logging.Logger)
    }
    old = root.level
    root.setLevel(logging.DEBUG)
    for name in levels:
        logging.getLogger(name).setLevel(logging.NOTSET)
    root.addHandler(capture)
    yield capture
    root.removeHandler(capture)
    root.setLevel(old)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_side(kind: str) -> Iterator[Callable[..., Side]]:
    """Open clients of the parametrized kind; all closed (under a watchdog) at the end."""
    opened: list[Side] = []

    def make(url: str, **kwargs: Any) -> Side:
        side = Side(kind, url, **kwargs)
        opened.append(side)
        outcome = side.open()
        assert_typed(outcome, "open", 20)
        assert outcome.error is None, f"open failed: {outcome.error!r}"
        return side

    yield make
    for side in reversed(opened):
        outcome = side.close()
        assert not outcome.hung, "close() hung"


@pytest.fixture(autouse=True)
def _retries_a_tenth_as_long(fast_retries: None) -> None:
    """Every hostile case retries at a tenth of the delays (tests/conftest.py)."""
