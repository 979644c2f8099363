"""Fault soak: ``python benchmarks/soak.py [--prompts 120] [--kind K] [--history H] [--tracker T]``.

Prompts go through the test double (in its own process) while it cuts every WebSocket again
and again, delays, drops and fails (500) HTTP requests, handles some and then drops their
answers, falls silent, and restarts once. Then every prompt must have ended: with its result
if the server finished it (checked against the server's history), otherwise with a typed
error; no wait may hang, and closing the client must leave no thread, task or socket behind.
Exit status 1 if anything was lost or leaked.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import logging
import random
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import saving_workflow
from _double import RemoteDouble

from comfy_api_client import create_async_client, create_client
from comfy_api_client.core.options import TrackerMode
from comfy_api_client.core.results import PromptResult
from comfy_api_client.errors import ComfyError, PromptLostError

#: Client settings for the soak: short timeouts so that faults are noticed within seconds.
CLIENT_OPTIONS: dict[str, Any] = {
    "http_timeout": 3.0,
    "state_tracker_kwargs": {
        "watchdog_interval": 1.0,
        "poll_interval": 0.1,
        "reconnect_delays": (0.05, 0.1, 0.2, 0.5),
    },
}
#: Paths whose requests are delayed, dropped or failed.
PATHS = ("/prompt", "/history", "/queue", "/view", "/ws")
WAIT = 90.0  # seconds every prompt gets after the faults stop


def pace(prompts: int, cuts: int) -> float:
    """Seconds between submissions, so that the cuts fall while prompts are in flight."""
    return max(0.03, cuts * 0.3 / max(prompts, 1))


def chaos_done(chaos: Chaos, cuts: int) -> bool:
    """The chaos did its quota (cuts, the restart), died, or ran out of time."""
    return (
        (chaos.report.faults["websocket cut"] >= cuts and chaos.restarted)
        or not chaos.is_alive()
        or time.monotonic() > chaos.deadline
    )


@dataclass
class SoakReport:
    """What one soak run saw."""

    kind: str
    attempted: int = 0
    submitted: int = 0
    submit_errors: Counter[str] = field(default_factory=Counter)
    delivered: int = 0
    from_socket: int = 0  # delivered without reading /history (fetch_history=False)
    errors: Counter[str] = field(default_factory=Counter)
    untyped: Counter[str] = field(default_factory=Counter)
    hung: int = 0
    lost: list[str] = field(default_factory=list)
    wrongly_lost: list[str] = field(default_factory=list)
    phantom: list[str] = field(default_factory=list)
    wrong_outputs: list[str] = field(default_factory=list)
    finished_on_server: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    ws_connections: int = 0
    leaked_threads: list[str] = field(default_factory=list)
    leaked_tasks: list[str] = field(default_factory=list)
    leaked_sockets: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (
            self.hung
            or self.lost
            or self.wrongly_lost
            or self.phantom
            or self.wrong_outputs
            or self.untyped
            or self.leaked_threads
            or self.leaked_tasks
            or self.leaked_sockets
        )

    def summary(self) -> str:
        lines = [
            f"{self.kind}: {self.submitted} submitted in {self.seconds:.0f} s, "
            f"{self.finished_on_server} finished on the server",
            f"  delivered results: {self.delivered} ({self.from_socket} from the socket alone)",
            f"  typed errors: {sum(self.errors.values())} {dict(self.errors)}",
            f"  submissions refused: {sum(self.submit_errors.values())} {dict(self.submit_errors)}",
            f"  untyped errors: {sum(self.untyped.values())} {dict(self.untyped)}",
            f"  hung: {self.hung}",
            f"  lost (finished on the server, not delivered): {len(self.lost)} {self.lost[:5]}",
            f"  delivered but never finished on the server: {len(self.phantom)}",
            f"  delivered with outputs other than the server's history: {len(self.wrong_outputs)}",
            f"  PromptLostError for a prompt the restart did not wipe: {len(self.wrongly_lost)}",
            f"  faults: {dict(self.faults)}; WebSocket connections opened: {self.ws_connections}",
            f"  left after close: {len(self.leaked_threads)} threads {self.leaked_threads}, "
            f"{len(self.leaked_tasks)} tasks {self.leaked_tasks}, {self.leaked_sockets} sockets",
            f"  -> {'OK' if self.ok else 'FAILED'}",
        ]
        return "\n".join(lines)


# -- what is open -----------------------------------------------------------------------------


def open_sockets(port: int) -> int:
    """TCP sockets of this process connected to ``port`` (client side of the double)."""
    inodes: set[str] = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = fd.readlink().as_posix()
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    count = 0
    for table in ("/proc/self/net/tcp", "/proc/self/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            cols = row.split()
            remote_port = int(cols[2].rsplit(":", 1)[1], 16)
            if remote_port == port and cols[9] in inodes:
                count += 1
    return count


# -- chaos ------------------------------------------------------------------------------------


class Chaos(threading.Thread):
    """Injects faults until stopped; cuts the sockets at least ``cuts`` times, restarts once.

    ``delivered(prompt_id)`` tells whether the client has settled a prompt: before the
    restart the server is paused and drained, and the client given time to deliver what
    finished, so that ``history_before_restart`` is exactly what the restart forgot.
    """

    def __init__(
        self,
        double: RemoteDouble,
        report: SoakReport,
        cuts: int,
        delivered: Callable[[str], bool],
        restart_when: Callable[[], bool],
        seed: int,
    ) -> None:
        super().__init__(name="soak-chaos", daemon=True)
        self.double = double
        self.report = report
        self.cuts = cuts
        self.delivered = delivered
        self.restart_when = restart_when
        self.random = random.Random(seed)
        self.stop_event = threading.Event()
        self.history_before_restart: dict[str, Any] = {}
        self.queued_at_restart: set[str] = set()
        self.restarted = False
        self.error: BaseException | None = None
        self.deadline = time.monotonic() + 120  # the soak stops waiting for the quota then

    def run(self) -> None:
        try:
            while not self.stop_event.wait(self.random.uniform(0.05, 0.2)):
                if not self.restarted and self.restart_when():
                    self._restart()
                else:
                    self._one()
        except BaseException as exc:  # reported by the soak, never silently lost
            self.error = exc

    def _one(self) -> None:
        faults, rnd, counts = self.double.faults, self.random, self.report.faults
        if counts["websocket cut"] < self.cuts and rnd.random() < 0.5:
            self._cut()
            return
        action = rnd.choice(("delay", "delay", "drop", "lose", "fail", "fail", "cut", "silence"))
        path = rnd.choice(PATHS)
        if path == "/ws" and not self.double.ws_connected:
            # Faults for /ws pile up while the client waits to reconnect (each fails one
            # attempt): the socket then stayed down past the deadline and no cut could count.
            path = rnd.choice(PATHS[:-1])
        if action == "delay":
            faults.delay(path, rnd.uniform(0.05, 0.8), count=rnd.randint(1, 3))
        elif action == "drop":
            faults.drop(path, count=1)
        elif action == "lose":  # handled, then the connection closes without an answer
            faults.lose_answer(path, count=1)
        elif action == "fail":
            faults.fail(path, 500, count=rnd.randint(1, 2))
        elif action == "cut":
            self._cut()
            return
        elif counts["silence"] < 2:  # longer than the watchdog interval
            faults.silence_websockets(True)
            self.stop_event.wait(1.6)
            faults.silence_websockets(False)
        else:
            return
        counts[f"{action} {path}" if action != "silence" else "silence"] += 1

    def _cut(self) -> None:
        """Cut the client's socket; only a cut of an open socket counts."""
        if self.double.ws_connected:
            self.double.faults.drop_websockets()
            self.report.faults["websocket cut"] += 1

    def _restart(self) -> None:
        """Pause, let the running prompt finish and the client deliver, snapshot, restart."""
        double = self.double
        double.set_paused(True)
        deadline = time.monotonic() + 30
        while double.queue["queue_running"] and time.monotonic() < deadline:
            time.sleep(0.05)
        finished = list(double.history)
        while not all(self.delivered(p) for p in finished) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.history_before_restart = double.history
        # what the restart wiped, taken when it stopped: a POST /prompt may still land after a
        # snapshot taken before it
        self.queued_at_restart = set(double.restart())
        double.set_paused(False)
        self.restarted = True
        self.report.faults["restart"] += 1


