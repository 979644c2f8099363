"""The structured results of the MCP tools (their output schemas)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class OutputFileInfo(BaseModel):
    """One file a node produced."""

    node_id: str
    kind: str = Field(description="image, video, audio, text, 3d, ... (by the output's key)")
    filename: str
    subfolder: str
    type: str = Field(description="output, temp, or websocket (sent over the socket)")
    content_type: str
    size: int | None = Field(default=None, description="bytes, when downloaded")
    resource_uri: str | None = Field(default=None, description="read it with resources/read")
    saved_path: str | None = Field(
        default=None, description="where it was saved under the output folder"
    )
    preview: str | None = Field(default=None, description="how the image content shows it")


class RunResult(BaseModel):
    """A finished prompt: its files and texts."""

    prompt_id: str
    status: str
    server: str | None = Field(default=None, description="the ComfyUI server that ran it")
    files: list[OutputFileInfo]
    texts: dict[str, list[str]] = Field(description="node id -> texts the node output")
    cached_nodes: list[str] = Field(default_factory=list)


class Submitted(BaseModel):
    """A queued prompt: follow it with get_prompt_status / get_prompt_result."""

    prompt_id: str
    server: str | None
    status: str


class PromptState(BaseModel):
    """Where a prompt is now."""

    prompt_id: str
    status: str = Field(
        description="submitting, queued, running, success, error, interrupted, cancelled, "
        "lost, or unknown (not followed by this server)"
    )
    server: str | None = None
    node: str | None = Field(default=None, description="the node running now")
    value: float | None = Field(default=None, description="its step progress")
    max: float | None = None
    error: str | None = None


class Cancelled(BaseModel):
    prompt_id: str
    status: str = Field(description="what the prompt's status was after the cancel")


class Problem(BaseModel):
    """One reason a workflow is invalid."""

    node_id: str | None
    class_type: str | None
    title: str | None = None
    input: str | None = Field(default=None, description="the input at fault")
    value: Any = Field(default=None, description="the value it was given")
    reason: str
    type: str = Field(description="the server's error type (value_not_in_list, ...)")


class Validation(BaseModel):
    valid: bool
    nodes: int = Field(description="nodes in the API-format workflow")
    problems: list[Problem]
    message: str = ""


class Converted(BaseModel):
    workflow: dict[str, Any] = Field(description="the API-format workflow")
    nodes: int


class DeviceInfo(BaseModel):
    name: str
    type: str
    vram_total: int | None = None
    vram_free: int | None = None


class ServerDescription(BaseModel):
    name: str
    state: str = Field(description="up, down or recovering")
    version: str | None = None
    python_version: str | None = None
    os: str | None = None
    devices: list[DeviceInfo] = Field(default_factory=list)
    queue_running: int | None = None
    queue_pending: int | None = None
    error: str | None = None


class Servers(BaseModel):
    servers: list[ServerDescription]


class NodeSummary(BaseModel):
    name: str
    display_name: str
    category: str
    description: str


class NodeSearch(BaseModel):
    matches: list[NodeSummary]
    total: int = Field(description="how many classes matched (matches is at most limit)")


class NodeInput(BaseModel):
    name: str
    required: bool
    type: str = Field(description="IMAGE, INT, FLOAT, STRING, COMBO, ... (links for types in CAPS)")
    choices: list[Any] | None = None
    default: Any = None
    min: float | None = None
    max: float | None = None
    tooltip: str | None = None


class NodeOutput(BaseModel):
    name: str
    type: str


class NodeDescription(BaseModel):
    name: str
    display_name: str
    category: str
    description: str
    output_node: bool
    inputs: list[NodeInput]
    outputs: list[NodeOutput]


class ModelFiles(BaseModel):
    folder: str | None = Field(default=None, description="None: 'folders' lists the model folders")
    files: list[str] = Field(default_factory=list)
    folders: list[str] = Field(default_factory=list)


class Uploaded(BaseModel):
    name: str = Field(description="give this to LoadImage's 'image' input")
    subfolder: str
    type: str


class WorkflowFiles(BaseModel):
    files: list[str]
