"""``ComfyTestServer``: the test double's public face, running in a background thread."""

from __future__ import annotations

import asyncio
import concurrent.futures
import copy
import gzip
import json
import os
import socket
import threading
from collections.abc import Coroutine
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from .app import ComfyApp, Controls
from .assets import AssetStore
from .faults import Faults
from .files import ServerFiles
from .hub import SentHook
from .versions import DEFAULT_VERSION, ServerVersion, server_version

T = TypeVar("T")


def _bind(host: str, port: int) -> socket.socket:
    family, kind, proto, _name, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
        sock.setblocking(False)
    except BaseException:
        sock.close()
        raise
    return sock


def load_catalog(object_info: str | os.PathLike[str] | None) -> dict[str, Any] | None:
    """The ``/object_info`` to serve: None (the executable nodes'), ``"0.33.0"`` (the 887
    node classes recorded from ComfyUI 0.33.0) or the path of a JSON file (``.gz`` too)."""
    if object_info is None:
        return None
    if str(object_info) == "0.33.0":
        ref = resources.files(__package__).joinpath("data", "0.33.0", "object_info.json.gz")
        data = gzip.decompress(ref.read_bytes())
    else:
        raw = Path(object_info).read_bytes()
        data = gzip.decompress(raw) if str(object_info).endswith(".gz") else raw
    catalog = json.loads(data)
    if not isinstance(catalog, dict):
        raise ValueError(f"object_info {object_info!r}: expected a JSON object of node classes")
    return catalog