# -- one soak -----------------------------------------------------------------------------------


def _settle_outcome(report: SoakReport, outcome: object) -> None:
    if isinstance(outcome, PromptResult):
        report.delivered += 1
        report.from_socket += outcome.history is None
    elif isinstance(outcome, ComfyError):
        report.errors[type(outcome).__name__] += 1
    elif isinstance(outcome, BaseException):
        report.untyped[type(outcome).__name__] += 1


def _judge(report: SoakReport, outcomes: dict[str, object], chaos: Chaos) -> None:
    """Compare the client's outcomes with what the server finished (its history), and its
    ``PromptLostError`` with what the restart wiped."""
    finished = {**chaos.history_before_restart, **chaos.double.history}
    succeeded = {
        pid for pid, entry in finished.items() if entry.get("status", {}).get("completed") is True
    }
    report.finished_on_server = len(finished)
    for pid, outcome in outcomes.items():
        _settle_outcome(report, outcome)
        if pid in succeeded and not isinstance(outcome, PromptResult):
            report.lost.append(f"{pid}: {outcome!r}"[:160])
        if isinstance(outcome, PromptResult) and pid not in succeeded:
            report.phantom.append(pid)
        elif isinstance(outcome, PromptResult) and outcome.outputs != finished[pid]["outputs"]:
            report.wrong_outputs.append(pid)
        if isinstance(outcome, PromptLostError) and pid not in chaos.queued_at_restart:
            report.wrongly_lost.append(pid)
    for pid in succeeded - outcomes.keys():  # its submission raised, yet it ran
        report.lost.append(f"{pid}: submit_workflow raised, but the server ran it")


