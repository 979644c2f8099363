"""A pool of servers (``create_pool`` / ``create_async_pool``) against several test doubles:
routing by capability, load and weight; health; failover without running a prompt twice."""

from __future__ import annotations

import asyncio
import collections
import inspect
import json
import random
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client import (
    AsyncComfyPool,
    ExecutionInterrupted,
    InvalidArgumentError,
    NoEligibleServerError,
    NoServerAvailableError,
    PoolResult,
    PromptCancelledError,
    PromptLostError,
    PromptMovedEvent,
    PromptStatus,
    PromptUnconfirmedError,
    ServerEvent,
    ServerHealth,
    ServerStateEvent,
    create_async_pool,
    create_client,
    create_pool,
)
from comfy_api_client.testing import ComfyTestServer
from tests.conftest import LIVE_URL, LoopThread

pytestmark = pytest.mark.skipif(bool(LIVE_URL), reason="needs several test doubles")

#: Pool settings that make health decisions fast enough for tests.
FAST = {"failover_after": 0.5, "probe_interval": 0.2, "probe_timeout": 2.0, "http_timeout": 5}


def job(n: int, delay_nodes: bool = True) -> dict[str, Any]:
    """EmptyImage -> SaveImage with a colour of its own (no run is served from a cache)."""
    return {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": 8, "height": 8, "batch_size": 1, "color": n},
        },
        "2": {
            "class_type": "SaveImage",
            "inputs": {"images": ["1", 0], "filename_prefix": f"j{n}"},
        },
    }


def wait_until(check: Callable[[], bool], timeout: float = 20.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def runs(*servers: ComfyTestServer) -> collections.Counter[str]:
    """How many times each prompt ran to success, over these doubles (restarts included)."""
    return collections.Counter(
        pid for server in servers for pid, status in server.executed if status == "success"
    )


# -- the pool, blocking or asyncio driven from the test thread -------------------------------


class BlockingPoolPrompt:
    def __init__(self, prompt: Any, loop: LoopThread) -> None:
        self._prompt = prompt
        self._loop = loop

        async def wait() -> Any:
            return await prompt.future

        self.future = asyncio.run_coroutine_threadsafe(wait(), loop.loop)

    def result(self, timeout: float | None = None) -> Any:
        return self._loop.run(self._prompt.result(timeout), timeout=(timeout or 60) + 5)

    def cancel(self) -> None:
        self._loop.run(self._prompt.cancel())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._prompt, name)


