"""The first prompt against the hundredth, client CPU per prompt against a same-work raw loop,
and the async client's longest event-loop stall (``run.py`` adds these figures).

The double serves ComfyUI 0.33.0's node definitions (887 classes, 1.6 MB), as today's servers
do, so that whatever the client fetches for validation costs what it costs in the field.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import threading
import time
import uuid
from typing import Any

import httpx
import websockets.sync.client
from _common import Figure, at_most, median, trivial_workflow

from comfy_api_client import create_async_client, create_client

WAIT = 600.0
CONCURRENCY = 16


def first_prompt(url: str, kind: str, rounds: int = 5, prompts: int = 100) -> Figure:
    """Submit-to-result time of a fresh client's first prompt over the median of prompts
    91-100 of the same client (defaults: validation, ``/history``, downloads)."""
    firsts: list[float] = []
    steadies: list[float] = []
    for _ in range(rounds):
        times = (
            _sequential_sync(url, prompts) if kind == "sync" else _sequential_async(url, prompts)
        )
        firsts.append(times[0])
        steadies.append(median(times[-10:]))
    return at_most(
        f"first prompt / 100th, {kind}, 0.33.0-sized definitions (submit -> result)",
        median(firsts) / median(steadies),
        "x",
        2.0,
        details={"first_ms": [t * 1000 for t in firsts], "steady_ms": [t * 1000 for t in steadies]},
    )


def _sequential_sync(url: str, prompts: int) -> list[float]:
    times = []
    with create_client(url) as client:
        for _ in range(prompts):
            start = time.perf_counter()
            client.run(trivial_workflow(), timeout=WAIT)
            times.append(time.perf_counter() - start)
    return times


def _sequential_async(url: str, prompts: int) -> list[float]:
    async def main() -> list[float]:
        times = []
        async with create_async_client(url) as client:
            for _ in range(prompts):
                start = time.perf_counter()
                await client.run(trivial_workflow(), timeout=WAIT)
                times.append(time.perf_counter() - start)
        return times

    return asyncio.run(main())


def loop_stall(url: str, jobs: int = 50) -> Figure:
    """The longest the async client kept its event loop from a 1 ms ticker while a fresh
    client ran ``jobs`` prompts at once (first submissions included)."""

    async def main() -> float:
        worst = 0.0
        running = True

        async def ticker() -> None:
            nonlocal worst
            while running:
                before = time.perf_counter()
                await asyncio.sleep(0.001)
                worst = max(worst, time.perf_counter() - before - 0.001)

        tick = asyncio.ensure_future(ticker())
        async with create_async_client(url) as client:
            results = [client.run(trivial_workflow(), timeout=WAIT) for _ in range(jobs)]
            await asyncio.gather(*results)
        running = False
        await tick
        return worst * 1000

    stalls = [asyncio.run(main()) for _ in range(3)]
    return Figure(
        f"longest event-loop stall, async client, {jobs} concurrent prompts (median of 3)",
        median(stalls),
        "ms",
        details={"runs_ms": stalls},
    )


def same_work(url: str, kind: str, n: int = 100, rounds: int = 3) -> list[Figure]:
    """Wall and CPU time of ``n`` prompts with default settings against a raw loop doing the
    same work (POST, WebSocket, ``/history``, ``/view``), alternated."""
    client_wall: list[float] = []
    raw_wall: list[float] = []
    client_cpu: list[float] = []
    raw_cpu: list[float] = []
    run = _client_sync if kind == "sync" else _client_async
    raw = _raw_sync if kind == "sync" else _raw_async
    raw(url, [trivial_workflow() for _ in range(10)])  # warm up the server
    for _ in range(rounds):
        wall, cpu = raw(url, [trivial_workflow() for _ in range(n)])
        raw_wall.append(wall)
        raw_cpu.append(cpu)
        wall, cpu = run(url, [trivial_workflow() for _ in range(n)])
        client_wall.append(wall)
        client_cpu.append(cpu)
    return [
        at_most(
            f"{n} prompts, {kind}, defaults: client / same-work raw loop, wall",
            median(client_wall) / median(raw_wall),
            "x",
            1.1,
            details={"client_s": client_wall, "raw_s": raw_wall},
        ),
        at_most(
            f"{n} prompts, {kind}, defaults: client / same-work raw loop, CPU per prompt",
            median(client_cpu) / median(raw_cpu),
            "x",
            1.3,
            details={
                "client_ms_per_prompt": [c * 1000 / n for c in client_cpu],
                "raw_ms_per_prompt": [c * 1000 / n for c in raw_cpu],
            },
        ),
    ]


class _Clock:
    """Wall and process CPU seconds from its start (every thread of this process counts)."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def read(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def _client_sync(url: str, workflows: list[dict[str, Any]]) -> tuple[float, float]:
    with create_client(url) as client:
        client.run(trivial_workflow(), timeout=WAIT)  # warm: definitions fetched
        clock = _Clock()
        with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
            prompts = list(pool.map(client.submit_workflow, workflows))
        for prompt in prompts:
            prompt.result(WAIT)
        return clock.read()