def _conclude(
    report: SoakReport,
    outcomes: dict[str, object],
    chaos: Chaos,
    started: float,
    connections_before: int,
    threads_before: set[int | None],
) -> None:
    """After the client closed: judge the outcomes, count connections and leftover threads."""
    if chaos.error is not None:
        raise RuntimeError("the chaos thread failed") from chaos.error
    report.seconds = time.monotonic() - started
    report.ws_connections = chaos.double.ws_connections_total - connections_before
    _judge(report, outcomes, chaos)
    report.leaked_threads = [
        t.name
        for t in threading.enumerate()
        if t.ident not in threads_before and t is not chaos and t.is_alive()
    ]


def soak_sync(
    double: RemoteDouble,
    prompts: int,
    cuts: int,
    seed: int,
    history: bool = True,
    tracker: TrackerMode = "websocket",
) -> SoakReport:
    """The blocking client under faults."""
    report = SoakReport(label("sync", history, tracker))
    threads_before = {t.ident for t in threading.enumerate()}
    futures: dict[str, concurrent.futures.Future[Any]] = {}
    lock = threading.Lock()
    connections_before = double.ws_connections_total
    started = time.monotonic()
    client = create_client(
        double.url, fetch_history=history, start_state_tracker=tracker, **CLIENT_OPTIONS
    )
    client.open()
    chaos = Chaos(
        double,
        report,
        cuts,
        delivered=lambda pid: (f := futures.get(pid)) is None or f.done(),
        restart_when=lambda: report.attempted >= prompts // 2,
        seed=seed,
    )
    chaos.start()
    try:

        def submit(_: int) -> None:
            with lock:
                report.attempted += 1
            try:
                prompt = client.submit_workflow(saving_workflow())
            except ComfyError as exc:
                with lock:
                    report.submit_errors[type(exc).__name__] += 1
                return
            assert prompt.future is not None
            with lock:
                futures[prompt.prompt_id] = prompt.future
                report.submitted += 1

        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            for i in range(prompts):
                pool.submit(submit, i)
                time.sleep(pace(prompts, cuts))
        while not chaos_done(chaos, cuts):
            time.sleep(0.05)
        chaos.stop_event.set()
        chaos.join(60)
        double.faults.clear()
        deadline = time.monotonic() + WAIT
        outcomes: dict[str, object] = {}
        for pid, future in futures.items():
            try:
                outcomes[pid] = future.result(timeout=max(0.0, deadline - time.monotonic()))
            except concurrent.futures.TimeoutError:
                report.hung += 1
                outcomes[pid] = None
            except BaseException as exc:
                outcomes[pid] = exc
    finally:
        chaos.stop_event.set()
        double.faults.clear()
        client.close()
    _conclude(report, outcomes, chaos, started, connections_before, threads_before)
    report.leaked_sockets = open_sockets(double.port)
    return report