class BlockingPool:
    """An ``AsyncComfyPool`` driven from the test thread with the blocking pool's calls."""

    def __init__(self, pool: AsyncComfyPool, loop: LoopThread) -> None:
        self._pool = pool
        self._loop = loop

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._pool, name)
        if not inspect.iscoroutinefunction(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            out = self._loop.run(attr(*args, **kwargs), timeout=(kwargs.get("timeout") or 60) + 5)
            if type(out).__name__ == "AsyncPoolPrompt":
                return BlockingPoolPrompt(out, self._loop)
            return out

        return call


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def doubles() -> Iterator[Callable[..., list[ComfyTestServer]]]:
    started: list[ComfyTestServer] = []

    def start(count: int, **kwargs: Any) -> list[ComfyTestServer]:
        new = [ComfyTestServer(**kwargs).start() for _ in range(count)]
        started.extend(new)
        return new

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def make_pool(kind: str) -> Iterator[Callable[..., Any]]:
    closers: list[Callable[[], None]] = []
    loop = LoopThread() if kind == "async" else None

    def make(servers: list[Any], **kwargs: Any) -> Any:
        urls = [s if isinstance(s, str) else s.url for s in servers]
        options = {**FAST, **kwargs}
        if loop is None:
            pool = create_pool(urls, **options)
            pool.open()
            closers.append(pool.close)
            return pool
        apool = create_async_pool(urls, **options)
        loop.run(apool.open())
        closers.append(lambda: loop.run(apool.close()))
        return BlockingPool(apool, loop)

    yield make
    for close in reversed(closers):
        close()
    if loop is not None:
        loop.close()


# -- routing --------------------------------------------------------------------------------


def test_a_burst_is_spread_and_every_result_names_its_server(doubles: Any, make_pool: Any) -> None:
    a, b = doubles(2)
    a.set_paused(True)
    b.set_paused(True)
    pool = make_pool([a, b])
    prompts = [pool.submit_workflow(job(i)) for i in range(8)]
    assert collections.Counter(p.server for p in prompts) == {a.url: 4, b.url: 4}
    a.set_paused(False)
    b.set_paused(False)
    results = [p.result(30) for p in prompts]
    assert all(isinstance(r, PoolResult) for r in results)
    assert [r.server for r in results] == [p.server for p in prompts]
    assert runs(a, b) == dict.fromkeys((p.prompt_id for p in prompts), 1)
    assert results[0].files[0].data  # outputs downloaded from the server that ran it


def without_class(server: ComfyTestServer, class_type: str, path: Path) -> Path:
    """An ``/object_info`` file of ``server`` without ``class_type``."""
    with create_client(server.url) as client:
        info = client.get_object_info()
    info.pop(class_type)
    path.write_text(json.dumps(info))
    return path


def test_routes_by_node_class(doubles: Any, make_pool: Any, tmp_path: Path) -> None:
    (full,) = doubles(1)
    (lacking,) = doubles(1, object_info=without_class(full, "ImageInvert", tmp_path / "oi.json"))
    pool = make_pool([lacking, full])
    inverted = {
        **job(1),
        "3": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
        "2": {"class_type": "SaveImage", "inputs": {"images": ["3", 0], "filename_prefix": "x"}},
    }
    servers = {pool.run(inverted | {"1": job(n)["1"]}, timeout=30).server for n in range(4)}
    assert servers == {full.url}
    assert {pool.run(job(n), timeout=30).server for n in range(10, 14)} == {full.url, lacking.url}


def test_routes_by_file(doubles: Any, make_pool: Any) -> None:
    a, b = doubles(2)
    with create_client(b.url) as client:
        client.upload_image("only-on-b.png", b"\x89PNG\r\n\x1a\n" + _png_body())
    pool = make_pool([a, b])
    workflow = {
        "1": {"class_type": "LoadImage", "inputs": {"image": "only-on-b.png"}},
        "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "l"}},
    }
    assert pool.run(workflow, timeout=30).server == b.url


def _png_body() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (1, 2, 3)).save(out, "PNG")
    return out.getvalue()[8:]


def test_no_server_can_run_it_names_what_is_missing_where(doubles: Any, make_pool: Any) -> None:
    a, b = doubles(2)
    pool = make_pool([a, b])
    workflow = {
        **job(1),
        "5": {"class_type": "NoSuchNode", "inputs": {}},
        "6": {"class_type": "LoadImage", "inputs": {"image": "missing.png"}},
    }
    with pytest.raises(NoEligibleServerError) as caught:
        pool.submit_workflow(workflow)
    error = caught.value
    assert not isinstance(error, NoServerAvailableError)
    assert set(error.reasons) == {a.url, b.url}
    for why in error.reasons.values():
        assert "node class 'NoSuchNode' (node 5)" in why
        assert "file 'missing.png' (node 6 LoadImage.image)" in why
    assert f"{a.url}: node class 'NoSuchNode'" in str(error)
    assert not any(method == "POST" for server in (a, b) for method, _ in server.requests)


def test_routes_by_the_live_queue(doubles: Any, make_pool: Any) -> None:
    a, b = doubles(2)
    a.set_paused(True)
    b.set_paused(True)
    pool = make_pool([a, b])
    with create_client(b.url) as other:  # someone else's work on b
        for n in range(100, 104):
            other.submit_workflow(job(n), return_future=False)
    wait_until(lambda: {s.name: s.queue_remaining for s in pool.servers}[b.url] == 4)
    prompts = [pool.submit_workflow(job(i)) for i in range(4)]
    assert {p.server for p in prompts} == {a.url}  # b's queue is longer all along
    a.set_paused(False)
    b.set_paused(False)
    for prompt in prompts:
        prompt.result(30)


def test_routes_by_weight(doubles: Any, make_pool: Any) -> None:
    a, b = doubles(2)
    a.set_paused(True)
    b.set_paused(True)
    pool = make_pool([a, b], weights={a.url: 2.2})
    prompts = [pool.submit_workflow(job(i)) for i in range(8)]
    # (load + 1) / weight: a 0.45, 0.91, 1.36, 1.82, 2.27, 2.73; b 1, 2 (then 3)
    assert collections.Counter(p.server for p in prompts) == {a.url: 6, b.url: 2}
    a.set_paused(False)
    b.set_paused(False)
    for prompt in prompts:
        prompt.result(30)


