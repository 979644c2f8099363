"""Run in a subprocess by ``test_memory.py``: one client, one call against a huge answer, and
how much the process's peak RSS grew (``python memory_probe.py KIND URL CALL``).

Protocol on stdio: the probe warms up (a prompt and the call once, unattacked), prints
``ready``, waits for a line on stdin (the parent has set the attack meanwhile), makes the call,
runs a normal prompt, and prints one JSON line: ``{"grew_mib", "outcome", "normal"}``.
"""

from __future__ import annotations

import asyncio
import json
import random
import resource
import sys
import tempfile
from typing import Any

from comfy_api_client import ComfyError, create_async_client, create_client


def workflow() -> dict[str, Any]:
    return {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {
                "width": 8,
                "height": 8,
                "batch_size": 1,
                "color": random.randrange(1 << 24),
            },
        },
        "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "mem"}},
    }


def peak_mib() -> float:
    """This process's peak RSS: ``VmHWM`` (``ru_maxrss`` would start at the parent's size,
    inherited through fork and exec)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def arguments(call: str, filename: str, folder: str) -> tuple[Any, ...]:
    if call == "download":
        return (filename, folder)
    if call == "retrieve_image":
        return (filename, None, "output")
    if call == "fetch_results":
        return ("0badc0de-0000-4000-8000-000000000000",)
    return ()


def outcome_of(error: BaseException | None) -> str:
    if error is None:
        return "ok"
    kind = "typed" if isinstance(error, ComfyError) else "raw"
    return f"{kind}:{type(error).__name__}: {str(error)[:200]}"


def main_sync(url: str, call: str, folder: str) -> dict[str, Any]:
    with create_client(url, http_timeout=30) as client:
        result = client.run(workflow(), timeout=30)
        filename = result.output_images[0].filename
        method = getattr(client, call) if call != "none" else None
        if method is not None and call != "fetch_results":
            method(*arguments(call, filename, folder))
        base = peak_mib()
        print("ready", flush=True)
        sys.stdin.readline()
        error: BaseException | None = None
        try:
            if method is not None:
                method(*arguments(call, filename, folder))
        except Exception as exc:
            error = exc
        try:
            client.run(workflow(), timeout=30)
            normal = "ok"
        except Exception as exc:
            normal = outcome_of(exc)
        return {"grew_mib": peak_mib() - base, "outcome": outcome_of(error), "normal": normal}


async def main_async(url: str, call: str, folder: str) -> dict[str, Any]:
    async with create_async_client(url, http_timeout=30) as client:
        result = await client.run(workflow(), timeout=30)
        filename = result.output_images[0].filename
        method = getattr(client, call) if call != "none" else None
        if method is not None and call != "fetch_results":
            await method(*arguments(call, filename, folder))
        base = peak_mib()
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        error: BaseException | None = None
        try:
            if method is not None:
                await method(*arguments(call, filename, folder))
        except Exception as exc:
            error = exc
        try:
            await client.run(workflow(), timeout=30)
            normal = "ok"
        except Exception as exc:
            normal = outcome_of(exc)
        return {"grew_mib": peak_mib() - base, "outcome": outcome_of(error), "normal": normal}


def main() -> None:
    kind, url, call = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as folder:
        if kind == "sync":
            report = main_sync(url, call, folder + "/")
        else:
            report = asyncio.run(main_async(url, call, folder + "/"))
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
