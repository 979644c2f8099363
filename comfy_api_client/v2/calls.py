"""One function per Comfy API v2 request (the generated ``comfy_api_v2_openapi`` sends it),
with the meaning of its answer, and the v2 error envelope as the client's typed errors."""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable, Mapping
from io import BytesIO
from typing import Any

from comfyui_openapi.types import Response

from ..calls.transport import Call
from ..errors import (
    ComfyHTTPError,
    PromptValidationError,
    UnreadableResponseError,
    status_error,
)
from ..formats import as_mapping

#: The generated package the v2 calls go through.
PACKAGE = "comfy_api_v2_openapi"
#: Error codes of a workflow the server refused.
_REJECTED = {"invalid_workflow", "workflow_format_ui"}


def _call(
    endpoint: str,
    method: str,
    path: str,
    interpret: Any,
    prompt: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> Call[Any]:
    return Call(f"{PACKAGE}:{endpoint}", kwargs, method, path, interpret, prompt=prompt)


def _json(
    ok: tuple[int, ...] = (200,), problem: Callable[[dict[str, Any]], str] | None = None
) -> Any:
    """Interpret an answer as a JSON object (``problem`` says what else is wrong with it, ""
    if nothing); anything else is an ``UnreadableResponseError``."""

    def interpret(call: Call[Any], response: Response[Any]) -> Any:
        expect(call, response, ok)
        body = read_object(call, response.content)
        wrong = problem(body) if problem is not None else ""
        if wrong:
            raise UnreadableResponseError(call.method, call.path, body, wrong)
        return body

    return interpret


def read_object(call: Call[Any], content: bytes) -> dict[str, Any]:
    """The JSON object ``content`` holds; anything else (HTML, truncated, not UTF-8, nested
    too deep, not an object) raises ``UnreadableResponseError``."""
    try:
        body = json.loads(content)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        reason = f"not JSON ({type(exc).__name__})"
        raise UnreadableResponseError(call.method, call.path, content[:200], reason) from None
    if not isinstance(body, dict):
        what = f"a JSON object was expected, not {type(body).__name__}"
        raise UnreadableResponseError(call.method, call.path, body, what)
    return body


def job_answer_problem(body: Mapping[str, Any]) -> str:
    """What is wrong with a job as ``POST /api/v2/jobs`` answers it ("" if nothing): the
    client follows it by its ``id``, so without one the job cannot be followed (and the post
    is never sent again: the server may have created it)."""
    job_id = body.get("id")
    if not isinstance(job_id, str) or not job_id:
        return f"the job has no 'id' (got {job_id!r:.60})"
    status = body.get("status")
    if status is not None and not isinstance(status, str):
        return f"'status' is not a string: {status!r:.60}"
    position = body.get("queue_position")
    if position is not None and (isinstance(position, bool) or not isinstance(position, int)):
        return f"'queue_position' is not a number: {position!r:.60}"
    return ""


def expect(call: Call[Any], response: Response[Any], ok: tuple[int, ...] = (200,)) -> None:
    """Raise the typed error of a status other than ``ok``."""
    status = int(response.status_code)
    if status not in ok:
        raise v2_error(call, status, response.content, response.headers.get("retry-after"))


def v2_error(
    call: Call[Any], status: int, content: bytes, retry_after: str | None = None
) -> ComfyHTTPError:
    """The typed error for an answer in the v2 envelope ``{"error": {code, message, details}}``:
    ``PromptValidationError`` (with the node errors) for a refused workflow, 401/402/403/429
    their own classes (429 with ``retry_after``), else ``ComfyHTTPError``."""
    try:
        body: object = json.loads(content)
    except ValueError:
        body = content.decode("utf-8", "replace")
    error = as_mapping(body.get("error")) if isinstance(body, Mapping) else {}
    code = str(error.get("code") or "")
    message = str(error.get("message") or "")
    details = as_mapping(error.get("details"))
    if status in (400, 422) and code in _REJECTED:
        shaped = {
            "error": {"type": code, "code": code, "message": message, "details": ""},
            "node_errors": native_node_errors(as_mapping(details.get("node_errors"))),
        }
        return PromptValidationError(status, call.method, call.path, shaped, call.prompt)
    text = None
    if code:
        text = f"{call.method} {call.path} answered {status} {code}: {message}"
    return status_error(status, call.method, call.path, body, parse_retry_after(retry_after), text)


def native_node_errors(node_errors: Mapping[str, Any]) -> dict[str, Any]:
    """Node errors in the native shape (``{id: {"errors": [...], "class_type": ...}}``); Comfy
    Cloud's list of ``{"field", "reason"}`` per node is turned into it too."""
    shaped: dict[str, Any] = {}
    for node_id, entry in node_errors.items():
        if isinstance(entry, Mapping):
            shaped[str(node_id)] = dict(entry)
        elif isinstance(entry, list):
            errors = []
            for item in entry:
                item = as_mapping(item)
                reason = str(item.get("reason") or item.get("message") or "invalid")
                field = item.get("field")
                errors.append(
                    {
                        "type": reason,
                        "message": str(item.get("message") or reason),
                        "details": str(field or ""),
                        "extra_info": {"input_name": field} if field else {},
                    }
                )
            shaped[str(node_id)] = {"errors": errors}
    return shaped


def parse_retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds (delta seconds or an HTTP date), None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


# -- the requests ------------------------------------------------------------------------------


def health() -> Call[dict[str, Any]]:
    """``GET /api/v2/health``."""
    return _call("health.get_health", "GET", "/api/v2/health", _json())


def submit_job(
    workflow: Mapping[str, Any],
    extra_data: Mapping[str, Any] | None,
    key: str,
    prompt: Mapping[str, Any] | None = None,
) -> Call[dict[str, Any]]:
    """``POST /api/v2/jobs`` with the idempotency key ``key``; answers the new job."""
    from comfy_api_v2_openapi.models import ExtraData, SubmitJobRequest, SubmitJobRequestWorkflow

    body = SubmitJobRequest(workflow=SubmitJobRequestWorkflow.from_dict(dict(workflow)))
    if extra_data:
        body.extra_data = ExtraData.from_dict(dict(extra_data))
    return _call(
        "jobs.submit_job",
        "POST",
        "/api/v2/jobs",
        _json((200, 201), job_answer_problem),
        prompt=prompt,
        body=body,
        idempotency_key=key,
    )


def get_job(job_id: str) -> Call[dict[str, Any]]:
    """``GET /api/v2/jobs/{id}``: the job as it is now."""
    return _call("jobs.get_job", "GET", f"/api/v2/jobs/{job_id}", _json(), id=job_id)


def cancel_job(job_id: str) -> Call[dict[str, Any]]:
    """``POST /api/v2/jobs/{id}/cancel``."""
    path = f"/api/v2/jobs/{job_id}/cancel"
    return _call("jobs.cancel_job", "POST", path, _json(), id=job_id)


def has_hash(digest: str) -> Call[bool]:
    """``HEAD /api/v2/assets/by-hash/{hash}``: whether the server has these bytes."""

    def interpret(call: Call[bool], response: Response[Any]) -> bool:
        if response.status_code == 404:
            return False
        expect(call, response)
        return True

    path = f"/api/v2/assets/by-hash/{digest}"
    return _call("assets.head_asset_by_hash", "HEAD", path, interpret, hash_=digest)


def asset_from_hash(digest: str) -> Call[dict[str, Any]]:
    """``POST /api/v2/assets/from-hash``: an asset over bytes the server has."""
    from comfy_api_v2_openapi.models import FromHashRequest

    return _call(
        "assets.create_asset_from_hash",
        "POST",
        "/api/v2/assets/from-hash",
        _json((200, 201)),
        body=FromHashRequest(hash_=digest),
    )


def upload_asset(data: bytes, name: str, content_type: str, digest: str) -> Call[dict[str, Any]]:
    """``POST /api/v2/assets`` (multipart), with the hash so the server checks the bytes."""
    from comfy_api_v2_openapi.models import UploadAssetBody
    from comfy_api_v2_openapi.types import File

    body = UploadAssetBody(
        file=File(payload=BytesIO(data), file_name=name, mime_type=content_type),
        file_path=name,
        content_type=content_type,
        expected_hash=digest,
    )
    return _call("assets.upload_asset", "POST", "/api/v2/assets", _json((200, 201)), body=body)


def get_asset(asset_id: str) -> Call[dict[str, Any]]:
    """``GET /api/v2/assets/{id}``."""
    return _call("assets.get_asset", "GET", f"/api/v2/assets/{asset_id}", _json(), id=asset_id)


def delete_asset(asset_id: str) -> Call[None]:
    """``DELETE /api/v2/assets/{id}``."""

    def interpret(call: Call[None], response: Response[Any]) -> None:
        expect(call, response, (200, 204))

    path = f"/api/v2/assets/{asset_id}"
    return _call("assets.delete_asset", "DELETE", path, interpret, id=asset_id)


def content_path(asset_id: str) -> str:
    """Where an asset's bytes are when the server gave no link (``/api/v2/assets/{id}/content``)."""
    return f"/api/v2/assets/{asset_id}/content"


def events_path(job_id: str) -> str:
    """The job's event stream."""
    return f"/api/v2/jobs/{job_id}/events"
