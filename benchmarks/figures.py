"""The measurements behind ``run.py``; each returns :class:`~_common.Figure` objects.

``double`` is a :class:`~_double.RemoteDouble` (the test double in its own process) or None
against a real ComfyUI, in which case figures that need the double's controls are skipped.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import websockets
import websockets.sync.client
from _common import Figure, at_most, median, percentile, trivial_workflow
from _double import RemoteDouble

from comfy_api_client import create_async_client, create_client
from comfy_api_client.events import Event, ExecutingEvent

HERE = Path(__file__).resolve().parent
#: How many submissions are in flight at once, for the client and the bare baseline alike.
CONCURRENCY = 16
WAIT = 600.0  # seconds: no wait in the benchmarks is unbounded


def _ws_url(url: str) -> str:
    return "ws" + url[4:] + "/ws"


# -- per-call overhead --------------------------------------------------------------------------


def _ratio_figure(name: str, facade: list[float], bare: list[float]) -> Figure:
    ratio = median(facade) / median(bare)
    return at_most(
        name,
        ratio,
        "x",
        1.15,
        details={
            "calls": len(facade),
            "facade_median_us": median(facade) * 1e6,
            "bare_median_us": median(bare) * 1e6,
            "facade_total_s": sum(facade),
            "bare_total_s": sum(bare),
        },
    )


def overhead_sync(url: str, calls: int) -> Figure:
    """``client.get_queue()`` vs ``httpx.Client.get("/queue").json()``, interleaved."""
    with create_client(url) as client, httpx.Client(base_url=url, timeout=30) as bare:

        def facade_call() -> None:
            client.get_queue()

        def bare_call() -> None:
            response = bare.get("/queue")
            response.raise_for_status()
            response.json()

        facade, raw = _interleave(facade_call, bare_call, calls)
    return _ratio_figure("overhead get_queue, sync (median per call vs bare httpx)", facade, raw)


def _interleave(
    a: Callable[[], None], b: Callable[[], None], calls: int
) -> tuple[list[float], list[float]]:
    for _ in range(min(50, calls)):  # warm up connections and code paths
        a()
        b()
    times: tuple[list[float], list[float]] = ([], [])
    for i in range(calls):
        for which in (0, 1) if i % 2 == 0 else (1, 0):
            fn = a if which == 0 else b
            start = time.perf_counter()
            fn()
            times[which].append(time.perf_counter() - start)
    return times


def overhead_async(url: str, calls: int) -> Figure:
    """``await client.get_queue()`` vs ``await httpx.AsyncClient.get("/queue")``, interleaved."""

    async def main() -> tuple[list[float], list[float]]:
        async with (
            create_async_client(url) as client,
            httpx.AsyncClient(base_url=url, timeout=30) as bare,
        ):

            async def facade_call() -> None:
                await client.get_queue()

            async def bare_call() -> None:
                response = await bare.get("/queue")
                response.raise_for_status()
                response.json()

            for _ in range(min(50, calls)):
                await facade_call()
                await bare_call()
            times: tuple[list[float], list[float]] = ([], [])
            for i in range(calls):
                for which in (0, 1) if i % 2 == 0 else (1, 0):
                    fn = facade_call if which == 0 else bare_call
                    start = time.perf_counter()
                    await fn()
                    times[which].append(time.perf_counter() - start)
            return times

    facade, raw = asyncio.run(main())
    return _ratio_figure("overhead get_queue, async (median per call vs bare httpx)", facade, raw)


# -- throughput ---------------------------------------------------------------------------------


def _client_sync_run(url: str, workflows: list[dict[str, Any]], **options: Any) -> float:
    """Wall time of ``workflows`` through a warm sync client (one prompt run before timing:
    a fresh client's first submissions also fetch ``/object_info`` for validation)."""
    with create_client(url, **options) as client:
        warm = client.submit_workflow(trivial_workflow()).future
        assert warm is not None
        warm.result(timeout=WAIT)
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
            prompts = list(pool.map(client.submit_workflow, workflows))
        for prompt in prompts:
            assert prompt.future is not None
            prompt.future.result(timeout=WAIT)
        return time.perf_counter() - start


def _client_async_run(url: str, workflows: list[dict[str, Any]], **options: Any) -> float:
    async def main() -> float:
        async with create_async_client(url, **options) as client:
            gate = asyncio.Semaphore(CONCURRENCY)

            async def submit(workflow: dict[str, Any]) -> Any:
                async with gate:
                    return await client.submit_workflow(workflow)

            warm = (await client.submit_workflow(trivial_workflow())).future
            assert warm is not None
            await warm
            start = time.perf_counter()
            prompts = await asyncio.gather(*(submit(w) for w in workflows))
            await asyncio.wait_for(asyncio.gather(*(p.future for p in prompts)), WAIT)
            return time.perf_counter() - start

    return asyncio.run(main())


def _final_ids(message: str | bytes, waiting: set[str]) -> str | None:
    """The prompt id if ``message`` is an ``executing`` with ``node: null`` for one we wait for."""
    if not isinstance(message, str):
        return None
    obj = json.loads(message)
    data = obj.get("data") if isinstance(obj, dict) else None
    if obj.get("type") == "executing" and isinstance(data, dict) and data.get("node") is None:
        pid = data.get("prompt_id")
        return pid if pid in waiting else None
    return None


def _bare_sync_run(url: str, workflows: list[dict[str, Any]]) -> float:
    """httpx posts from a thread pool; one ``websockets`` socket waits for every final message."""
    client_id = uuid.uuid4().hex
    ids = [str(uuid.uuid4()) for _ in workflows]
    waiting = set(ids)
    all_done = threading.Event()
    with (
        websockets.sync.client.connect(
            f"{_ws_url(url)}?clientId={client_id}", max_size=None, compression=None
        ) as ws,
        httpx.Client(base_url=url, timeout=30) as http,
    ):

        def read() -> None:
            for message in ws:
                pid = _final_ids(message, waiting)
                if pid is not None:
                    waiting.discard(pid)
                    if not waiting:
                        all_done.set()
                        return

        reader = threading.Thread(target=read, daemon=True)
        reader.start()

        def post(item: tuple[str, dict[str, Any]]) -> None:
            pid, workflow = item
            body = {"prompt": workflow, "client_id": client_id, "prompt_id": pid}
            http.post("/prompt", json=body).raise_for_status()

        http.get("/queue").raise_for_status()  # warm up the connection, as the client is
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
            list(pool.map(post, zip(ids, workflows, strict=True)))
        if not all_done.wait(WAIT):
            raise TimeoutError("bare baseline: not every prompt finished")
        elapsed = time.perf_counter() - start
    reader.join(10)
    return elapsed


def _bare_async_run(url: str, workflows: list[dict[str, Any]]) -> float:
    async def main() -> float:
        client_id = uuid.uuid4().hex
        ids = [str(uuid.uuid4()) for _ in workflows]
        waiting = set(ids)
        async with (
            websockets.connect(
                f"{_ws_url(url)}?clientId={client_id}", max_size=None, compression=None
            ) as ws,
            httpx.AsyncClient(base_url=url, timeout=30) as http,
        ):

            async def read() -> None:
                async for message in ws:
                    pid = _final_ids(message, waiting)
                    if pid is not None:
                        waiting.discard(pid)
                        if not waiting:
                            return

            reader = asyncio.ensure_future(read())
            gate = asyncio.Semaphore(CONCURRENCY)

            async def post(pid: str, workflow: dict[str, Any]) -> None:
                body = {"prompt": workflow, "client_id": client_id, "prompt_id": pid}
                async with gate:
                    (await http.post("/prompt", json=body)).raise_for_status()

            (await http.get("/queue")).raise_for_status()  # warm up, as the client is
            start = time.perf_counter()
            await asyncio.gather(*(post(p, w) for p, w in zip(ids, workflows, strict=True)))
            await asyncio.wait_for(reader, WAIT)
            return time.perf_counter() - start

    return asyncio.run(main())


class _ConnectionCounter(logging.Filter):
    """Counts the client's "WebSocket connected" log lines (and lets only warnings through)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        if str(record.msg).startswith("WebSocket connected"):
            self.count += 1
        return False


@contextlib.contextmanager
def counting_connections() -> Iterator[_ConnectionCounter]:
    """Count the WebSockets the client opens, on any server (it logs each at INFO)."""
    logger = logging.getLogger("comfy_api_client")
    counter, level = _ConnectionCounter(), logger.level
    logger.addFilter(counter)
    logger.setLevel(logging.INFO)
    try:
        yield counter
    finally:
        logger.setLevel(level)
        logger.removeFilter(counter)


class _Run:
    """Wall time, this process's CPU time and the double's CPU time of one measured run."""

    def __init__(self, double: RemoteDouble | None) -> None:
        self.double = double
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.server_cpu: list[float] = []

    def measure(self, run: Callable[[], float]) -> None:
        if self.double:  # every run starts from the same server state: each preview saved
            self.double.clear_temp()  # lists the temp folder, so piled-up previews slow it
        server = self.double.process_time() if self.double else 0.0
        cpu = time.process_time()
        self.wall.append(run())  # the run times itself (setup excluded)
        self.cpu.append(time.process_time() - cpu)
        if self.double:
            self.server_cpu.append(self.double.process_time() - server)

    def per_prompt_ms(self, n: int) -> dict[str, float]:
        out = {"wall": median(self.wall) * 1000 / n, "cpu": median(self.cpu) * 1000 / n}
        if self.server_cpu:
            out["server_cpu"] = median(self.server_cpu) * 1000 / n
        return out


def throughput(url: str, double: RemoteDouble | None, kind: str, n: int) -> list[Figure]:
    """Wall time of ``n`` prompts through a warm client vs the bare baseline (alternated,
    3 rounds for ``n <= 100``), and how many sockets the client opened."""
    client_run = _client_sync_run if kind == "sync" else _client_async_run
    bare_run = _bare_sync_run if kind == "sync" else _bare_async_run
    bare_run(url, [trivial_workflow() for _ in range(min(n, 20))])  # warm up the server
    rounds = 3 if n <= 100 else 1
    bare, client, history, full = _Run(double), _Run(double), _Run(double), _Run(double)
    lean = {"fetch_history": False, "download_outputs": False}  # what the baseline does
    opened: list[int] = []
    for _ in range(rounds):
        bare.measure(lambda: bare_run(url, [trivial_workflow() for _ in range(n)]))
        before = double.ws_connections_total if double else 0
        with counting_connections() as counter:
            client.measure(lambda: client_run(url, [trivial_workflow() for _ in range(n)], **lean))
        opened.append(double.ws_connections_total - before if double else counter.count)
        history.measure(
            lambda: client_run(url, [trivial_workflow() for _ in range(n)], download_outputs=False)
        )
        if n <= 100:
            full.measure(lambda: client_run(url, [trivial_workflow() for _ in range(n)]))
    figures = [
        at_most(
            f"throughput {n} prompts, {kind}: client / bare wall time",
            median(client.wall) / median(bare.wall),
            "x",
            1.2,
            details={
                "client_s": client.wall,
                "bare_s": bare.wall,
                "client_ms_per_prompt": client.per_prompt_ms(n),
                "bare_ms_per_prompt": bare.per_prompt_ms(n),
            },
            note="results from the WebSocket (fetch_history=False), no downloads, as the bare loop",
        ),
        Figure(
            f"throughput {n} prompts, {kind}, results read from /history: client / bare",
            median(history.wall) / median(bare.wall),
            "x",
            details={"client_s": history.wall, "client_ms_per_prompt": history.per_prompt_ms(n)},
        ),
    ]
    if full.wall:
        figures.append(
            Figure(
                f"throughput {n} prompts, {kind}, defaults (/history, downloads): client / bare",
                median(full.wall) / median(bare.wall),
                "x",
                details={"client_s": full.wall, "client_ms_per_prompt": full.per_prompt_ms(n)},
            )
        )
    figures.append(
        Figure(
            f"WebSocket connections opened, {n} prompts, {kind}",
            float(max(opened)),
            "",
            "= 1",
            all(o == 1 for o in opened),
            note="" if double else "counted from the client's log (one INFO line per connection)",
            details={"per_round": opened},
        )
    )
    return figures


def cold_start(double: RemoteDouble, kind: str) -> Figure:
    """``GET /object_info/{class}`` requests when a fresh client's first 16 submissions are
    concurrent (its validation fetches the definitions of the classes a workflow uses, once
    per class: the trivial workflow uses two)."""
    first = double.requests_count()
    workflows = [trivial_workflow() for _ in range(CONCURRENCY)]
    if kind == "sync":
        with create_client(double.url, download_outputs=False) as client:
            with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
                prompts = list(pool.map(client.submit_workflow, workflows))
            for prompt in prompts:
                assert prompt.future is not None
                prompt.future.result(timeout=WAIT)
    else:

        async def main() -> None:
            async with create_async_client(double.url, download_outputs=False) as client:
                prompts = await asyncio.gather(*(client.submit_workflow(w) for w in workflows))
                futures = [p.future for p in prompts if p.future is not None]
                await asyncio.wait_for(asyncio.gather(*futures), WAIT)

        asyncio.run(main())
    fetched = sum(1 for m, p in double.requests_since(first) if p.startswith("/object_info"))
    return Figure(
        f"cold client, {CONCURRENCY} concurrent first submissions, {kind}: GET /object_info/*",
        float(fetched),
        "",
        target="= 2",
        ok=fetched == 2,
        note="concurrent first submissions share one fetch per node class (2 classes used)",
    )


def open_close(url: str) -> Figure:
    """``create_client(url, start_state_tracker=None)`` opened and closed (after the first)."""
    times = []
    for _ in range(15):
        start = time.perf_counter()
        with create_client(url, start_state_tracker=None):
            pass
        times.append(time.perf_counter() - start)
    return Figure(
        "create_client (no tracker) open + close, median after the first",
        median(times[1:]) * 1000,
        "ms",
        details={"first_ms": times[0] * 1000},
    )


# -- completion latency -------------------------------------------------------------------------


def latency(
    url: str,
    double: RemoteDouble | None,
    kind: str,
    prompts: int,
    download: bool = True,
    history: bool = True,
) -> Figure:
    """From the server sending ``executing`` ``node: null`` to the prompt's future completing.

    Prompts run one at a time (no queueing). Against a real server the start is when the
    client's ``on_event`` callback saw that message (a lower bound: no socket transit).
    """
    seen: dict[str, float] = {}
    done: dict[str, float] = {}
    early: list[str] = []

    def on_event(event: Event) -> None:
        if isinstance(event, ExecutingEvent) and event.node is None and event.prompt_id:
            seen[event.prompt_id] = time.perf_counter()

    def watch(pid: str, future: Any) -> None:
        if future.done():
            early.append(pid)  # finished before the callback was attached: no sample
            return
        future.add_done_callback(lambda _f: done.setdefault(pid, time.perf_counter()))

    ids: list[str] = []
    if kind == "sync":
        with create_client(
            url, on_event=on_event, download_outputs=download, fetch_history=history
        ) as client:
            for _ in range(prompts):
                prompt = client.submit_workflow(trivial_workflow())
                watch(prompt.prompt_id, prompt.future)
                assert prompt.future is not None
                prompt.future.result(timeout=WAIT)
                ids.append(prompt.prompt_id)
    else:

        async def main() -> None:
            async with create_async_client(
                url, on_event=on_event, download_outputs=download, fetch_history=history
            ) as client:
                for _ in range(prompts):
                    prompt = await client.submit_workflow(trivial_workflow())
                    assert prompt.future is not None
                    watch(prompt.prompt_id, prompt.future)
                    await asyncio.wait_for(asyncio.shield(prompt.future), WAIT)
                    await asyncio.sleep(0)  # let the done callback run
                    ids.append(prompt.prompt_id)

        asyncio.run(main())
    sent = double.final_sent_times(ids) if double is not None else seen
    samples = [(done[p] - sent[p]) * 1000 for p in ids if p in done and p in sent]
    client_side = [(done[p] - seen[p]) * 1000 for p in ids if p in done and p in seen]
    source = "server sent" if double is not None else "client read"
    what = "result + output" if download else "result only" if history else "result from socket"
    return at_most(
        f"completion latency, {kind}, {what} (median, {source} final message -> done)",
        median(samples),
        "ms",
        5.0,
        details={
            "samples": len(samples),
            "p95_ms": percentile(samples, 0.95),
            "max_ms": max(samples, default=float("nan")),
            "client_side_median_ms": median(client_side),
            "skipped_already_done": len(early),
        },
    )


# -- HTTP polling cost --------------------------------------------------------------------------


def polling(double: RemoteDouble, tracked: int, poll_interval: float = 0.05) -> list[Figure]:
    """Requests per polling cycle with ``tracked`` prompts queued (server paused), then the
    requests beyond ``GET /queue`` while they finish."""
    double.set_paused(True)
    try:
        with create_client(
            double.url,
            start_state_tracker="http",
            state_tracker_kwargs={"poll_interval": poll_interval},
            download_outputs=False,
        ) as client:
            with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
                prompts = list(
                    pool.map(client.submit_workflow, [trivial_workflow() for _ in range(tracked)])
                )
            time.sleep(4 * poll_interval)
            first = double.requests_count()
            cpu = time.process_time()
            time.sleep(40 * poll_interval)
            cpu = time.process_time() - cpu
            window = double.requests_since(first)
            cycles = sum(1 for m, p in window if m == "GET" and p == "/queue")
            first = double.requests_count()
            double.set_paused(False)
            for prompt in prompts:
                assert prompt.future is not None
                prompt.future.result(timeout=WAIT)
            drain = double.requests_since(first)
    finally:
        double.set_paused(False)
    histories = sum(1 for m, p in drain if m == "GET" and p.startswith("/history/"))
    other = [r for r in drain if r[1] != "/queue" and not r[1].startswith("/history/")]
    per_cycle = len(window) / max(cycles, 1)
    return [
        at_most(
            f"HTTP polling, {tracked} queued: requests per cycle",
            per_cycle,
            "",
            1.0,
            details={
                "cycles": cycles,
                "requests": len(window),
                "client_cpu_ms_per_cycle": cpu * 1000 / max(cycles, 1),
            },
        ),
        at_most(
            f"HTTP polling, {tracked} finishing: requests beyond /queue per finished prompt",
            (histories + len(other)) / tracked,
            "",
            1.0,
            details={"history_gets": histories, "other": other[:10]},
        ),
    ]


# -- import time --------------------------------------------------------------------------------

_IMPORT = "import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"

#: What is timed: the package (its names load on first use), and each client with all it
#: needs before its first request, against httpx, which every client imports.
_IMPORTS = {
    "httpx": "import httpx",
    "package": "import comfy_api_client",
    "sync client": "from comfy_api_client import ComfyClient",
    "async client": "from comfy_api_client import AsyncComfyClient",
}


def import_time(rounds: int) -> list[Figure]:
    """``import comfy_api_client`` and each client class vs ``import httpx``, each in fresh
    interpreters (alternated).

    Both import compiled bytecode, as installed packages do: an editable checkout run with
    ``PYTHONDONTWRITEBYTECODE`` would otherwise compile the project's sources at every import
    while httpx's come precompiled from its wheel. The bytecode goes to a temporary
    ``PYTHONPYCACHEPREFIX``, written by one untimed import of each module first.
    """
    times: dict[str, list[float]] = {name: [] for name in _IMPORTS}
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        for warm_up in (True, *([False] * rounds)):
            for name, stmt in _IMPORTS.items():
                out = subprocess.run(
                    [sys.executable, "-c", _IMPORT.format(stmt=stmt)],
                    capture_output=True,
                    text=True,
                    check=True,
                    timeout=120,
                    env=env,
                )
                if not warm_up:
                    times[name].append(float(out.stdout.strip()))
    theirs = median(times["httpx"])
    figures = []
    for name in ("package", "sync client", "async client"):
        ours = median(times[name])
        label = f"import time, {_IMPORTS[name].removeprefix('from comfy_api_client ')} / httpx"
        details = {"ms": ours * 1000, "httpx_ms": theirs * 1000}
        if name == "package":  # the target; a client adds what it needs to send
            figures.append(at_most(label, ours / theirs, "x", 1.5, details=details))
        else:
            figures.append(Figure(label, ours / theirs, "x", details=details))
    return figures


# -- memory -------------------------------------------------------------------------------------


def download_memory(url: str, double: RemoteDouble | None, kind: str, size_mb: int) -> Figure:
    """Peak RSS above the baseline while ``client.download`` streams a ``size_mb`` MB output."""
    name = f"bench-{uuid.uuid4().hex[:8]}.bin"
    if double is None:
        return Figure(
            f"download {size_mb} MB, {kind}: peak RSS above baseline",
            None,
            "MB",
            "<= 32 MB",
            note="needs the double (a large file in the server's output directory)",
        )
    path = double.directory / "output" / name
    block = os.urandom(1 << 20)
    with path.open("wb") as big:
        for _ in range(size_mb):
            big.write(block)
    try:
        out = subprocess.run(
            [sys.executable, str(HERE / "_child.py"), "download", kind, url, name],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
    finally:
        path.unlink()
    report = json.loads(out.stdout)
    if report["bytes"] != size_mb << 20:
        raise AssertionError(f"downloaded {report['bytes']} bytes, expected {size_mb << 20}")
    above = (report["peak_kb"] - report["baseline_kb"]) / 1024
    return at_most(
        f"download {size_mb} MB, {kind}: peak RSS above baseline",
        above,
        "MB",
        32,
        details=report,
    )


def tracking_memory(double: RemoteDouble, tracked: int) -> list[Figure]:
    """What the client holds per tracked prompt (queued on the paused double), what it still
    holds once they finished and the caller dropped them, and what a second round adds on
    top of that (the leak: tables that grew to hold the first round are not a leak)."""
    queued: list[int] = []
    kept: list[int] = []
    try:
        with create_client(double.url, download_outputs=False) as client:
            for prompt in [client.submit_workflow(trivial_workflow()) for _ in range(20)]:
                assert prompt.future is not None
                prompt.future.result(timeout=WAIT)  # warm up pools and code paths
            gc.collect()
            tracemalloc.start()
            try:
                base = tracemalloc.get_traced_memory()[0]
                for _ in range(2):
                    double.set_paused(True)
                    workflows = [trivial_workflow() for _ in range(tracked)]
                    before = tracemalloc.get_traced_memory()[0]
                    prompts = [client.submit_workflow(w) for w in workflows]
                    time.sleep(0.3)
                    gc.collect()
                    queued.append(tracemalloc.get_traced_memory()[0] - before)
                    double.set_paused(False)
                    for prompt in prompts:
                        assert prompt.future is not None
                        prompt.future.result(timeout=WAIT)
                    del prompts, prompt, workflows
                    time.sleep(0.3)
                    gc.collect()
                    kept.append(tracemalloc.get_traced_memory()[0] - base)
            finally:
                tracemalloc.stop()
    finally:
        double.set_paused(False)
    return [
        Figure(
            f"memory per tracked prompt ({tracked} queued)",
            queued[0] / tracked,
            "B",
            note="tracemalloc: prompt object, future and tracker state; not the caller's workflow",
        ),
        Figure(
            f"memory kept per prompt after {tracked} finished and were dropped",
            kept[0] / tracked,
            "B",
            note="mostly dict tables grown to hold them at once",
        ),
        Figure(
            f"memory added per prompt by a second round of {tracked}",
            (kept[1] - kept[0]) / tracked,
            "B",
            "~ 0",
            abs(kept[1] - kept[0]) / tracked < 64,
            details={"kept_after_rounds": kept},
        ),
    ]