def test_include_and_exclude(doubles: Any, make_pool: Any) -> None:
    a, b, c = doubles(3)
    pool = make_pool([a, b, c])
    assert {pool.run(job(i), timeout=30, include=[b.url]).server for i in range(3)} == {b.url}
    assert {pool.run(job(i), timeout=30, exclude=[a.url, b.url]).server for i in range(3, 6)} == {
        c.url
    }
    with pytest.raises(InvalidArgumentError, match="not a server of this pool"):
        pool.submit_workflow(job(9), include=["elsewhere:8188"])
    with pytest.raises(NoEligibleServerError) as caught:
        pool.submit_workflow(job(10), include=[a.url], exclude=[a.url])
    assert caught.value.reasons[a.url] == ["excluded"]


def test_validate_workflow_checks_a_server_that_can_run_it(doubles: Any, make_pool: Any) -> None:
    a, b = doubles(2)
    pool = make_pool([a, b])
    assert pool.validate_workflow(job(1)).to_dict()["1"]["class_type"] == "EmptyImage"
    bad = job(2)
    bad["1"]["inputs"]["width"] = 0
    with pytest.raises(Exception, match="smaller than min"):
        pool.validate_workflow(bad)


# -- health and failover --------------------------------------------------------------------


def test_a_server_killed_mid_run_its_prompts_finish_elsewhere_once(
    doubles: Any, make_pool: Any
) -> None:
    servers = doubles(3)
    for server in servers:
        server.node_delay = 0.05
    moved: list[PromptMovedEvent] = []
    pool = make_pool(
        servers, on_event=lambda e: moved.append(e) if isinstance(e, PromptMovedEvent) else None
    )
    victim = servers[1]
    victim.node_delay = 0.25
    prompts = [pool.submit_workflow(job(i)) for i in range(24)]
    on_victim = {p.prompt_id for p in prompts if p.server == victim.url}
    by_id = {p.prompt_id: p for p in prompts}

    def mid_run() -> bool:  # in the middle of a run, every earlier one delivered
        done = [pid for pid, _ in victim.executed]
        return (
            len(done) >= 2
            and all(by_id[pid].future.done() for pid in done)
            and bool(victim.queue["queue_running"])
        )

    wait_until(mid_run, what="the victim to be in the middle of a run")
    victim.stop()
    results = {p.prompt_id: p.result(60) for p in prompts}
    counted = runs(*servers)
    assert counted == dict.fromkeys(results, 1)  # every prompt ran exactly once
    ran_on_victim = {pid for pid, _ in victim.executed}
    for pid, result in results.items():
        assert (result.server == victim.url) == (pid in ran_on_victim)
    assert {e.prompt_id for e in moved} == on_victim - ran_on_victim
    assert all(e.from_server == victim.url and e.to_server != victim.url for e in moved)
    states = {s.name: s.state for s in pool.servers}
    assert states[victim.url] == ServerHealth.DOWN
    # the others keep working
    assert pool.run(job(99), timeout=30).server != victim.url


def test_outputs_of_a_run_on_a_server_that_died_are_lost_so_it_runs_again(
    doubles: Any, make_pool: Any
) -> None:
    """The one case of a second run: the prompt finished, then its server died before the
    pool could read its outputs (documented; the move says so)."""
    a, b = doubles(2)
    moves: list[PromptMovedEvent] = []
    pool = make_pool([a, b], on_event=lambda e: isinstance(e, PromptMovedEvent) and moves.append(e))
    a.faults.drop("/history", count=None)  # the result cannot be read...
    prompt = pool.submit_workflow(job(1))
    assert prompt.server == a.url  # the first of two idle servers
    wait_until(lambda: len(a.executed) == 1, what="the run on a")
    a.stop()  # ... and then the server is gone with the outputs
    assert prompt.result(30).server == b.url
    assert runs(a, b)[prompt.prompt_id] == 2
    (move,) = moves
    assert "had finished there" in move.reason


