"""The requests both clients send, with the meaning of their answers (like httpx's BaseClient):
prompts, queue and history, server information, users and settings, jobs.

Each function returns a :class:`~comfy_api_client.transport.Call`; the clients only send it.
Files and user data are in :mod:`comfy_api_client.file_calls`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, TypeVar

from comfyui_openapi.types import Response

from . import responses as r
from .errors import ComfyHTTPError
from .protocol import history_readable
from .queue import QueueState, parse_queue
from .transport import Call

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PromptInfo:
    """What ``POST /prompt`` answered."""

    prompt_id: str
    number: float
    node_errors: dict[str, Any]


# -- prompts, queue, history --------------------------------------------------------------------


def post_prompt(request: Mapping[str, Any]) -> Call[dict[str, Any]]:
    from comfyui_openapi.models import PromptRequest

    return Call(
        "prompt.post_prompt",
        {"body": PromptRequest.from_dict(dict(request))},
        "POST",
        "/prompt",
        r.read_json,
        prompt=request.get("prompt"),
    )


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

    body: dict[str, Any] = {"clear": True} if clear else {}
    if delete is not None:
        body["delete"] = delete
    return r.call(
        "queue.post_queue", "POST", "/queue", r.nothing, body=QueueRequest.from_dict(body)
    )


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
        if not history_readable(prompt_id, body):
            raise r.unreadable(call, body)
        return dict(body)

    return r.call(
        "history.get_history_by_id", "GET", f"/history/{prompt_id}", interpret, prompt_id=prompt_id
    )


def post_history(clear: bool = False, delete: list[str] | None = None) -> Call[None]:
    from comfyui_openapi.models import HistoryRequest

    body: dict[str, Any] = {"clear": True} if clear else {}
    if delete is not None:
        body["delete"] = delete
    return r.call(
        "history.post_history", "POST", "/history", r.nothing, body=HistoryRequest.from_dict(body)
    )


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
        return r.call("nodes.get_object_info", "GET", "/object_info", r.read_json)
    return r.call(
        "nodes.get_object_info_by_class",
        "GET",
        f"/object_info/{node_class}",
        r.read_json,
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
    return r.call("settings.get_settings", "GET", "/settings", r.read_json)


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


# -- jobs (newer ComfyUI) -----------------------------------------------------------------------------


def _jobs(inner: Callable[[Call[T], Response[Any]], T]) -> Callable[[Call[T], Response[Any]], T]:
    """A 404 for the jobs list means the server predates the jobs API: say so."""

    def interpret(call: Call[T], response: Response[Any]) -> T:
        if response.status_code == HTTPStatus.NOT_FOUND and call.path == "/api/jobs":
            raise ComfyHTTPError(
                404,
                call.method,
                call.path,
                response.content,
                message="this ComfyUI has no jobs API (GET /api/jobs answered 404); it needs a newer server",
            )
        return inner(call, response)

    return interpret


def list_jobs(**filters: Any) -> Call[Any]:
    return r.model_call(
        "jobs.list_jobs",
        "GET",
        "/api/jobs",
        _jobs(r.parsed),
        **{k: r.unset(v) for k, v in filters.items()},
    )


def get_job(job_id: str) -> Call[Any]:
    return r.model_call(
        "jobs.get_job", "GET", f"/api/jobs/{job_id}", _jobs(r.parsed), job_id=job_id
    )


def cancel_job(job_id: str) -> Call[bool]:
    return r.call(
        "jobs.cancel_job",
        "POST",
        f"/api/jobs/{job_id}/cancel",
        _jobs(lambda c, resp: bool(r.read_json(c, resp)["cancelled"])),
        job_id=job_id,
    )


def cancel_jobs(job_ids: list[str]) -> Call[bool]:
    from comfyui_openapi.models import CancelJobsRequest

    return r.call(
        "jobs.cancel_jobs",
        "POST",
        "/api/jobs/cancel",
        _jobs(lambda c, resp: bool(r.read_json(c, resp)["cancelled"])),
        body=CancelJobsRequest.from_dict({"job_ids": job_ids}),
    )
