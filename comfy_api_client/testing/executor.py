"""The prompt worker: one thread executing one prompt at a time, as ComfyUI 0.3.64 does.

It reproduces the executor's observable behaviour: the order of WebSocket messages
(``execution_start`` ... ``executing null``), the node picking order, classic caching by
input signature, ``progress_state`` maps, cooperative interrupts, error reports and the
history entry written before the final ``status``.
"""

from __future__ import annotations

import io
import json
import logging
import os
import struct
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image

from .assets import AssetStore
from .files import ServerFiles, inside
from .graph import ExecutionList
from .hub import PREVIEW_IMAGE, PREVIEW_IMAGE_WITH_METADATA, TEXT, Hub
from .nodes import NodeRegistry, NodeResult
from .server_validation import full_type_name, is_link
from .state import PromptQueue, QueueItem, Stopped

log = logging.getLogger(__name__)


class InterruptProcessing(Exception):
    """Raised at an interrupt point after ``POST /interrupt``."""


@dataclass
class CacheEntry:
    """Outputs of one executed node and its UI (``{"output": ..., "meta": ...}`` or None)."""

    outputs: tuple[Any, ...]
    ui: dict[str, Any] | None


class Interrupt:
    """ComfyUI's global interrupt flag: set by ``/interrupt``, consumed at interrupt points."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._flag = False

    def set(self, value: bool = True) -> None:
        with self._lock:
            self._flag = value

    def consume(self) -> bool:
        """Whether the flag was set (and reset it)."""
        with self._lock:
            flag, self._flag = self._flag, False
            return flag

    def throw_if_set(self) -> None:
        if self.consume():
            raise InterruptProcessing


def _format_value(value: Any) -> Any:
    if value is None or isinstance(value, (int, float, bool, str)):
        return value
    return str(value)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


class _Progress:
    """The per-prompt progress registry behind ``progress_state`` messages."""

    def __init__(self, run: _PromptRun) -> None:
        self.run = run
        self.nodes: dict[str, dict[str, Any]] = {}

    def _entry(self, node_id: str) -> dict[str, Any]:
        return self.nodes.setdefault(node_id, {"state": "pending", "value": 0, "max": 1})

    def start(self, node_id: str) -> None:
        self.nodes[node_id] = {"state": "running", "value": 0.0, "max": 1.0}
        self._emit()

    def update(self, node_id: str, value: float, total: float, preview: bytes | None) -> None:
        entry = self._entry(node_id)
        entry.update(state="running", value=value, max=total)
        self._emit(node_id, preview)

    def finish(self, node_id: str) -> None:
        entry = self._entry(node_id)
        entry["state"] = "finished"
        entry["value"] = entry["max"]
        self._emit()

    def _emit(self, node_id: str | None = None, preview: bytes | None = None) -> None:
        run = self.run
        nodes = {
            nid: {
                "value": e["value"],
                "max": e["max"],
                "state": e["state"],
                "node_id": nid,
                "prompt_id": run.prompt_id,
                "display_node_id": nid,
                "parent_node_id": None,
                "real_node_id": nid,
            }
            for nid, e in self.nodes.items()
            if e["state"] != "pending"
        }
        run.hub.send_sync(
            "progress_state", {"prompt_id": run.prompt_id, "nodes": nodes}, run.client_id
        )
        if (
            preview is not None
            and node_id is not None
            and run.hub.supports_preview_metadata(run.client_id)
        ):
            metadata = json.dumps(
                {
                    "node_id": node_id,
                    "prompt_id": run.prompt_id,
                    "display_node_id": node_id,
                    "parent_node_id": None,
                    "real_node_id": node_id,
                    "image_type": "image/png",
                }
            ).encode()
            payload = struct.pack(">I", len(metadata)) + metadata + preview
            run.hub.send_sync(PREVIEW_IMAGE_WITH_METADATA, payload, run.client_id)


class _NodeContext:
    """What a node sees while it runs (see ``nodes.NodeContext``)."""

    def __init__(self, run: _PromptRun, node_id: str, state: dict[str, Any]) -> None:
        self.run = run
        self.node_id = node_id
        self.files = run.worker.files
        self.state = state

    def progress(self, value: int, total: int, preview: Image.Image | None = None) -> None:
        run = self.run
        run.worker.interrupt.throw_if_set()
        value = min(value, total)
        encoded = _png(preview) if preview is not None else None
        run.progress.update(self.node_id, value, total, encoded)
        data = {"value": value, "max": total, "prompt_id": run.prompt_id, "node": self.node_id}
        run.hub.send_sync("progress", data, run.client_id)
        if encoded is not None and not run.hub.supports_preview_metadata(run.client_id):
            run.hub.send_sync(PREVIEW_IMAGE, struct.pack(">I", 2) + encoded, run.client_id)

    def progress_text(self, text: str) -> None:
        node = self.node_id.encode()
        self.run.hub.send_sync(TEXT, struct.pack(">I", len(node)) + node + text.encode())

    def sleep(self, seconds: float) -> None:
        self.run.worker.sleep(seconds)


class _PromptRun:
    """The execution of one queue item."""

    def __init__(self, worker: Worker, item: QueueItem) -> None:
        self.worker = worker
        self.hub = worker.hub
        self.number, self.prompt_id, self.prompt, extra_data, self.outputs = item
        self.extra_data = extra_data
        self.client_id: str | None = (
            extra_data.get("client_id") if "client_id" in extra_data else None
        )
        self.messages: list[list[Any]] = []
        self.success = True
        self.progress = _Progress(self)
        self.signatures: dict[str, str] = {}
        self.executed: list[str] = []
        self.node_outputs: dict[str, tuple[Any, ...]] = {}

    # -- messages --------------------------------------------------------------------------------

    def add_message(self, event: str, data: dict[str, Any], broadcast: bool) -> None:
        data = {**data, "timestamp": int(time.time() * 1000)}
        self.messages.append([event, data])
        if self.client_id is not None or broadcast:
            self.hub.send_sync(event, data, self.client_id)

    def send_targeted(self, event: str, data: dict[str, Any]) -> None:
        if self.client_id is not None:
            self.hub.send_sync(event, data, self.client_id)

    # -- caching ------------------------------------------------------------------------------------

    def signature(self, node_id: str, visiting: frozenset[str] = frozenset()) -> str:
        if node_id in self.signatures:
            return self.signatures[node_id]
        node = self.prompt[node_id]
        class_type = node["class_type"]
        inputs = node.get("inputs")
        inputs = inputs if isinstance(inputs, dict) else {}  # unreachable nodes are unchecked
        registry = self.worker.registry
        node_type = registry.node_type(class_type)
        parts: list[Any] = [class_type]
        if node_type.is_changed is not None:
            arguments = {n: inputs[n] for n in node_type.is_changed_inputs if n in inputs}
            try:
                parts.append(node_type.is_changed(self.worker.files, **arguments))
            except Exception as ex:  # ComfyUI stores NaN: never equal, so never cached
                log.warning("WARNING: %s", ex)
                parts.append(uuid.uuid4().hex)
        if "UNIQUE_ID" in registry.hidden_inputs(class_type).values():
            parts.append(["node", node_id])
        for name in sorted(inputs):
            value = inputs[name]
            if is_link(value) and value[0] in self.prompt and value[0] not in visiting:
                parts.append([name, self.signature(value[0], visiting | {node_id}), value[1]])
            else:
                parts.append([name, value])
        signature = json.dumps(parts, sort_keys=True, default=repr)
        self.signatures[node_id] = signature
        return signature

    def cached(self, node_id: str) -> CacheEntry | None:
        return self.worker.cache.get(self.signature(node_id))

    # -- running ------------------------------------------------------------------------------------

    def input_data(self, node_id: str) -> dict[str, Any]:
        node = self.prompt[node_id]
        class_type = node["class_type"]
        registry = self.worker.registry
        declared = registry.definition(class_type)["input"]
        known = set(declared.get("required", {})) | set(declared.get("optional", {}))
        data: dict[str, Any] = {}
        for name, value in node["inputs"].items():
            if is_link(value):
                source_outputs = self.node_outputs.get(value[0])
                if source_outputs is None:
                    entry = self.cached(value[0])
                    source_outputs = entry.outputs if entry is not None else None
                if source_outputs is None or value[1] >= len(source_outputs):
                    data[name] = None
                else:
                    data[name] = source_outputs[value[1]]
            elif name in known:
                data[name] = value
        for name, kind in registry.hidden_inputs(class_type).items():
            if kind == "PROMPT":
                data[name] = self.prompt
            elif kind == "EXTRA_PNGINFO":
                data[name] = self.extra_data.get("extra_pnginfo")
            elif kind == "UNIQUE_ID":
                data[name] = node_id
        return data

    def execute_node(self, node_id: str) -> tuple[Any, dict[str, Any]] | None:
        """Run (or replay from cache) one node; returns (exception, details) on failure."""
        worker = self.worker
        class_type = self.prompt[node_id]["class_type"]
        entry = self.cached(node_id)
        if entry is not None:
            self.send_targeted(
                "executed",
                {
                    "node": node_id,
                    "display_node": node_id,
                    "output": entry.ui["output"] if entry.ui else None,
                    "prompt_id": self.prompt_id,
                },
            )
            self.progress.finish(node_id)
            self.node_outputs[node_id] = entry.outputs
            return None

        inputs: dict[str, Any] | None = None
        try:
            self.progress.start(node_id)
            inputs = self.input_data(node_id)
            if self.client_id is not None:
                self.hub.last_node_id = node_id
            # ComfyUI checks the flag just after sending "executing"; checking just before
            # closes the (tiny, on a real server) window in which an interrupt posted on
            # seeing "executing" would still stop this node rather than the next one.
            interrupted = worker.interrupt.consume()
            self.send_targeted(
                "executing", {"node": node_id, "display_node": node_id, "prompt_id": self.prompt_id}
            )
            if interrupted:
                raise InterruptProcessing
            worker.sleep(worker.node_delay())
            state = worker.objects.setdefault((node_id, class_type), {})
            context = _NodeContext(self, node_id, state)
            result: NodeResult = worker.registry.node_type(class_type).run(context, **inputs)
            ui: dict[str, Any] | None = None
            shown: dict[str, Any] | None = result.ui
            if shown and worker.assets is not None:
                shown = self.with_asset_ids(shown, worker.assets)
            if shown:
                meta = {
                    "node_id": node_id,
                    "display_node": node_id,
                    "parent_node": None,
                    "real_node_id": node_id,
                }
                ui = {"output": shown, "meta": meta}
                self.send_targeted(
                    "executed",
                    {
                        "node": node_id,
                        "display_node": node_id,
                        "output": shown,
                        "prompt_id": self.prompt_id,
                    },
                )
            worker.cache[self.signature(node_id)] = CacheEntry(result.outputs, ui)
            self.node_outputs[node_id] = result.outputs
        except Stopped:
            raise
        except InterruptProcessing as ex:
            log.info("Processing interrupted")
            return ex, {"node_id": node_id}
        except Exception as ex:
            _, _, tb = sys.exc_info()
            log.error("!!! Exception during processing !!! %s", ex)
            formatted = (
                {name: [_format_value(v)] for name, v in inputs.items()}
                if inputs is not None
                else {}
            )
            return ex, {
                "node_id": node_id,
                "exception_message": f"{ex}\n",
                "exception_type": full_type_name(type(ex)),
                "traceback": traceback.format_tb(tb),
                "current_inputs": formatted,
            }
        self.progress.finish(node_id)
        self.executed.append(node_id)
        return None

    def with_asset_ids(self, ui: dict[str, Any], assets: AssetStore) -> dict[str, Any]:
        """0.33 registers every file output as an asset and adds its ``id`` to the entry."""
        out: dict[str, Any] = {}
        for key, entries in ui.items():
            if not isinstance(entries, list):
                out[key] = entries
                continue
            enriched: list[Any] = []
            for entry in entries:
                base = (
                    self.worker.files.directory_by_type(entry.get("type"))
                    if isinstance(entry, dict) and "filename" in entry
                    else None
                )
                path = (
                    os.path.join(base, entry.get("subfolder") or "", entry["filename"])
                    if base is not None and isinstance(entry, dict)
                    else None
                )
                if path is None or not inside(base or "", path) or not os.path.isfile(path):
                    enriched.append(entry)
                    continue
                ref = assets.register_file(path, [entry["type"]], job_id=self.prompt_id)
                enriched.append({**entry, "id": ref.id})
            out[key] = enriched
        return out

    def handle_error(self, ex: Any, details: dict[str, Any]) -> None:
        node_id = details["node_id"]
        base = {
            "prompt_id": self.prompt_id,
            "node_id": node_id,
            "node_type": self.prompt[node_id]["class_type"],
            "executed": list(self.executed),
        }
        if isinstance(ex, InterruptProcessing):
            self.add_message("execution_interrupted", base, broadcast=True)
            return
        self.add_message(
            "execution_error",
            {
                **base,
                "exception_message": details["exception_message"],
                "exception_type": details["exception_type"],
                "traceback": details["traceback"],
                "current_inputs": details["current_inputs"],
                "current_outputs": list(self.prompt),
            },
            broadcast=False,
        )

    def execute(self) -> dict[str, Any]:
        """Run the prompt; returns the history result (``outputs`` and ``meta``)."""
        worker = self.worker
        worker.interrupt.set(False)
        self.hub.client_id = self.client_id
        self.add_message("execution_start", {"prompt_id": self.prompt_id}, broadcast=False)
        for node_id in self.prompt:
            self.signature(node_id)
        keep = set(self.signatures.values())
        for key in [k for k in worker.cache if k not in keep]:
            del worker.cache[key]
        for stale in [
            k for k in worker.objects if self.prompt.get(k[0], {}).get("class_type") != k[1]
        ]:
            del worker.objects[stale]
        cached_nodes = [n for n in self.prompt if self.cached(n) is not None]
        self.add_message(
            "execution_cached",
            {"nodes": cached_nodes, "prompt_id": self.prompt_id},
            broadcast=False,
        )
        registry = worker.registry
        order = ExecutionList(
            self.prompt,
            is_cached=lambda n: self.cached(n) is not None,
            is_output=lambda n: registry.is_output(self.prompt[n]["class_type"]),
        )
        for output in self.outputs:
            order.add_node(output)
        while not order.is_empty():
            worker.check_stopping()
            node_id = order.next_node()
            failure = self.execute_node(node_id)
            if failure is not None:
                self.success = False
                self.handle_error(*failure)
                break
            order.complete(node_id)
        else:
            self.add_message("execution_success", {"prompt_id": self.prompt_id}, broadcast=False)
        outputs: dict[str, Any] = {}
        meta: dict[str, Any] = {}
        for node_id in self.prompt:
            entry = self.cached(node_id)
            if entry is not None and entry.ui is not None:
                outputs[node_id] = entry.ui["output"]
                meta[node_id] = entry.ui["meta"]
        self.hub.last_node_id = None
        return {"outputs": outputs, "meta": meta}


class Worker(threading.Thread):
    """The prompt worker thread of one server run."""

    def __init__(
        self,
        queue: PromptQueue,
        hub: Hub,
        registry: NodeRegistry,
        files: ServerFiles,
        node_delay: Callable[[], float],
        log_line: Callable[[str], None],
        assets: AssetStore | None = None,
        on_executed: Callable[[tuple[str, str]], None] | None = None,
    ) -> None:
        super().__init__(name="comfy-test-server-worker", daemon=True)
        self.on_executed = on_executed
        self.assets = assets
        self.queue = queue
        self.hub = hub
        self.registry = registry
        self.files = files
        self.node_delay = node_delay
        self.log_line = log_line
        self.interrupt = Interrupt()
        self.cache: dict[str, CacheEntry] = {}
        self.objects: dict[tuple[str, str], dict[str, Any]] = {}
        self._stop_event = threading.Event()

    def stop(self) -> None:
        self._stop_event.set()
        self.queue.stop()

    def check_stopping(self) -> None:
        if self._stop_event.is_set():
            raise Stopped

    def sleep(self, seconds: float) -> None:
        """Wait (not an interrupt point) but give up at once when the server stops."""
        if seconds > 0 and self._stop_event.wait(seconds):
            raise Stopped
        self.check_stopping()

    def run(self) -> None:
        try:
            while True:
                got = self.queue.get()
                if got is not None:
                    self.run_item(*got)
                self.apply_flags()
        except Stopped:
            pass

    def run_item(self, item: QueueItem, index: int) -> None:
        started = time.perf_counter()
        run = _PromptRun(self, item)
        try:
            history_result = run.execute()
        except Stopped:
            raise
        except Exception:  # a bug in the double: end the prompt as failed rather than hang
            log.exception("test server: executing %s failed", run.prompt_id)
            run.success = False
            history_result = {"outputs": {}, "meta": {}}
        self.check_stopping()
        status = {
            "status_str": "success" if run.success else "error",
            "completed": run.success,
            "messages": run.messages,
        }
        self.queue.task_done(index, history_result, status)
        if self.on_executed is not None:
            self.on_executed((run.prompt_id, "success" if run.success else "error"))
        if run.client_id is not None:
            self.hub.send_sync(
                "executing", {"node": None, "prompt_id": run.prompt_id}, run.client_id
            )
        self.log_line(f"Prompt executed in {time.perf_counter() - started:.2f} seconds")

    def apply_flags(self) -> None:
        flags = self.queue.take_flags()
        if flags.get("free_memory"):
            self.cache.clear()
            self.objects.clear()
