"""Where the client's CPU goes: ``python benchmarks/profile_prompts.py [--prompts 1000] [--kind sync]``.

Runs ``--prompts`` trivial prompts (16 submitted at a time, default settings: validation,
``/history``, downloads) against the test double in a child process serving ComfyUI 0.33.0's
definitions, under yappi's CPU clock across all threads, and prints the CPU per prompt, the
share of each library, and the client's own costliest functions. Needs ``pip install yappi``
(a profiler that follows every thread; not a dependency of the project).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import concurrent.futures
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import trivial_workflow
from _double import RemoteDouble

from comfy_api_client import create_async_client, create_client

GROUPS = (
    "comfy_api_client",
    "comfyui_openapi",
    "httpx",
    "httpcore",
    "h11",
    "websocket/",
    "websockets",
    "anyio",
    "json",
    "threading",
    "concurrent",
    "asyncio",
    "email",
    "urllib",
)


def _run_sync(url: str, n: int) -> None:
    with create_client(url) as client:
        client.run(trivial_workflow(), timeout=60)
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            prompts = list(pool.map(client.submit_workflow, [trivial_workflow()] * n))
        for prompt in prompts:
            prompt.result(300)


def _run_async(url: str, n: int) -> None:
    async def main() -> None:
        async with create_async_client(url) as client:
            await client.run(trivial_workflow(), timeout=60)
            gate = asyncio.Semaphore(16)

            async def one(workflow: dict[str, Any]) -> None:
                async with gate:
                    prompt = await client.submit_workflow(workflow)
                await prompt.result(300)

            await asyncio.gather(*(one(trivial_workflow()) for _ in range(n)))

    asyncio.run(main())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=1000)
    parser.add_argument("--kind", choices=("sync", "async"), default="sync")
    parser.add_argument("--top", type=int, default=20, help="the client's functions listed")
    args = parser.parse_args()
    try:
        import yappi
    except ImportError:
        print("needs yappi: pip install yappi", file=sys.stderr)
        return 2
    double = RemoteDouble(object_info="0.33.0")
    try:
        yappi.set_clock_type("cpu")
        cpu = time.process_time()
        yappi.start()
        (_run_sync if args.kind == "sync" else _run_async)(double.url, args.prompts)
        yappi.stop()
        cpu = time.process_time() - cpu
    finally:
        double.stop()
    stats = list(yappi.get_func_stats())
    shares: collections.Counter[str] = collections.Counter()
    for row in stats:
        group = next((g.strip("/") for g in GROUPS if g in row.module), "other (stdlib)")
        shares[group] += row.tsub
    total = sum(shares.values()) or 1.0
    print(
        f"{args.prompts} prompts, {args.kind}: {cpu * 1000 / args.prompts:.2f} ms CPU per "
        "prompt (profiled, so slower than without)\n"
    )
    print("share of CPU by library")
    for group, seconds in shares.most_common():
        print(f"  {seconds / total:6.1%}  {group}")
    print("\nthe client's own functions (self time, calls)")
    ours = sorted((r for r in stats if "comfy_api_client" in r.module), key=lambda r: -r.tsub)
    for row in ours[: args.top]:
        where = row.module.rsplit("comfy_api_client", 1)[-1].lstrip("/")
        print(f"  {row.tsub / total:6.1%}  {row.ncall:8d}  {where}:{row.lineno} {row.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