class ComfyTestServer:
    """An in-process imitation of a CPU-only ComfyUI for tests: 0.33.0 by default, 0.3.64
    with ``version="0.3.64"``.

    It serves the real HTTP routes and ``/ws`` on ``host:port`` (``port=0`` picks a free
    port) from its own event loop in a background thread, so sync and async tests can use
    it alike, and executes a few tiny nodes (``EmptyImage``, ``ImageInvert``, ``ImageBlur``,
    ``ImageScale``, ``SaveImage``, ``PreviewImage``, ``SaveImageWebsocket``, ``PreviewAny``,
    ``LoadImage``, ``RegexReplace``, ``GetImageSize``) with Pillow. Files live in a temporary
    directory that ``stop`` deletes.

    Use it as a context manager (``with ComfyTestServer() as server: server.url``) or call
    ``start``/``stop``. Its methods may be called from any thread.

    As 0.33.0 it also serves the jobs API, the assets API (an in-memory store, blake3
    hashes, asset ids in outputs), ``/node_replacements`` and ``/global_subgraphs``, and
    refuses client prompt ids that are not canonical lowercase UUIDs. ``object_info``
    (``"0.33.0"`` or a JSON file) changes what ``/object_info`` lists, not what can run.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        version: str = DEFAULT_VERSION,
        object_info: str | os.PathLike[str] | None = None,
    ) -> None:
        self.host = host
        self._requested_port = port
        self._port: int | None = None
        self._version = server_version(version)
        self._controls = Controls(version=self._version, catalog=load_catalog(object_info))
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._app: ComfyApp | None = None
        self._files: ServerFiles | None = None
        self._lock = threading.RLock()
        self._on_sent: SentHook | None = None
        self._controls.faults.connect(self._drop_websockets)

    # -- life cycle ----------------------------------------------------------------------------

    def start(self) -> ComfyTestServer:
        """Start listening (returns once the socket accepts connections)."""
        with self._lock:
            if self._loop is not None:
                raise RuntimeError("ComfyTestServer is already running")
            loop = asyncio.new_event_loop()
            loop.set_debug(False)  # in debug mode aiohttp would put tracebacks in 500 bodies
            ready = threading.Event()

            def run() -> None:
                asyncio.set_event_loop(loop)
                loop.call_soon(ready.set)
                try:
                    loop.run_forever()
                finally:  # here, not in stop(): a caller inside a running loop could not
                    loop.run_until_complete(loop.shutdown_default_executor())
                    loop.close()

            thread = threading.Thread(target=run, name="comfy-test-server", daemon=True)
            thread.start()
            ready.wait()
            self._loop, self._thread = loop, thread
            self._files = ServerFiles()
            if self._version.today:
                files = self._files
                roots = {"input": files.input_dir, "output": files.output_dir}
                self._controls.assets = AssetStore({**roots, "temp": files.temp_dir})
            try:
                self._start_app(self._requested_port)
            except BaseException:
                self.stop()
                raise
            return self

    def _start_app(self, port: int) -> None:
        assert self._files is not None
        files = self._files
        sock = _bind(self.host, port)
        self._port = sock.getsockname()[1]

        async def start() -> ComfyApp:
            app = ComfyApp(self._controls, files, asyncio.get_running_loop())
            app.hub.on_sent = self._on_sent
            await app.start(sock)
            return app

        try:
            self._app = self._call(start())
        except BaseException:
            sock.close()
            raise

    def stop(self) -> None:
        """Stop everything: connections, worker, event loop thread; delete the files."""
        with self._lock:
            loop, thread = self._loop, self._thread
            if loop is None or thread is None:
                return
            try:
                self._stop_app()
            finally:
                try:
                    loop.call_soon_threadsafe(loop.stop)
                    thread.join(30)
                finally:
                    self._loop = self._thread = None
                    if self._files is not None:
                        self._files.cleanup()
                        self._files = None
                    self._controls.assets = None

    def _stop_app(self) -> None:
        app, self._app = self._app, None
        if app is not None:
            self._call(app.stop())

    def restart(self) -> list[str]:
        """Stop and start again on the same port, like a real server restart.

        Queue, history, caches, the prompt counter and every connection are lost; files on
        disk (inputs, outputs) survive, the temp directory is emptied. Returns the ids of the
        prompts that were running or pending when it stopped (the ones the restart wiped).
        """
        with self._lock:
            if self._loop is None or self._port is None:
                raise RuntimeError("ComfyTestServer is not running")
            app = self._app
            self._stop_app()
            running, pending = app.queue.snapshot() if app is not None else ([], [])
            wiped = [str(item[1]) for item in [*running, *pending]]
            assert self._files is not None
            self._files.clear_temp()
            self._start_app(self._port)
        return wiped

    def __enter__(self) -> ComfyTestServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def __aenter__(self) -> ComfyTestServer:
        return await asyncio.to_thread(self.start)

    async def __aexit__(self, *exc_info: object) -> None:
        await asyncio.to_thread(self.stop)

    # -- addresses ---------------------------------------------------------------------------------

    @property
    def version(self) -> ServerVersion:
        """The imitated ComfyUI version (``server.version.comfyui_version``)."""
        return self._version

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("ComfyTestServer is not running")
        return self._port

    @property
    def url(self) -> str:
        """``http://host:port`` (IPv6 hosts in brackets)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def ws_url(self) -> str:
        return "ws" + self.url[4:] + "/ws"

    @property
    def directory(self) -> Path:
        """The server's root directory (``input/``, ``output/``, ``temp/``, ``user/``)."""
        if self._files is None:
            raise RuntimeError("ComfyTestServer is not running")
        return self._files.root

    # -- controls ----------------------------------------------------------------------------------

    @property
    def faults(self) -> Faults:
        """Fault injection (see ``Faults``)."""
        return self._controls.faults

    @property
    def node_delay(self) -> float:
        """Extra seconds every executed node takes (default 0)."""
        return self._controls.node_delay

    @node_delay.setter
    def node_delay(self, seconds: float) -> None:
        self._controls.node_delay = float(seconds)

    @property
    def paused(self) -> bool:
        return self._controls.paused

    def clear_temp(self) -> None:
        """Empty the temp directory (previews), as a restart does. Saving lists the target
        folder, as ComfyUI does, so each preview costs more while previews pile up there."""
        assert self._files is not None
        self._files.clear_temp()

    def set_paused(self, paused: bool = True) -> None:
        """While paused the worker takes no prompt from the queue (the running one finishes)."""
        self._controls.paused = paused
        app = self._app
        if app is not None:
            app.queue.wake()

    @property
    def on_message_sent(self) -> SentHook | None:
        """``hook(event, data, sid)`` called right after each WebSocket message is sent.

        It runs on the server's event loop thread (keep it short) and survives restarts;
        benchmarks use it to timestamp what the server sends.
        """
        return self._on_sent

    @on_message_sent.setter
    def on_message_sent(self, hook: SentHook | None) -> None:
        self._on_sent = hook
        app = self._app
        if app is not None:
            app.hub.on_sent = hook

    @property
    def requests(self) -> list[tuple[str, str]]:
        """``(method, path_with_query)`` of every request seen, WebSocket upgrades included."""
        return self._controls.requests

    @property
    def request_headers(self) -> list[dict[str, str]]:
        """The headers of every request in :attr:`requests`, in the same order."""
        return self._controls.request_headers

    @property
    def executed(self) -> list[tuple[str, str]]:
        """``(prompt_id, status_str)`` of every prompt whose run ended (``"success"`` or
        ``"error"``), in order, across restarts: how often each prompt really ran here."""
        return list(self._controls.executed)

    @property
    def ws_connections_total(self) -> int:
        """How many WebSocket connections were ever accepted."""
        return self._controls.ws_connections_total

    @property
    def ws_connected(self) -> int:
        """How many WebSocket connections are open now."""
        app = self._app
        return len(app.hub.connections) if app is not None else 0

    @property
    def history(self) -> dict[str, Any]:
        """A copy of the history, as ``GET /history`` returns it."""
        app = self._require_app()
        return copy.deepcopy(app.queue.get_history())

    @property
    def queue(self) -> dict[str, list[Any]]:
        """A copy of the queue, as ``GET /queue`` returns it (items as lists)."""
        app = self._require_app()
        running, pending = app.queue.snapshot()
        return {
            "queue_running": [list(copy.deepcopy(i)) for i in running],
            "queue_pending": [list(copy.deepcopy(i)) for i in pending],
        }

    # -- internals ---------------------------------------------------------------------------------

    def _require_app(self) -> ComfyApp:
        if self._app is None:
            raise RuntimeError("ComfyTestServer is not running")
        return self._app

    def _call(self, coro: Coroutine[Any, Any, T], timeout: float = 60.0) -> T:
        loop = self._loop
        if loop is None:
            coro.close()
            raise RuntimeError("ComfyTestServer is not running")
        future: concurrent.futures.Future[T] = asyncio.run_coroutine_threadsafe(coro, loop)
        return future.result(timeout)

    def _drop_websockets(self) -> None:
        app = self._app
        if app is not None:
            self._call(app.hub.drop_all())

    def __repr__(self) -> str:
        state = self.url if self._port is not None and self._loop is not None else "stopped"
        return f"<ComfyTestServer {state}>"