def test_a_restart_loses_prompts_they_move_after_asking_the_old_server(
    doubles: Any, make_pool: Any
) -> None:
    a, b = doubles(2)
    a.set_paused(True)
    b.set_paused(True)
    pool = make_pool([a, b])
    prompts = [pool.submit_workflow(job(i)) for i in range(4)]
    on_a = [p for p in prompts if p.server == a.url]
    assert len(on_a) == 2
    wiped = a.restart()
    assert sorted(wiped) == sorted(p.prompt_id for p in on_a)
    wait_until(lambda: all(p.server == b.url for p in prompts), what="the moves")
    for prompt in on_a:  # the old server was asked before the prompt moved
        assert any(path.endswith(f"/history/{prompt.prompt_id}") for _, path in a.requests)
        assert prompt.attempts == [a.url, b.url]
    b.set_paused(False)
    a.set_paused(False)
    assert {p.result(30).server for p in prompts} == {b.url}
    assert runs(a, b) == dict.fromkeys((p.prompt_id for p in prompts), 1)


def test_max_attempts_then_the_prompt_is_lost(doubles: Any, make_pool: Any) -> None:
    (a,) = doubles(1)
    a.set_paused(True)
    pool = make_pool([a], max_attempts=1)
    prompt = pool.submit_workflow(job(1))
    a.restart()
    with pytest.raises(PromptLostError):
        prompt.result(30)
    a.set_paused(False)
    pool2 = make_pool([a], max_attempts=2)  # a second post to the same server is allowed
    a.set_paused(True)
    prompt = pool2.submit_workflow(job(2))
    a.restart()
    a.set_paused(False)
    result = prompt.result(30)
    assert result.server == a.url and prompt.attempts == [a.url, a.url]
    assert runs(a)[prompt.prompt_id] == 1


def test_an_unreachable_server_its_prompt_moves_and_is_removed_when_it_answers(
    doubles: Any, make_pool: Any
) -> None:
    """A partition: the server lives on with the prompt queued but cannot be reached."""
    a, b = doubles(2)
    a.set_paused(True)
    b.set_paused(True)
    events: list[Any] = []
    pool = make_pool([a, b], on_event=events.append)
    prompts = [pool.submit_workflow(job(i)) for i in range(2)]
    (stuck,) = [p for p in prompts if p.server == a.url]
    a.faults.drop("/", count=None)  # every request and socket to a fails from now on
    a.faults.drop_websockets()
    b.set_paused(False)
    wait_until(lambda: stuck.server == b.url, what="the move")
    assert stuck.result(30).server == b.url
    assert stuck.prompt_id in [item[1] for item in a.queue["queue_pending"]]  # still there
    a.faults.clear()
    wait_until(
        lambda: {s.name: s.state for s in pool.servers}[a.url] == ServerHealth.UP,
        what="a back up",
    )
    assert a.queue["queue_pending"] == []  # the pool removed the moved prompt from a
    a.set_paused(False)
    assert pool.run(job(50), timeout=30, include=[a.url]).server == a.url
    assert runs(a, b)[stuck.prompt_id] == 1
    states = [e.state for e in events if isinstance(e, ServerStateEvent) and e.server == a.url]
    assert states == [ServerHealth.DOWN, ServerHealth.RECOVERING, ServerHealth.UP]


def test_a_server_coming_back_is_used_again(doubles: Any, make_pool: Any) -> None:
    a, b = doubles(2)
    pool = make_pool([a, b])
    port = b.port
    b.stop()
    wait_until(lambda: {s.name: s.state for s in pool.servers}[b.url] == ServerHealth.DOWN)
    assert {pool.run(job(i), timeout=30).server for i in range(3)} == {a.url}
    (back,) = doubles(1, port=port)
    wait_until(lambda: {s.name: s.state for s in pool.servers}[b.url] == ServerHealth.UP)
    a.set_paused(True)
    back.set_paused(True)
    prompts = [pool.submit_workflow(job(i)) for i in range(10, 14)]
    assert collections.Counter(p.server for p in prompts) == {a.url: 2, b.url: 2}
    a.set_paused(False)
    back.set_paused(False)
    for prompt in prompts:
        prompt.result(30)


def test_no_server_up_is_no_server_available(doubles: Any, make_pool: Any) -> None:
    (a,) = doubles(1)
    pool = make_pool([a])
    a.stop()
    wait_until(lambda: pool.servers[0].state == ServerHealth.DOWN)
    with pytest.raises(NoServerAvailableError) as caught:
        pool.submit_workflow(job(1))
    assert caught.value.reasons[a.url][0].startswith("down")


# -- prompts of a pool ----------------------------------------------------------------------


