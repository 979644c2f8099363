"""The two backends (``_async/backend.py``, ``_sync/backend.py``) keep the same promises: a job
not started is dropped rather than waited for, one bound for running many, stop ends sleeps."""

from __future__ import annotations

import asyncio
import threading
import time

from comfy_api_client._async import backend as abackend
from comfy_api_client._sync import backend as sbackend


def test_sync_take_drops_a_job_not_started() -> None:
    jobs = sbackend.Jobs("test", workers=1)
    release = threading.Event()
    ran: list[str] = []
    first = jobs.submit(release.wait, 10)
    second = jobs.submit(ran.append, "second")
    assert first is not None and second is not None
    assert second.take() is None  # queued behind the first: cancelled, not waited for
    release.set()
    assert first.take() is True
    jobs.stop(wait=2)
    assert ran == []


def test_async_take_drops_a_job_not_started() -> None:
    async def main() -> None:
        jobs = abackend.Jobs("test", workers=1)
        release = asyncio.Event()
        ran: list[str] = []

        async def first_job() -> str:
            await release.wait()
            return "first"

        async def second_job() -> None:
            ran.append("second")

        first = jobs.submit(first_job)
        second = jobs.submit(second_job)
        assert first is not None and second is not None
        await asyncio.sleep(0.01)
        assert await second.take() is None
        release.set()
        assert await first.take() == "first"
        await jobs.stop()
        assert ran == []

    asyncio.run(main())


def test_sync_stop_ends_sleeps_and_refuses_new_jobs() -> None:
    jobs = sbackend.Jobs("test")
    woke = threading.Event()

    def loop() -> None:
        if jobs.sleep(30):
            woke.set()

    jobs.spawn(loop)
    started = time.monotonic()
    jobs.stop(wait=5)
    assert woke.is_set() and time.monotonic() - started < 5
    assert jobs.submit(print) is None


def test_concurrently_has_one_bound_on_both_sides() -> None:
    running = peak = 0
    lock = threading.Lock()

    def work(_: int) -> None:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.02)
        with lock:
            running -= 1

    sbackend.concurrently(work, list(range(20)))
    assert peak <= sbackend.AT_ONCE

    async def awork(_: int) -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1

    peak = 0
    asyncio.run(abackend.concurrently(awork, list(range(20))))
    assert peak == abackend.AT_ONCE == sbackend.AT_ONCE


def test_events_wait_with_a_timeout() -> None:
    event = sbackend.Event()
    assert event.wait(0.01) is False

    async def main() -> None:
        aevent = abackend.Event()
        assert await aevent.wait(0.01) is False
        aevent.set()
        assert await aevent.wait(0.01) is True

    asyncio.run(main())
