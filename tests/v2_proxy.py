"""A real comfy-api-proxy (Comfy API v2) in front of the test double, for the v2 tests.

The proxy runs as its own process (``comfy-api-proxy run``) on loopback, as a user runs it.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

_MAIN = "from comfy_api_proxy.cli import main; raise SystemExit(main())"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_proxy(comfyui_url: str, *extra: str, timeout: float = 30.0) -> Iterator[str]:
    """Start ``comfy-api-proxy run --comfyui URL --port N`` and yield its base URL."""
    port = free_port()
    command = [sys.executable, "-c", _MAIN, "run", "--comfyui", comfyui_url, "--port", str(port)]
    process = subprocess.Popen(
        [*command, *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(url + "/api/v2/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                stderr = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"comfy-api-proxy did not start: {stderr[-2000:]}")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        if process.stderr is not None:
            process.stderr.close()