def soak_async(
    double: RemoteDouble,
    prompts: int,
    cuts: int,
    seed: int,
    history: bool = True,
    tracker: TrackerMode = "websocket",
) -> SoakReport:
    """The asyncio client under faults (the double is driven from worker threads)."""
    report = SoakReport(label("async", history, tracker))
    threads_before = {t.ident for t in threading.enumerate()}
    futures: dict[str, asyncio.Future[Any]] = {}
    connections_before = double.ws_connections_total
    started = time.monotonic()
    chaos = Chaos(
        double,
        report,
        cuts,
        delivered=lambda pid: (f := futures.get(pid)) is None or f.done(),
        restart_when=lambda: report.attempted >= prompts // 2,
        seed=seed,
    )

    async def main() -> dict[str, object]:
        client = create_async_client(
            double.url, fetch_history=history, start_state_tracker=tracker, **CLIENT_OPTIONS
        )
        await client.open()
        chaos.start()
        try:
            gate = asyncio.Semaphore(4)

            async def submit() -> None:
                report.attempted += 1
                async with gate:
                    try:
                        prompt = await client.submit_workflow(saving_workflow())
                    except ComfyError as exc:
                        report.submit_errors[type(exc).__name__] += 1
                        return
                assert prompt.future is not None
                futures[prompt.prompt_id] = prompt.future
                report.submitted += 1

            submissions = []
            for _ in range(prompts):
                submissions.append(asyncio.ensure_future(submit()))
                await asyncio.sleep(pace(prompts, cuts))
            await asyncio.gather(*submissions)
            while not chaos_done(chaos, cuts):
                await asyncio.sleep(0.05)
            chaos.stop_event.set()
            await asyncio.to_thread(chaos.join, 60)
            await asyncio.to_thread(double.faults.clear)
            outcomes: dict[str, object] = {}
            pending = list(futures.items())
            if pending:
                await asyncio.wait([f for _, f in pending], timeout=WAIT)
            for pid, future in pending:
                if not future.done():
                    report.hung += 1
                    outcomes[pid] = None
                elif future.cancelled():
                    outcomes[pid] = asyncio.CancelledError()
                else:
                    outcomes[pid] = future.exception() or future.result()
        finally:
            chaos.stop_event.set()
            await asyncio.to_thread(double.faults.clear)
            await client.close()
        current = asyncio.current_task()
        report.leaked_tasks = [
            repr(t.get_coro())[:80] for t in asyncio.all_tasks() if t is not current
        ]
        report.leaked_sockets = open_sockets(double.port)
        return outcomes

    outcomes = asyncio.run(main())
    _conclude(report, outcomes, chaos, started, connections_before, threads_before)
    return report


def soak(
    kind: str,
    prompts: int = 120,
    cuts: int = 20,
    seed: int = 0,
    history: bool = True,
    tracker: TrackerMode = "websocket",
) -> SoakReport:
    """One soak with a fresh double (``kind``: ``sync`` or ``async``; ``history``: the
    client's ``fetch_history``; ``tracker``: its ``start_state_tracker``, ``websocket`` or
    ``http``, which has no socket to cut: ``cuts`` is then 0)."""
    if tracker == "http":
        cuts = 0
    with RemoteDouble() as double:
        double.node_delay = 0.01  # prompts take a little while, so faults hit them mid-run
        run = soak_sync if kind == "sync" else soak_async
        return run(double, prompts, cuts, seed, history, tracker)


def label(kind: str, history: bool, tracker: TrackerMode) -> str:
    """The report's name for one soak's client settings."""
    settings = ([] if history else ["fetch_history=False"]) + (
        [] if tracker == "websocket" else [f"start_state_tracker={tracker!r}"]
    )
    return ", ".join([kind, *settings])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=120)
    parser.add_argument("--kind", choices=("sync", "async", "both"), default="both")
    parser.add_argument("--cuts", type=int, default=20, help="WebSocket cuts (at least)")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--history",
        choices=("fetch", "socket", "both"),
        default="both",
        help="results read from /history (fetch_history=True), from the socket, or both",
    )
    parser.add_argument(
        "--tracker",
        choices=("websocket", "http", "both"),
        default="both",
        help="prompts followed by the WebSocket, by polling /queue (no socket), or both",
    )
    parser.add_argument("--log-level", default="ERROR", help="the client's log level")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper())
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    print(f"seed {seed}")
    ok = True
    histories = {"fetch": (True,), "socket": (False,), "both": (True, False)}[args.history]
    trackers: tuple[TrackerMode, ...] = (
        ("websocket", "http") if args.tracker == "both" else (args.tracker,)
    )
    for kind in ("sync", "async") if args.kind == "both" else (args.kind,):
        for tracker in trackers:
            for history in histories if tracker == "websocket" else (True,):
                report = soak(kind, args.prompts, args.cuts, seed, history, tracker)
                print(report.summary(), flush=True)
                ok = ok and report.ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