def test_reattach_follows_the_prompt_a_server_has(doubles: Any, make_pool: Any) -> None:
    a, b = doubles(2)
    a.set_paused(True)
    pid = "6f1e7b2c-5d0a-4c8e-9b1f-2a3d4e5f6a7b"
    with create_client(a.url) as other:  # posted by a worker that died since
        other.submit_workflow(job(1), prompt_id=pid, return_future=False)
    pool = make_pool([a, b])
    prompt = pool.submit_workflow(job(1), prompt_id=pid, reattach=True)
    assert prompt.server == a.url
    a.set_paused(False)
    assert prompt.result(30).server == a.url
    assert runs(a, b)[pid] == 1
    again = pool.submit_workflow(job(1), prompt_id=pid, reattach=True)  # finished: history
    assert again.result(30).server == a.url
    assert runs(a, b)[pid] == 1
    assert sum(1 for m, p in a.requests + b.requests if m == "POST" and p.endswith("/prompt")) == 1


def test_cancel_pending_and_running(doubles: Any, make_pool: Any) -> None:
    (a,) = doubles(1)
    a.node_delay = 0.5
    pool = make_pool([a])
    running = pool.submit_workflow(job(1))
    pending = pool.submit_workflow(job(2))
    wait_until(lambda: len(a.queue["queue_running"]) == 1)
    pending.cancel()
    with pytest.raises(PromptCancelledError):
        pending.result(30)
    assert pending.status == PromptStatus.CANCELLED
    running.cancel()
    with pytest.raises(ExecutionInterrupted):
        running.result(30)
    assert runs(a) == {}


def test_events_name_the_server(doubles: Any, make_pool: Any) -> None:
    a, b = doubles(2)
    pool_events: list[Any] = []
    pool = make_pool([a, b], on_event=pool_events.append)
    mine: list[Any] = []
    result = pool.run(job(1), timeout=30, on_event=mine.append)
    assert mine and all(isinstance(e, ServerEvent) and e.server == result.server for e in mine)
    assert "execution_success" in {e.event.type for e in mine}
    names = {e.server for e in pool_events if isinstance(e, ServerEvent)}
    assert names == {a.url, b.url}  # every server's status messages too


def test_servers_show_state_queue_and_prompts_in_flight(doubles: Any, make_pool: Any) -> None:
    a, b = doubles(2)
    a.set_paused(True)
    pool = make_pool([a, b], weights={b.url: 0.5})
    prompt = pool.submit_workflow(job(1))
    assert prompt.server == a.url
    wait_until(lambda: pool.servers[0].queue_remaining == 1)
    first, second = pool.servers
    assert (first.name, first.state, first.connected, first.in_flight) == (
        a.url,
        ServerHealth.UP,
        True,
        1,
    )
    assert (second.in_flight, second.weight) == (0, 0.5)
    a.set_paused(False)
    prompt.result(30)
    wait_until(lambda: pool.servers[0].in_flight == 0)


def test_closing_fails_waiting_prompts(doubles: Any) -> None:
    (a,) = doubles(1)
    a.set_paused(True)
    pool = create_pool([a.url], **FAST)
    with pool:
        prompt = pool.submit_workflow(job(1))
    with pytest.raises(Exception, match="closed"):
        prompt.result(5)
    a.set_paused(False)


async def test_async_pool_runs_and_fails_over(doubles: Any) -> None:
    a, b = doubles(2)
    async with create_async_pool([a.url, b.url], **FAST) as pool:
        a.set_paused(True)
        b.set_paused(True)
        prompts = [await pool.submit_workflow(job(i)) for i in range(4)]
        on_a = {p.prompt_id for p in prompts if p.server == a.url}
        await asyncio.to_thread(a.restart)
        b.set_paused(False)
        a.set_paused(False)
        results = await asyncio.gather(*(p.result(30) for p in prompts))
    assert {r.prompt_id for r in results if r.server == b.url} >= on_a
    assert runs(a, b) == dict.fromkeys((p.prompt_id for p in prompts), 1)


