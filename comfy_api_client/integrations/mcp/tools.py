"""What the MCP tools do, on the client's asyncio pool (one server is a pool of one: a prompt
a restart wiped is posted again, once the server says it does not have it)."""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import json
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import anyio.lowlevel
from mcp.server.mcpserver import Context
from mcp.types import CallToolResult, ContentBlock, TextContent
from pydantic import BaseModel

from ..._async.client import AsyncComfyClient
from ..._async.pool import AsyncComfyPool
from ..._async.pool_prompt import AsyncPoolPrompt
from ...core.locate import Where, locate
from ...core.results import result_from_history_body
from ...core.tracker_records import PromptStatus
from ...errors import (
    ComfyError,
    ExecutionError,
    ExecutionInterrupted,
    NoServerAvailableError,
    OutputPathError,
    PromptNotFinishedError,
    PromptValidationError,
    WorkflowError,
)
from ...workflows.workflow import Workflow
from ..error_json import error_fields
from ..workflow_inputs import apply_inputs
from . import nodes, outputs
from .models import (
    Cancelled,
    Converted,
    DeviceInfo,
    ModelFiles,
    NodeDescription,
    NodeSearch,
    Problem,
    PromptState,
    ServerDescription,
    Servers,
    Uploaded,
    Validation,
    WorkflowFiles,
)
from .safety import Folder, Secrets

logger = logging.getLogger("comfy_api_client")

#: Seconds between two progress notifications while a prompt runs.
PROGRESS_INTERVAL = 0.25
#: Prompts submitted through this server that it still answers for by id.
KEPT_PROMPTS = 256
WORKFLOW_SUFFIXES = (".json", ".png", ".webp")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff")


@dataclass
class Folders:
    """The folders the user allowed: workflows read, input images read, outputs written."""

    workflows: Folder = field(default_factory=lambda: Folder("workflows", None, "--workflows"))
    inputs: Folder = field(default_factory=lambda: Folder("input images", None, "--inputs"))
    output_dir: Path | None = None


