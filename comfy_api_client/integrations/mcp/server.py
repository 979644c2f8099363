"""The MCP server: the tools an agent sees (names, descriptions, typed inputs, output
schemas), on one ComfyUI server or a pool of them."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio
from mcp.server.mcpserver import Context, MCPServer
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import Field

from ... import __version__, create_async_pool
from .models import (
    Cancelled,
    Converted,
    ModelFiles,
    NodeDescription,
    NodeSearch,
    PromptState,
    RunResult,
    Servers,
    Submitted,
    Uploaded,
    Validation,
    WorkflowFiles,
)
from .safety import Folder, Secrets, install_log_filter
from .tools import ComfyTools, Folders

INSTRUCTIONS = """Runs ComfyUI workflows through comfy-api-client.
Start with describe_server, then search_nodes/describe_node to learn the node classes and
list_models for model files. run_workflow runs an API-format (or UI-format) workflow and
returns its images; use submit_workflow + get_prompt_status/get_prompt_result for long runs
(video). validate_workflow explains what is wrong with a workflow, node by node."""

WorkflowArg = Annotated[
    dict[str, Any] | None,
    Field(
        description="the workflow JSON: API format ({node_id: {class_type, inputs}}) or the "
        "editor's UI format (converted on the server's node definitions)"
    ),
]
WorkflowFileArg = Annotated[
    str | None,
    Field(description="instead of 'workflow': a file in the workflows folder (list_workflows)"),
]
SetArg = Annotated[
    dict[str, Any] | None,
    Field(
        description="inputs to set: {'NODE.INPUT': value}; NODE is a node id, title or class "
        "type (e.g. {'KSampler.seed': 42, 'Positive Prompt.text': 'a cat'})"
    ),
]
FillArg = Annotated[
    dict[str, Any] | None,
    Field(description="values of the workflow's {{NAME}} placeholders: {'NAME': value}"),
]
SeedsArg = Annotated[bool, Field(description="give every seed input a new random value")]
TimeoutArg = Annotated[
    float | None,
    Field(
        description="seconds to wait at most (default: until it ends; the client's own "
        "deadlines and reconnects apply)",
        gt=0,
    ),
]
PromptIdArg = Annotated[str, Field(description="the prompt id run/submit_workflow returned")]


@dataclass
class Settings:
    """How ``comfy-api-client mcp`` was started."""

    servers: list[str]
    client_options: dict[str, Any] = field(default_factory=dict)
    workflows: Path | None = None
    inputs: Path | None = None
    output_dir: Path | None = None
    max_attempts: int = 3


def build(settings: Settings) -> tuple[MCPServer[Any], ComfyTools]:
    """The MCP server and its tools (the pool opens at the first call that needs it)."""
    options = dict(settings.client_options)
    options["download_outputs"] = True
    headers: Mapping[str, str] = options.get("headers") or {}
    secrets = Secrets(settings.servers, headers)
    pool = create_async_pool(settings.servers, max_attempts=settings.max_attempts, **options)
    folders = Folders(
        workflows=Folder("workflows", settings.workflows, "--workflows"),
        inputs=Folder("input images", settings.inputs, "--inputs"),
        output_dir=settings.output_dir.resolve() if settings.output_dir else None,
    )
    tools = ComfyTools(pool, folders, secrets)
    server: MCPServer[Any] = MCPServer(
        "comfy-api-client", instructions=INSTRUCTIONS, version=__version__, log_level="WARNING"
    )
    install_log_filter(secrets)
    _register(server, tools)
    return server, tools


def _register(server: MCPServer[Any], t: ComfyTools) -> None:
    readonly = ToolAnnotations(read_only_hint=True, open_world_hint=False)
    runs = ToolAnnotations(read_only_hint=False, destructive_hint=False, open_world_hint=False)

    @server.tool(
        description="Run a ComfyUI workflow and return its outputs: images (a preview when "
        "large, the full file as a resource), texts, other files as resources. Progress is "
        "notified while it runs; cancelling the call cancels the prompt on the server.",
        annotations=runs,
    )
    async def run_workflow(
        ctx: Context[Any, Any],
        workflow: WorkflowArg = None,
        workflow_file: WorkflowFileArg = None,
        set: SetArg = None,
        fill: FillArg = None,
        randomize_seeds: SeedsArg = False,
        validate: Annotated[bool, Field(description="check it before sending")] = True,
        timeout: TimeoutArg = None,
    ) -> Annotated[CallToolResult, RunResult]:
        async def work() -> CallToolResult:
            wf = await t.prepare(workflow, workflow_file, set, fill, randomize_seeds)
            prompt = await t.submit(wf, validate)
            return await t.follow(prompt, ctx, timeout, len(wf), cancel_on_abandon=True)

        return await t.guarded(work)

    @server.tool(
        description="Queue a workflow without waiting (long runs such as video); returns the "
        "prompt id for get_prompt_status, get_prompt_result and cancel_prompt.",
        annotations=runs,
    )
    async def submit_workflow(
        workflow: WorkflowArg = None,
        workflow_file: WorkflowFileArg = None,
        set: SetArg = None,
        fill: FillArg = None,
        randomize_seeds: SeedsArg = False,
        validate: Annotated[bool, Field(description="check it before sending")] = True,
    ) -> Annotated[CallToolResult, Submitted]:
        async def work() -> CallToolResult:
            wf = await t.prepare(workflow, workflow_file, set, fill, randomize_seeds)
            prompt = await t.submit(wf, validate)
            found = Submitted(
                prompt_id=prompt.prompt_id, server=prompt.server, status=prompt.status.value
            )
            return t.answer(found)

        return await t.guarded(work)

    @server.tool(
        description="Where a prompt is: queued, running (which node, its step), completed, "
        "failed, interrupted, cancelled or lost.",
        annotations=readonly,
    )
    async def get_prompt_status(prompt_id: PromptIdArg) -> Annotated[CallToolResult, PromptState]:
        return await t.guarded(lambda: _as(t, t.state(prompt_id)))

    @server.tool(
        description="The outputs of a submitted prompt, as run_workflow returns them; waits "
        "for it (with progress) unless wait=false. Cancelling this call does not cancel it.",
        annotations=readonly,
    )
    async def get_prompt_result(
        ctx: Context[Any, Any],
        prompt_id: PromptIdArg,
        wait: Annotated[
            bool, Field(description="wait until it ends (else fail if not done)")
        ] = True,
        timeout: TimeoutArg = None,
    ) -> Annotated[CallToolResult, RunResult]:
        return await t.guarded(lambda: t.result_of(prompt_id, ctx, wait, timeout))

    @server.tool(
        description="Cancel a prompt: removed if queued, interrupted if running (others are "
        "not touched).",
        annotations=ToolAnnotations(destructive_hint=True, idempotent_hint=True),
    )
    async def cancel_prompt(prompt_id: PromptIdArg) -> Annotated[CallToolResult, Cancelled]:
        return await t.guarded(lambda: _as(t, t.cancel(prompt_id)))

    @server.tool(
        description="Check a workflow against the server's node classes and files without "
        "running it; every problem as node, input, value and reason.",
        annotations=readonly,
    )
    async def validate_workflow(
        workflow: WorkflowArg = None,
        workflow_file: WorkflowFileArg = None,
        set: SetArg = None,
        fill: FillArg = None,
    ) -> Annotated[CallToolResult, Validation]:
        async def work() -> CallToolResult:
            wf = await t.prepare(workflow, workflow_file, set, fill, False)
            return t.answer(await t.validate(wf))

        return await t.guarded(work)

    @server.tool(
        description="Convert a workflow saved by the ComfyUI editor (UI format: nodes and "
        "links) to the API format run_workflow takes, on the server's node definitions.",
        annotations=readonly,
    )
    async def convert_ui_workflow(
        workflow: WorkflowArg = None, workflow_file: WorkflowFileArg = None
    ) -> Annotated[CallToolResult, Converted]:
        return await t.guarded(lambda: _as(t, t.convert(t.load(workflow, workflow_file))))

    @server.tool(
        description="The ComfyUI server(s): state, version, devices (GPU, VRAM), queue.",
        annotations=readonly,
    )
    async def describe_server() -> Annotated[CallToolResult, Servers]:
        return await t.guarded(lambda: _as(t, t.describe_servers()))

    @server.tool(
        description="Find node classes by words (e.g. 'upscale image', 'load checkpoint').",
        annotations=readonly,
    )
    async def search_nodes(
        query: Annotated[str, Field(description="words to find (name, title, description)")],
        category: Annotated[str | None, Field(description="e.g. 'sampling', 'image'")] = None,
        limit: Annotated[int, Field(ge=1, le=200)] = 25,
    ) -> Annotated[CallToolResult, NodeSearch]:
        return await t.guarded(lambda: _as(t, t.search_nodes(query, category, limit)))

    @server.tool(
        description="One node class: its inputs (type, choices, default, min/max), outputs.",
        annotations=readonly,
    )
    async def describe_node(
        name: Annotated[str, Field(description="the class type, e.g. 'KSampler'")],
    ) -> Annotated[CallToolResult, NodeDescription]:
        return await t.guarded(lambda: _as(t, t.describe_node(name)))

    @server.tool(
        description="The model files of a folder (the names loader nodes take), or the folders.",
        annotations=readonly,
    )
    async def list_models(
        folder: Annotated[
            str | None, Field(description="e.g. 'checkpoints', 'loras', 'vae'; none: the folders")
        ] = None,
    ) -> Annotated[CallToolResult, ModelFiles]:
        return await t.guarded(lambda: _as(t, t.models(folder)))

    @server.tool(
        description="Upload an image to the server's input folder (every server of a pool); "
        "give the returned name to a LoadImage node's 'image' input.",
        annotations=ToolAnnotations(destructive_hint=False, open_world_hint=False),
    )
    async def upload_image(
        path: Annotated[str | None, Field(description="a file in the input images folder")] = None,
        data_base64: Annotated[str | None, Field(description="or the image, base64")] = None,
        name: Annotated[str | None, Field(description="name on the server")] = None,
        subfolder: Annotated[str | None, Field(description="subfolder of input/")] = None,
        overwrite: bool = True,
    ) -> Annotated[CallToolResult, Uploaded]:
        return await t.guarded(
            lambda: _as(t, t.upload(path, data_base64, name, subfolder, overwrite))
        )

    @server.tool(
        description="The workflow files in the workflows folder the user allowed.",
        annotations=readonly,
    )
    async def list_workflows() -> Annotated[CallToolResult, WorkflowFiles]:
        return await t.guarded(lambda: _sync(t, t.workflow_files()))

    server.resource(
        "comfyui://outputs/{prompt_id}/{index}",
        name="output",
        description="An output file of a prompt this server returned (full size).",
        mime_type="application/octet-stream",
    )(t.read_output)


async def _as(t: ComfyTools, work: Any) -> CallToolResult:
    return t.answer(await work)


async def _sync(t: ComfyTools, model: Any) -> CallToolResult:
    return t.answer(model)


async def serve(
    settings: Settings,
    transport: Literal["stdio", "streamable-http"] = "stdio",
    host: str = "127.0.0.1",
    port: int = 8000,
) -> None:
    """Serve until the client goes away (stdio) or the process is stopped (HTTP)."""
    server, tools = build(settings)
    async with contextlib.AsyncExitStack() as stack:
        stack.push_async_callback(tools.pool.close)
        if transport == "stdio":
            await server.run_stdio_async()
        else:
            await server.run_streamable_http_async(host=host, port=port)


def run(
    settings: Settings, transport: Literal["stdio", "streamable-http"], host: str, port: int
) -> None:
    anyio.run(serve, settings, transport, host, port)


__all__ = ["Settings", "build", "run", "serve"]