def test_concurrent_submissions_from_threads(doubles: Any) -> None:
    servers = doubles(2)
    with create_pool([s.url for s in servers], **FAST) as pool:
        results: list[Any] = []

        def submit(n: int) -> None:
            results.append(pool.run(job(n + random.randrange(1 << 20)), timeout=30))

        threads = [threading.Thread(target=submit, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    assert len(results) == 8
    assert {r.server for r in results} == {s.url for s in servers}


def _queued_then_finished_on(server: ComfyTestServer, pid: str) -> None:
    """A worker that died since posted ``pid`` to ``server``, and it ran there."""
    with create_client(server.url) as other:
        other.submit_workflow(job(1), prompt_id=pid).result(30)


def test_reattach_asks_again_a_server_whose_queue_answered_502(
    doubles: Any, make_pool: Any
) -> None:
    a, b = doubles(2)
    pid = "0c9d8e7f-6a5b-4c3d-8e1f-2a3b4c5d6e7f"
    _queued_then_finished_on(a, pid)
    pool = make_pool([a, b])
    a.faults.fail("/queue", status=502)  # one bad answer from a proxy in front of it
    prompt = pool.submit_workflow(job(1), prompt_id=pid, reattach=True)
    assert prompt.result(30).server == a.url
    assert runs(a, b)[pid] == 1


def test_reattach_with_a_server_that_cannot_answer_posts_nowhere(
    doubles: Any, make_pool: Any
) -> None:
    a, b = doubles(2)
    pid = "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a"
    _queued_then_finished_on(a, pid)
    pool = make_pool([a, b])
    a.faults.fail("/queue", status=502, count=None)  # it may hold the prompt: unknown
    started = time.monotonic()
    with pytest.raises(PromptUnconfirmedError) as caught:
        pool.submit_workflow(job(1), prompt_id=pid, reattach=True)
    assert time.monotonic() - started < 30  # bounded
    assert isinstance(caught.value, NoServerAvailableError)  # retryable: a connection error
    assert caught.value.prompt_id == pid and list(caught.value.reasons) == [a.url]
    assert runs(a, b)[pid] == 1
    assert not [p for m, p in b.requests if m == "POST" and p.endswith("/prompt")]
    a.faults.clear()  # the retry later finds it
    assert pool.submit_workflow(job(1), prompt_id=pid, reattach=True).result(30).server == a.url
    assert runs(a, b)[pid] == 1


def test_reattach_asks_a_server_that_is_down(doubles: Any, make_pool: Any) -> None:
    a, b = doubles(2)
    pid = "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b"
    _queued_then_finished_on(a, pid)
    a.stop()
    pool = make_pool([a, b])
    with pytest.raises(PromptUnconfirmedError):
        pool.submit_workflow(job(1), prompt_id=pid, reattach=True)
    assert not [p for m, p in b.requests if m == "POST" and p.endswith("/prompt")]


def test_results_of_two_servers_saved_into_one_folder_keep_every_file(
    doubles: Any, make_pool: Any, tmp_path: Path
) -> None:
    a, b = doubles(2)
    pool = make_pool([a, b])
    for server in (a, b):
        server.set_paused(True)
    prompts = [
        pool.submit_workflow(same_name(n), include=[s.url]) for n, s in enumerate([a, b] * 3)
    ]
    for server in (a, b):
        server.set_paused(False)
    results = [p.result(30) for p in prompts]
    assert {r.server for r in results} == {a.url, b.url}
    saved = [path for result in results for path in result.save(tmp_path)]
    assert len(saved) == 6 and len(set(saved)) == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in saved)
    data = [f.data for r in results for f in r.files]
    assert [p.read_bytes() for p in saved] == data  # each result's own bytes


def same_name(n: int) -> dict[str, Any]:
    """Every server names its outputs x_00001_.png, x_00002_.png..."""
    workflow = job(n)
    workflow["2"]["inputs"]["filename_prefix"] = "x"
    return workflow


@pytest.mark.parametrize("version", ["0.3.64", "0.33.0"])
def test_a_server_back_is_rid_of_what_moved_away_as_a_client_cancels(version: str) -> None:
    """What moved off a server while it was out is cancelled there once it is back: through
    the jobs API where the server has it, else by /queue and /interrupt."""
    with ComfyTestServer(version=version) as server:
        server.set_paused(True)
        with create_client(server.url) as other:
            jobs_api = other.server_info().has_jobs_api
            moved = other.submit_workflow(job(1), return_future=False).prompt_id
        with create_pool([server.url], **FAST) as pool:
            pool._recover(server.url, [moved])
            with create_client(server.url) as check:
                assert moved not in check.get_queue().prompt_ids()
        cancels = [(m, p) for m, p in server.requests if "cancel" in p or p == "/queue"]
        if jobs_api:
            assert ("POST", f"/api/jobs/{moved}/cancel") in cancels
        else:
            assert ("POST", "/queue") in cancels and not any("/api/jobs" in p for _, p in cancels)
