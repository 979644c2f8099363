"""The ComfyUI test double in a child process, driven over a pipe.

Benchmarks and the soak measure the client alone: with the double in its own process, the
server's work does not share the client's GIL, threads, sockets or memory (as with a real
ComfyUI). :class:`RemoteDouble` offers the parts of ``ComfyTestServer`` they use, under the
same names (``url``, ``faults.drop_websockets()``, ``set_paused``, ``restart``, ``history``...).
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any


def _serve(conn: Connection, options: dict[str, Any]) -> None:
    """The child: run a ``ComfyTestServer(**options)`` and answer ``(name, args, kwargs)``
    requests."""
    from comfy_api_client.testing import ComfyTestServer

    server = ComfyTestServer(**options).start()
    final_sent: dict[str, float] = {}

    def on_sent(event: str | int, data: Any, sid: str | None) -> None:
        if event == "executing" and isinstance(data, dict) and data.get("node") is None:
            final_sent[str(data.get("prompt_id"))] = time.perf_counter()

    server.on_message_sent = on_sent

    def requests_since(index: int) -> list[tuple[str, str]]:
        return list(server.requests[index:])

    def final_sent_times(ids: list[str]) -> dict[str, float]:
        return {pid: final_sent[pid] for pid in ids if pid in final_sent}

    def set_node_delay(seconds: float) -> None:
        server.node_delay = seconds

    extra: dict[str, Callable[..., Any]] = {
        "requests_since": requests_since,
        "requests_count": lambda: len(server.requests),
        "final_sent_times": final_sent_times,
        "set_node_delay": set_node_delay,
        "directory": lambda: str(server.directory),
        "url": lambda: server.url,
        "process_time": time.process_time,
        # The server dies but the process stays, so that what it ran can still be read.
        "kill_server": server.stop,
        "executed": lambda: list(server.executed),
    }
    conn.send(("ready", server.url))
    try:
        while True:
            try:
                name, args, kwargs = conn.recv()
            except EOFError:
                return
            if name == "stop":
                conn.send(("ok", None))
                return
            try:
                if name in extra:
                    value = extra[name](*args, **kwargs)
                else:
                    target: Any = server
                    for part in name.split("."):
                        target = getattr(target, part)
                    value = target(*args, **kwargs) if callable(target) else target
                conn.send(("ok", value))
            except Exception as exc:
                conn.send(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))
    finally:
        server.stop()


class _RemoteFaults:
    """``double.faults.<method>(...)`` forwarded to the child's ``Faults``."""

    def __init__(self, double: RemoteDouble) -> None:
        self._double = double

    def __getattr__(self, name: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            return self._double.call(f"faults.{name}", *args, **kwargs)

        return call


class RemoteDouble:
    """A ``ComfyTestServer`` running in a child process (``with RemoteDouble() as double``);
    keyword options go to ``ComfyTestServer`` (e.g. ``object_info="0.33.0"``)."""

    def __init__(self, **options: Any) -> None:
        self._lock = threading.Lock()  # one request at a time on the pipe
        ours, theirs = socket.socketpair()
        with theirs:
            self._process = subprocess.Popen(
                [sys.executable, __file__, str(theirs.fileno()), json.dumps(options)],
                pass_fds=[theirs.fileno()],
                stdout=subprocess.DEVNULL,
            )
        self._conn = Connection(ours.detach())
        if not self._conn.poll(60):
            self._process.kill()
            raise RuntimeError("the test double did not start within 60 s")
        status, url = self._conn.recv()
        assert status == "ready"
        self.url: str = url
        self.port = int(url.rsplit(":", 1)[1])
        self.faults = _RemoteFaults(self)
        self.directory = Path(self.call("directory"))

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Call (or read) ``name`` on the child's server, e.g. ``call("set_paused", True)``."""
        with self._lock:
            self._conn.send((name, args, kwargs))
            status, value = self._conn.recv()
        if status != "ok":
            raise RuntimeError(f"test double: {value}")
        return value

    # -- the ComfyTestServer names the benchmarks use --------------------------------------

    def set_paused(self, paused: bool = True) -> None:
        self.call("set_paused", paused)

    def restart(self) -> list[str]:
        return list(self.call("restart"))

    def clear_temp(self) -> None:
        self.call("clear_temp")

    @property
    def history(self) -> dict[str, Any]:
        return dict(self.call("history"))

    @property
    def queue(self) -> dict[str, list[Any]]:
        return dict(self.call("queue"))

    @property
    def ws_connections_total(self) -> int:
        return int(self.call("ws_connections_total"))

    @property
    def ws_connected(self) -> int:
        return int(self.call("ws_connected"))

    @property
    def node_delay(self) -> float:
        return float(self.call("node_delay"))

    @node_delay.setter
    def node_delay(self, seconds: float) -> None:
        self.call("set_node_delay", seconds)

    def kill_server(self) -> None:
        """Stop the server as if it died (``executed`` stays readable)."""
        self.call("kill_server")

    @property
    def executed(self) -> list[tuple[str, str]]:
        return [(str(p), str(s)) for p, s in self.call("executed")]

    def process_time(self) -> float:
        """CPU seconds the double's process has used so far."""
        return float(self.call("process_time"))

    def requests_count(self) -> int:
        return int(self.call("requests_count"))

    def requests_since(self, index: int) -> list[tuple[str, str]]:
        return [(str(m), str(p)) for m, p in self.call("requests_since", index)]

    def final_sent_times(self, prompt_ids: list[str]) -> dict[str, float]:
        """When the server sent each prompt's ``executing`` with ``node: null``
        (``time.perf_counter``, which is the system-wide monotonic clock on Linux)."""
        return dict(self.call("final_sent_times", prompt_ids))

    # -- life cycle --------------------------------------------------------------------------

    def stop(self) -> None:
        if self._process.poll() is None:
            with contextlib.suppress(OSError, EOFError, RuntimeError):
                self.call("stop")
            try:
                self._process.wait(30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(5)
        self._conn.close()

    def __enter__(self) -> RemoteDouble:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1])), json.loads(sys.argv[2]) if len(sys.argv) > 2 else {})
