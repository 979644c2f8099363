"""Measurements that need a fresh interpreter: ``python _child.py download sync|async URL NAME``.

Prints a JSON report on stdout. Peak RSS comes from ``/proc/self/status`` (``VmHWM``), reset
after the warm-up through ``/proc/self/clear_refs`` so that only the download counts.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path

from comfy_api_client import create_async_client, create_client


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _reset_peak() -> bool:
    """Make ``VmHWM`` start again from the current RSS (Linux >= 4.0)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def download(kind: str, url: str, name: str) -> dict[str, object]:
    """Download ``name`` (in the server's output directory) to a temporary directory."""
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp)
        if kind == "sync":
            with create_client(url) as client:
                client.download("example.png [input]", dest / "warm.png")  # warm up
                baseline = _status_kb("VmRSS")
                reset = _reset_peak()
                target = client.download(name, dest)
                peak = _status_kb("VmHWM")
        else:

            async def main() -> tuple[int, bool, Path, int]:
                async with create_async_client(url) as client:
                    await client.download("example.png [input]", dest / "warm.png")
                    baseline = _status_kb("VmRSS")
                    reset = _reset_peak()
                    target = await client.download(name, dest)
                    return baseline, reset, target, _status_kb("VmHWM")

            baseline, reset, target, peak = asyncio.run(main())
        size = target.stat().st_size
    return {"baseline_kb": baseline, "peak_kb": peak, "peak_reset": reset, "bytes": size}


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command != "download":
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(download(*args)))
