"""The requests both clients send, with the meaning of their answers (like httpx's BaseClient):
prompts, queue and history, server information, users and settings, jobs.

Each function returns a :class:`~comfy_api_client.calls.transport.Call`; the clients only send it.
Files and user data are in :mod:`comfy_api_client.calls.files`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from comfyui_openapi.types import Response

from ..core.queue_state import QueueState, parse_queue
from ..core.results import history_body_problem
from . import transport as r
from .transport import Call, JsonBody

if TYPE_CHECKING:  # the generated models take long to import: only for type hints
    from comfyui_openapi.models import Job, JobList

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PromptInfo:
    """What ``POST /prompt`` answered."""

    prompt_id: str
    number: float
    node_errors: dict[str, Any]


# -- prompts, queue, history --------------------------------------------------------------------


def post_prompt(request: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """``POST /prompt``: its answer must be ``{"prompt_id": <the id sent>, "number": n,
    "node_errors": {...}}``; anything else is an ``UnreadableResponseError`` (never a repost)."""
    prompt_id = str(request.get("prompt_id"))

    def interpret(call: Call[Any], response: Response[Any]) -> dict[str, Any]:
        body = r.read_json(call, response)
        problem = prompt_answer_problem(prompt_id, body)
        if problem:
            raise r.unreadable(call, body, problem)
        return dict(body)

    return Call(
        "prompt.post_prompt",
        {"body": JsonBody(request)},
        "POST",
        "/prompt",
        interpret,
        prompt=request.get("prompt"),
    )


def prompt_answer_problem(prompt_id: str, body: object) -> str:
    """What is wrong with a ``POST /prompt`` success answer for ``prompt_id`` ("" if nothing)."""
    if not isinstance(body, Mapping):
        return "expected an object" if body is not None else "the answer is null"
    if body.get("prompt_id") != prompt_id:
        return f"expected prompt_id {prompt_id!r}, got {body.get('prompt_id')!r}"
    number = body.get("number", 0)
    if isinstance(number, bool) or not isinstance(number, int | float):
        return f"'number' is not a number: {number!r:.60}"
    node_errors = body.get("node_errors")
    if node_errors is not None and not isinstance(node_errors, Mapping):
        return "'node_errors' is not an object"
    return ""


def prompt_info(prompt_id: str, body: Mapping[str, Any]) -> PromptInfo:
    return PromptInfo(
        prompt_id=str(body.get("prompt_id") or prompt_id),
        number=body.get("number", 0),
        node_errors=dict(body.get("node_errors") or {}),
    )


def get_prompt() -> Call[int]:
    def interpret(call: Call[int], response: Response[Any]) -> int:
        return int(r.read_json(call, response)["exec_info"]["queue_remaining"])

    return r.call("prompt.get_prompt", "GET", "/prompt", interpret)


def get_queue() -> Call[QueueState]:
    return r.call(
        "queue.get_queue",
        "GET",
        "/queue",
        lambda c, resp: QueueState.from_body(r.read_json(c, resp)),
    )


def get_queue_raw() -> Call[Any]:
    """``/queue`` for the tracker: a body it cannot read in full is a failed request (retried),
    never an empty queue that would make every prompt look finished."""

    def interpret(call: Call[Any], response: Response[Any]) -> Any:
        body = r.read_json(call, response)
        if parse_queue(body, strict=True) is None:
            raise r.unreadable(call, body)
        return body

    return r.call("queue.get_queue", "GET", "/queue", interpret)


def post_queue(clear: bool = False, delete: list[str] | None = None) -> Call[None]:
    from comfyui_openapi.models import QueueRequest

    body = QueueRequest.from_dict(_clear_or_delete(clear, delete))
    return r.call("queue.post_queue", "POST", "/queue", r.nothing, body=body)


def post_interrupt(prompt_id: str | None) -> Call[None]:
    from comfyui_openapi.models import InterruptRequest

    body = {"prompt_id": prompt_id} if prompt_id else {}
    return r.call(
        "queue.post_interrupt",
        "POST",
        "/interrupt",
        r.nothing,
        body=InterruptRequest.from_dict(body),
    )


def post_free(unload_models: bool, free_memory: bool) -> Call[None]:
    from comfyui_openapi.models import FreeRequest

    body = {"unload_models": unload_models, "free_memory": free_memory}
    return r.call("queue.post_free", "POST", "/free", r.nothing, body=FreeRequest.from_dict(body))


def get_history(max_items: int | None, offset: int | None) -> Call[dict[str, Any]]:
    return r.call(
        "history.get_history",
        "GET",
        "/history",
        r.read_json,
        max_items=r.unset(max_items),
        offset=r.unset(offset),
    )


def get_history_by_id(prompt_id: str) -> Call[dict[str, Any]]:
    """``/history/{id}``: ``{}`` or ``{id: entry}``; any other body is an error, not "no entry"."""

    def interpret(call: Call[Any], response: Response[Any]) -> dict[str, Any]:
        body = r.read_json(call, response)
        problem = history_body_problem(prompt_id, body)
        if problem:
            raise r.unreadable(call, body, problem)
        return dict(body)

    return r.call(
        "history.get_history_by_id", "GET", f"/history/{prompt_id}", interpret, prompt_id=prompt_id
    )


def post_history(clear: bool = False, delete: list[str] | None = None) -> Call[None]:
    from comfyui_openapi.models import HistoryRequest

    body = HistoryRequest.from_dict(_clear_or_delete(clear, delete))
    return r.call("history.post_history", "POST", "/history", r.nothing, body=body)


def _clear_or_delete(clear: bool, delete: list[str] | None) -> dict[str, Any]:
    """The body ``POST /queue`` and ``POST /history`` share: clear all, or delete these."""
    body: dict[str, Any] = {"clear": True} if clear else {}
    if delete is not None:
        body["delete"] = delete
    return body


# -- server information ----------------------------------------------------------------------------


def get_system_stats() -> Call[Any]:
    return r.model_call("system.get_system_stats", "GET", "/system_stats", r.parsed)


def get_features() -> Call[Any]:
    return r.model_call("system.get_features", "GET", "/features", r.parsed)


def get_embeddings() -> Call[list[str]]:
    return r.call("system.get_embeddings", "GET", "/embeddings", r.read_json)


def get_extensions() -> Call[list[str]]:
    return r.call("system.get_extensions", "GET", "/extensions", r.read_json)


def get_models(folder: str | None) -> Call[list[str]]:
    if folder is None:
        return r.call("models.get_models", "GET", "/models", r.read_json)
    return r.call(
        "models.get_models_by_folder", "GET", f"/models/{folder}", r.read_json, folder=folder
    )


def get_object_info(node_class: str | None) -> Call[dict[str, Any]]:
    if node_class is None:
        whole = r.call("nodes.get_object_info", "GET", "/object_info", r.read_object)
        return replace(whole, large=True)
    return r.call(
        "nodes.get_object_info_by_class",
        "GET",
        f"/object_info/{node_class}",
        r.read_object,
        node_class=node_class,
    )


# -- users and settings -----------------------------------------------------------------------------


def get_users() -> Call[Any]:
    return r.model_call("users.get_users", "GET", "/users", r.parsed)


def post_users(username: str) -> Call[str]:
    from comfyui_openapi.models import CreateUserRequest

    return r.call(
        "users.post_users",
        "POST",
        "/users",
        r.read_json,
        body=CreateUserRequest.from_dict({"username": username}),
    )


def get_settings() -> Call[dict[str, Any]]:
    return r.call("settings.get_settings", "GET", "/settings", r.read_object)


def get_setting(setting_id: str) -> Call[Any]:
    return r.call(
        "settings.get_setting", "GET", f"/settings/{setting_id}", r.read_json, id=setting_id
    )


def post_settings(settings: Mapping[str, Any]) -> Call[None]:
    from comfyui_openapi.models import PostSettingsBody

    return r.call(
        "settings.post_settings",
        "POST",
        "/settings",
        r.nothing,
        body=PostSettingsBody.from_dict(dict(settings)),
    )


def post_setting(setting_id: str, value: Any) -> Call[None]:
    return r.call(
        "settings.post_setting",
        "POST",
        f"/settings/{setting_id}",
        r.nothing,
        id=setting_id,
        body=value,
    )


# -- jobs (listing since ComfyUI 0.8, the cancel routes since 0.33) ---------------------------------


def list_jobs(**filters: Any) -> Call[JobList]:
    """One page of ``GET /api/jobs`` (``status``, ``workflow_id``, ``sort_by``, ``sort_order``,
    ``limit``, ``offset``); statuses may be a list."""
    from comfyui_openapi.models import JobList

    params = {k: r.unset(v) for k, v in filters.items()}
    status = filters.get("status")
    if isinstance(status, list | tuple | set | frozenset):
        params["status"] = ",".join(str(s) for s in status)
    return r.call("jobs.list_jobs", "GET", "/api/jobs", r.model(JobList), **params)


def get_job(job_id: str) -> Call[Job]:
    from comfyui_openapi.models import Job

    return r.call("jobs.get_job", "GET", f"/api/jobs/{job_id}", r.model(Job), job_id=job_id)


def _cancelled(call: Call[bool], response: Response[Any]) -> bool:
    return bool(r.read_json(call, response)["cancelled"])


def cancel_job(job_id: str) -> Call[bool]:
    return r.call(
        "jobs.cancel_job", "POST", f"/api/jobs/{job_id}/cancel", _cancelled, job_id=job_id
    )


def cancel_jobs(job_ids: list[str]) -> Call[bool]:
    from comfyui_openapi.models import CancelJobsRequest

    return r.call(
        "jobs.cancel_jobs",
        "POST",
        "/api/jobs/cancel",
        _cancelled,
        body=CancelJobsRequest.from_dict({"job_ids": job_ids}),
    )


# -- registries (ComfyUI 0.33 and later) --------------------------------------------------------------


def get_node_replacements() -> Call[dict[str, Any]]:
    """``/node_replacements``: deprecated node class -> its replacements, as sent."""
    return r.call("nodes.get_node_replacements", "GET", "/node_replacements", r.read_object)


def get_global_subgraphs() -> Call[dict[str, Any]]:
    """``/global_subgraphs``: blueprint id -> ``{source, name, info}``."""
    return r.call("subgraphs.get_global_subgraphs", "GET", "/global_subgraphs", r.read_object)


def get_global_subgraph(subgraph_id: str) -> Call[dict[str, Any] | None]:
    """One blueprint with its ``data`` parsed (the server sends it as a JSON string); None
    for an unknown id (the server answers ``null``)."""

    def interpret(call: Call[Any], response: Response[Any]) -> dict[str, Any] | None:
        body = r.read_json(call, response)
        if body is None:
            return None
        if not isinstance(body, dict):
            raise r.unreadable(call, body)
        if isinstance(body.get("data"), str):
            body["data"] = json.loads(body["data"])
        return body

    return r.call(
        "subgraphs.get_global_subgraph",
        "GET",
        f"/global_subgraphs/{subgraph_id}",
        interpret,
        id=subgraph_id,
    )


def server_info_bodies() -> tuple[Call[Any], Call[Any]]:
    """``/system_stats`` and ``/features`` as sent, for :class:`ServerInfo`."""
    return (
        r.call("system.get_system_stats", "GET", "/system_stats", r.read_json),
        r.call("system.get_features", "GET", "/features", r.read_json),
    )