class ComfyTools:
    """The tools' work; each returns a ``CallToolResult`` (an error one for a typed error)."""

    def __init__(self, pool: AsyncComfyPool, folders: Folders, secrets: Secrets) -> None:
        self.pool = pool
        self.folders = folders
        self.secrets = secrets
        self.store = outputs.OutputStore()
        self._prompts: OrderedDict[str, AsyncPoolPrompt] = OrderedDict()

    # -- answers --------------------------------------------------------------------------

    def answer(self, model: BaseModel, blocks: list[ContentBlock] | None = None) -> CallToolResult:
        data = self.secrets.scrub(model.model_dump(mode="json"))
        if blocks is None:
            blocks = [TextContent(type="text", text=model.model_dump_json(indent=1))]
        blocks = [
            TextContent(type="text", text=self.secrets.scrub(b.text))
            if isinstance(b, TextContent)
            else b
            for b in blocks
        ]
        return CallToolResult(content=blocks, structured_content=data)

    def failure(self, error: BaseException) -> CallToolResult:
        """A tool error carrying the typed error's name, message and fields: a line to read,
        then the same as JSON. No structured content: clients check it against the tool's
        output schema, error or not (the TypeScript SDK's client does)."""
        kind = type(error).__name__
        message = self.secrets.scrub(str(error))
        data = {
            "error": kind,
            "message": message,
            "fields": self.secrets.scrub(error_fields(error)),
        }
        logger.info("tool error %s: %s", kind, message.splitlines()[0] if message else "")
        return CallToolResult(
            content=[
                TextContent(type="text", text=f"{kind}: {message}"),
                TextContent(type="text", text=json.dumps(data, indent=1, default=str)),
            ],
            is_error=True,
        )

    async def guarded(self, work: Callable[[], Awaitable[CallToolResult]]) -> CallToolResult:
        """Run a tool's work; any error becomes a tool error (the server goes on)."""
        try:
            return await work()
        except Exception as exc:
            return self.failure(exc)

    # -- workflows --------------------------------------------------------------------------

    def load(
        self,
        workflow: Mapping[str, Any] | None,
        workflow_file: str | None,
    ) -> Workflow:
        if (workflow is None) == (workflow_file is None):
            raise WorkflowError("give either 'workflow' (the JSON inline) or 'workflow_file'")
        if workflow_file is not None:
            data = self.folders.workflows.resolve(workflow_file).read_bytes()
            return Workflow.load(data)
        assert workflow is not None
        return Workflow.load(workflow)

    async def prepare(
        self,
        workflow: Mapping[str, Any] | None,
        workflow_file: str | None,
        set_values: Mapping[str, Any] | None,
        fill: Mapping[str, Any] | None,
        randomize_seeds: bool,
    ) -> Workflow:
        """The API-format workflow to run: loaded, converted, set, filled, seeds randomised."""
        loaded = self.load(workflow, workflow_file)
        if loaded.is_ui:
            loaded = await (await self.any_client()).convert_ui(loaded.ui or {})
        return apply_inputs(
            loaded,
            set_values,
            fill,
            randomize_seeds,
            lambda name: f"give each a value in 'fill' (e.g. {{{name!r}: ...}})",
        )

    async def submit(self, workflow: Workflow, validate: bool) -> AsyncPoolPrompt:
        """Queue it; a call cancelled meanwhile lets the post end (the client's deadlines
        bound it), then cancels the prompt: none is left running that nobody asked for."""
        with anyio.CancelScope(shield=True):
            prompt = await self.pool.submit_workflow(workflow, validate=validate)
        self._prompts[prompt.prompt_id] = prompt
        while len(self._prompts) > KEPT_PROMPTS:
            self._prompts.popitem(last=False)
        try:
            await anyio.lowlevel.checkpoint()
        except anyio.get_cancelled_exc_class():
            await self.withdraw(prompt)
            raise
        return prompt

    async def withdraw(self, prompt: AsyncPoolPrompt) -> None:
        """Cancel a prompt whose call was cancelled (shielded: the call is being cancelled)."""
        if prompt.future.done():
            return
        with anyio.CancelScope(shield=True):
            logger.info("the call was cancelled: cancelling prompt %s", prompt.prompt_id)
            try:
                await prompt.cancel()
            except ComfyError as exc:
                logger.warning("could not cancel prompt %s: %s", prompt.prompt_id, exc)

    async def follow(
        self,
        prompt: AsyncPoolPrompt,
        ctx: Context[Any, Any] | None,
        timeout: float | None,
        nodes_total: int,
        cancel_on_abandon: bool,
    ) -> CallToolResult:
        """Wait for the result, reporting progress; an abandoned wait (the agent cancelled the
        call) cancels the prompt when ``cancel_on_abandon``."""
        waiter = asyncio.ensure_future(prompt.result(timeout))
        done_so_far = 0.0
        try:
            while True:
                finished, _ = await asyncio.wait({waiter}, timeout=PROGRESS_INTERVAL)
                if finished:
                    break
                if ctx is not None:
                    fraction, message = progress_of(prompt, nodes_total)
                    if fraction >= done_so_far:
                        done_so_far = fraction
                        with contextlib.suppress(Exception):
                            await ctx.report_progress(done_so_far, 1.0, message)
        except BaseException:
            waiter.cancel()
            if cancel_on_abandon:
                await self.withdraw(prompt)
            raise
        result = waiter.result()
        return await self.finished(result, result.server)

    async def finished(self, result: Any, server: str | None) -> CallToolResult:
        earlier = self.store.saved(result.prompt_id)  # asked again: saved once
        saved: dict[int, str] = dict(earlier or {})
        refused: list[str] = []
        client = self.pool.client(server) if server else None
        if self.folders.output_dir is not None and client is not None and earlier is None:
            for index, file in enumerate(result.files):
                try:
                    path = await client.download(file, f"{self.folders.output_dir}/")
                    saved[index] = str(path)
                except OutputPathError as exc:
                    refused.append(f"node {file.node_id}: {exc}")
        self.store.keep(result.prompt_id, list(result.files), saved)
        summary, blocks = outputs.describe(result, server, saved)
        blocks += [TextContent(type="text", text=f"not saved: {r}") for r in refused]
        return self.answer(summary, blocks)

    async def any_client(self) -> AsyncComfyClient:
        await self.pool.open()
        for status in self.pool.servers:
            client = self.pool.client(status.name)
            if status.state == "up" and client is not None:
                return client
        raise NoServerAvailableError({s.name: ["down"] for s in self.pool.servers}, "this call")

    # -- prompts by id ----------------------------------------------------------------------

    def tracked(self, prompt_id: str) -> AsyncPoolPrompt | None:
        return self._prompts.get(prompt_id)

    async def find(self, prompt_id: str) -> tuple[str, str] | None:
        """A prompt this server does not follow: ``(server, status)`` where a server has it."""
        await self.pool.open()
        for status in self.pool.servers:
            client = self.pool.client(status.name)
            if client is None:
                continue
            try:
                where = locate(prompt_id, await client.get_queue()).where
                if where is Where.RUNNING:
                    return status.name, PromptStatus.RUNNING.value
                if where is Where.PENDING:
                    return status.name, PromptStatus.QUEUED.value
                result_from_history_body(prompt_id, await client.get_history(prompt_id))
                return status.name, PromptStatus.COMPLETED.value  # read, not downloaded
            except PromptNotFinishedError:
                continue
            except ExecutionInterrupted:
                return status.name, PromptStatus.INTERRUPTED.value
            except ExecutionError:
                return status.name, PromptStatus.FAILED.value
            except ComfyError as exc:
                logger.info("could not ask %s about prompt %s: %s", status.name, prompt_id, exc)
        return None

    async def state(self, prompt_id: str) -> PromptState:
        prompt = self.tracked(prompt_id)
        if prompt is None:
            found = await self.find(prompt_id)
            if found is None:
                return PromptState(prompt_id=prompt_id, status="unknown")
            return PromptState(prompt_id=prompt_id, status=found[1], server=found[0])
        progress = prompt.progress
        error = None
        if prompt.future.done() and not prompt.future.cancelled():
            exc = prompt.future.exception()
            error = f"{type(exc).__name__}: {exc}" if exc is not None else None
        return PromptState(
            prompt_id=prompt_id,
            status=prompt.status.value,
            server=prompt.server,
            node=progress.node if progress else None,
            value=progress.value if progress else None,
            max=progress.max if progress else None,
            error=error,
        )

    async def cancel(self, prompt_id: str) -> Cancelled:
        prompt = self.tracked(prompt_id)
        if prompt is not None:
            await prompt.cancel()
            with contextlib.suppress(Exception):  # it settles when the server says so
                await asyncio.wait_for(asyncio.shield(prompt.future), 5.0)
            return Cancelled(prompt_id=prompt_id, status=prompt.status.value)
        found = await self.find(prompt_id)
        if found is None:
            return Cancelled(prompt_id=prompt_id, status="unknown")
        client = self.pool.client(found[0])
        if client is not None and found[1] in ("queued", "running"):
            await client.cancel_prompt(prompt_id)
            return Cancelled(prompt_id=prompt_id, status="cancelled")
        return Cancelled(prompt_id=prompt_id, status=found[1])

    async def result_of(
        self, prompt_id: str, ctx: Context[Any, Any] | None, wait: bool, timeout: float | None
    ) -> CallToolResult:
        prompt = self.tracked(prompt_id)
        if prompt is not None:
            if not wait and not prompt.future.done():
                raise PromptNotFinishedError(prompt_id)
            return await self.follow(prompt, ctx, timeout, 0, cancel_on_abandon=False)
        found = await self.find(prompt_id)
        if found is None:
            raise LookupError(f"no server has prompt {prompt_id} (queued, running or in history)")
        client = self.pool.client(found[0])
        assert client is not None
        if wait:
            result = await client.wait_for_result(prompt_id, timeout)
        else:
            result = await client.fetch_results(prompt_id)
        return await self.finished(result, found[0])

    # -- validation ---------------------------------------------------------------------------

    async def validate(self, workflow: Workflow) -> Validation:
        try:
            checked = await self.pool.validate_workflow(workflow)
        except PromptValidationError as exc:
            problems = [
                Problem(
                    node_id=p.node_id,
                    class_type=p.class_type,
                    title=p.title,
                    input=p.input_name,
                    value=p.received_value,
                    reason=p.message + (f" [{p.details}]" if p.details else ""),
                    type=p.type,
                )
                for p in exc.problems
            ]
            return Validation(valid=False, nodes=len(workflow), problems=problems, message=str(exc))
        return Validation(valid=True, nodes=len(checked), problems=[], message="valid")

    async def convert(self, workflow: Workflow) -> Converted:
        if not workflow.is_ui:
            return Converted(workflow=workflow.to_dict(), nodes=len(workflow))
        converted = await (await self.any_client()).convert_ui(workflow.ui or {})
        return Converted(workflow=converted.to_dict(), nodes=len(converted))

    # -- the servers ---------------------------------------------------------------------------

    async def describe_servers(self) -> Servers:
        await self.pool.open()
        found = []
        for status in self.pool.servers:
            entry = ServerDescription(name=status.name, state=str(status.state), error=status.error)
            client = self.pool.client(status.name)
            if client is not None and status.state != "down":
                try:
                    await _describe(client, entry)
                except ComfyError as exc:
                    entry.error = str(exc)
            found.append(entry)
        return Servers(servers=found)

    async def node_info(self) -> dict[str, Any]:
        return await (await self.any_client()).node_definitions()

    async def search_nodes(self, query: str, category: str | None, limit: int) -> NodeSearch:
        matches = nodes.search(await self.node_info(), query, category)
        return NodeSearch(matches=matches[: max(limit, 1)], total=len(matches))

    async def describe_node(self, name: str) -> NodeDescription:
        info = await self.node_info()
        body = info.get(name)
        if not isinstance(body, Mapping):
            near = [n.name for n in nodes.search(info, name, None)[:5]]
            hint = f"; did you mean {', '.join(near)}?" if near else "; try search_nodes"
            raise LookupError(f"the server has no node class {name!r}{hint}")
        return nodes.describe(name, body)

    async def models(self, folder: str | None) -> ModelFiles:
        client = await self.any_client()
        if folder is None:
            return ModelFiles(folder=None, folders=sorted(await client.get_models()))
        return ModelFiles(folder=folder, files=sorted(await client.get_models(folder)))

    async def upload(
        self,
        path: str | None,
        data_base64: str | None,
        name: str | None,
        subfolder: str | None,
        overwrite: bool,
    ) -> Uploaded:
        if (path is None) == (data_base64 is None):
            raise WorkflowError("give either 'path' (in the input images folder) or 'data_base64'")
        if path is not None:
            source = self.folders.inputs.resolve(path)
            data = source.read_bytes()
            name = name or source.name
        else:
            assert data_base64 is not None
            try:
                data = base64.b64decode(data_base64, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise WorkflowError(f"data_base64 is not base64: {exc}") from None
            if not name:
                raise WorkflowError("give the image a 'name' (e.g. 'photo.png')")
        if "/" in name or "\\" in name or name in (".", ".."):
            raise WorkflowError(f"name {name!r}: a file name, without folders (use 'subfolder')")
        if subfolder and (".." in Path(subfolder).parts or Path(subfolder).is_absolute()):
            raise WorkflowError(f"subfolder {subfolder!r}: a relative folder, without '..'")
        await self.pool.open()
        uploaded: list[Uploaded] = []
        for status in self.pool.servers:  # every server: the workflow may run on any of them
            client = self.pool.client(status.name)
            if client is None or status.state == "down":
                continue
            body = (await client.upload_image(name, data, subfolder, overwrite)).to_dict()
            uploaded.append(
                Uploaded(
                    name=str(body.get("name", name)),
                    subfolder=str(body.get("subfolder") or ""),
                    type=str(body.get("type") or "input"),
                )
            )
        if not uploaded:
            raise NoServerAvailableError({s.name: ["down"] for s in self.pool.servers}, "upload")
        return uploaded[0]

    def workflow_files(self) -> WorkflowFiles:
        return WorkflowFiles(files=self.folders.workflows.listing(WORKFLOW_SUFFIXES))

    async def read_output(self, prompt_id: str, index: str) -> bytes:
        return self.store.read(prompt_id, index)


async def _describe(client: AsyncComfyClient, entry: ServerDescription) -> None:
    stats = (await client.get_system_stats()).to_dict()
    system = stats.get("system") or {}
    entry.version = str(system.get("comfyui_version") or "") or None
    entry.python_version = str(system.get("python_version") or "") or None
    entry.os = str(system.get("os") or "") or None
    entry.devices = [
        DeviceInfo(
            name=str(d.get("name", "")),
            type=str(d.get("type", "")),
            vram_total=d.get("vram_total"),
            vram_free=d.get("vram_free"),
        )
        for d in stats.get("devices") or []
        if isinstance(d, Mapping)
    ]
    queue = await client.get_queue()
    entry.queue_running, entry.queue_pending = len(queue.running), len(queue.pending)


def progress_of(prompt: AsyncPoolPrompt, nodes_total: int) -> tuple[float, str]:
    """``(fraction done, what is happening)`` of a prompt, for a progress notification."""
    status = prompt.status
    progress = prompt.progress
    if status is not PromptStatus.RUNNING or progress is None:
        return 0.0, f"{status.value} on {prompt.server or 'no server yet'}"
    done = sum(1 for n in progress.nodes.values() if n.state == "finished")
    done += len(progress.cached_nodes)
    step = 0.0
    if progress.value is not None and progress.max:
        step = min(max(progress.value / progress.max, 0.0), 1.0)
    total = max(nodes_total, done + 1, 1)
    message = f"running node {progress.node or '?'}"
    if progress.value is not None and progress.max:
        message += f" {progress.value:g}/{progress.max:g}"
    return min((done + step) / total, 0.99), message