def _client_async(url: str, workflows: list[dict[str, Any]]) -> tuple[float, float]:
    async def main() -> tuple[float, float]:
        async with create_async_client(url) as client:
            await client.run(trivial_workflow(), timeout=WAIT)
            gate = asyncio.Semaphore(CONCURRENCY)

            async def one(workflow: dict[str, Any]) -> None:
                async with gate:
                    prompt = await client.submit_workflow(workflow)
                await prompt.result(WAIT)

            clock = _Clock()
            await asyncio.gather(*(one(w) for w in workflows))
            return clock.read()

    return asyncio.run(main())


def _raw_async(url: str, workflows: list[dict[str, Any]]) -> tuple[float, float]:
    """The same work as :func:`_raw_sync` with asyncio: ``websockets`` and ``httpx``."""
    import websockets

    async def main() -> tuple[float, float]:
        client_id = uuid.uuid4().hex
        ids = [str(uuid.uuid4()) for _ in workflows]
        loop = asyncio.get_running_loop()
        finished = {pid: loop.create_future() for pid in ids}
        ws_url = "ws" + url[4:] + f"/ws?clientId={client_id}"
        async with (
            websockets.connect(ws_url, max_size=None, compression=None) as ws,
            httpx.AsyncClient(base_url=url, timeout=30) as http,
        ):

            async def read() -> None:
                async for message in ws:
                    if not isinstance(message, str):
                        continue
                    obj = json.loads(message)
                    data = obj.get("data") or {}
                    if obj.get("type") == "executing" and data.get("node") is None:
                        done = finished.get(str(data.get("prompt_id")))
                        if done is not None and not done.done():
                            done.set_result(None)

            reader = asyncio.ensure_future(read())
            gate = asyncio.Semaphore(CONCURRENCY)

            async def one(pid: str, workflow: dict[str, Any]) -> None:
                body = {"prompt": workflow, "client_id": client_id, "prompt_id": pid}
                async with gate:
                    (await http.post("/prompt", json=body)).raise_for_status()
                await asyncio.wait_for(finished[pid], WAIT)
                entry = (await http.get(f"/history/{pid}")).json()[pid]
                for output in entry["outputs"].values():
                    for image in output.get("images", []):
                        params = {k: str(image[k]) for k in ("filename", "subfolder", "type")}
                        (await http.get("/view", params=params)).raise_for_status()

            (await http.get("/queue")).raise_for_status()
            clock = _Clock()
            await asyncio.gather(*(one(p, w) for p, w in zip(ids, workflows, strict=True)))
            elapsed = clock.read()
            reader.cancel()
        return elapsed

    return asyncio.run(main())


def _raw_sync(url: str, workflows: list[dict[str, Any]]) -> tuple[float, float]:
    """What the client does by default, written out: post from a pool, one socket waits for
    each prompt's final message, then ``/history/{id}`` and ``/view`` of each output."""
    client_id = uuid.uuid4().hex
    ids = [str(uuid.uuid4()) for _ in workflows]
    finished: dict[str, threading.Event] = {pid: threading.Event() for pid in ids}
    ws_url = "ws" + url[4:] + f"/ws?clientId={client_id}"
    with (
        websockets.sync.client.connect(ws_url, max_size=None, compression=None) as ws,
        httpx.Client(base_url=url, timeout=30) as http,
    ):

        def read() -> None:
            left = len(ids)
            for message in ws:
                if not isinstance(message, str):
                    continue
                obj = json.loads(message)
                data = obj.get("data") or {}
                if obj.get("type") == "executing" and data.get("node") is None:
                    done = finished.get(str(data.get("prompt_id")))
                    if done is not None and not done.is_set():
                        done.set()
                        left -= 1
                        if not left:
                            return

        reader = threading.Thread(target=read, daemon=True)
        reader.start()

        def one(item: tuple[str, dict[str, Any]]) -> None:
            pid, workflow = item
            body = {"prompt": workflow, "client_id": client_id, "prompt_id": pid}
            http.post("/prompt", json=body).raise_for_status()
            if not finished[pid].wait(WAIT):
                raise TimeoutError(pid)
            entry = http.get(f"/history/{pid}").json()[pid]
            for output in entry["outputs"].values():
                for image in output.get("images", []):
                    params = {k: str(image[k]) for k in ("filename", "subfolder", "type")}
                    http.get("/view", params=params).raise_for_status()

        http.get("/queue").raise_for_status()
        clock = _Clock()
        with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
            list(pool.map(one, zip(ids, workflows, strict=True)))
        elapsed = clock.read()
    reader.join(10)
    return elapsed
