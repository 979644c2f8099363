"""Benchmarks of comfy-api-client: ``python benchmarks/run.py [--server URL] [--json out.json] [--quick]``.

By default the ComfyUI test double runs in a child process (so the client is measured
alone); with ``--server`` the figures are taken against that ComfyUI, and those that need the
double's controls (request log, pause, send timestamps, its output directory) are skipped.
Prints a table (figure, value, target, pass/fail) and optionally writes every figure as JSON.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import logging
import platform
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import figures
import first_prompt
from _common import Figure, table
from _double import RemoteDouble

Step = tuple[str, Callable[[], Figure | list[Figure]]]


def _plan(url: str, double: RemoteDouble | None, quick: bool) -> list[Step]:
    """What to measure, in order, as (name, measurement)."""
    calls = 300 if quick else 1500
    steps: list[Step] = [
        ("overhead sync", partial(figures.overhead_sync, url, calls)),
        ("overhead async", partial(figures.overhead_async, url, calls)),
    ]
    for n in [100] if quick else [100, 1000]:
        for kind in ("sync", "async"):
            steps.append(
                (f"throughput {n} {kind}", partial(figures.throughput, url, double, kind, n))
            )
    for kind in ("sync", "async"):
        for download, history in ((True, True), (False, True), (False, False)):
            what = "download" if download else "result" if history else "socket"
            measure = partial(
                figures.latency, url, double, kind, 20 if quick else 50, download, history
            )
            steps.append((f"latency {kind} {what}", measure))
    if double is not None:
        for tracked in (1, 100) if quick else (1, 100, 1000):
            steps.append((f"polling {tracked}", partial(figures.polling, double, tracked)))
        for kind in ("sync", "async"):
            steps.append((f"cold start {kind}", partial(figures.cold_start, double, kind)))
    steps.append(("open close", partial(figures.open_close, url)))
    steps.append(("import time", partial(figures.import_time, 3 if quick else 7)))
    for kind in ("sync", "async"):
        size = 50 if quick else 200
        steps.append(
            (f"download {kind}", partial(figures.download_memory, url, double, kind, size))
        )
    if double is not None:
        steps.append(
            ("tracking memory", partial(figures.tracking_memory, double, 200 if quick else 500))
        )
    return steps


def _today_plan(url: str, quick: bool) -> list[Step]:
    """Against today's definitions (ComfyUI 0.33.0's, served by a second double): the first
    prompt against the hundredth, CPU per prompt against a same-work raw loop, loop stalls."""
    rounds = 2 if quick else 5
    steps: list[Step] = []
    for kind in ("sync", "async"):
        steps.append(
            (f"first prompt {kind}", partial(first_prompt.first_prompt, url, kind, rounds))
        )
    for kind in ("sync", "async"):
        steps.append(
            (
                f"same work {kind}",
                partial(first_prompt.same_work, url, kind, 100, 2 if quick else 3),
            )
        )
    steps.append(("loop stall", partial(first_prompt.loop_stall, url, 50)))
    return steps


def _skipped(double: RemoteDouble | None) -> list[Figure]:
    if double is not None:
        return []
    why = "needs the test double (its request log, pause switch, CPU clock)"
    return [
        Figure(
            "HTTP polling: requests per cycle / per finished prompt", None, "", "<= 1", note=why
        ),
        Figure("cold client: GET /object_info per first submissions", None, "", note=why),
        Figure("memory per tracked prompt / kept / added per round", None, "B", note=why),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", help="a real ComfyUI (default: start the test double)")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--quick", action="store_true", help="fewer and smaller runs (~1 min)")
    parser.add_argument("--only", help="run only steps whose name contains this")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    started = time.perf_counter()
    double = None if args.server else RemoteDouble()
    url = args.server or (double.url if double else "")
    results: list[Figure] = []
    try:
        today = None if args.server else RemoteDouble(object_info="0.33.0")
        try:
            plan = _plan(url, double, args.quick) + _today_plan(
                today.url if today else url, args.quick
            )
            for name, step in plan:
                if args.only and args.only not in name:
                    continue
                t = time.perf_counter()
                out = step()
                results += out if isinstance(out, list) else [out]
                print(f"  {name}: {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)
        finally:
            if today is not None:
                today.stop()
        if not args.only:
            results += _skipped(double)
    finally:
        if double is not None:
            double.stop()
    elapsed = time.perf_counter() - started
    server = args.server or "test double (child process)"
    version = importlib.metadata.version("comfy-api-client")
    print(f"\ncomfy-api-client {version} against {server}, {elapsed:.0f} s\n")
    print(table(results))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "server": server,
                    "version": version,
                    "quick": args.quick,
                    "python": sys.version.split()[0],
                    "platform": platform.platform(),
                    "seconds": elapsed,
                    "figures": [f.as_json() for f in results],
                },
                indent=2,
            )
        )
    return 1 if any(f.ok is False for f in results) else 0


if __name__ == "__main__":
    sys.exit(main())
