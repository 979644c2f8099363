"""Every operation of the generated package, sync and async, against respx routes that
answer with the bodies a real ComfyUI 0.3.64 sent (``tests/data/comfyui``)."""

from __future__ import annotations

import importlib
import json
from io import BytesIO
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from comfyui_openapi import Client
from comfyui_openapi.models import (
    CancelJobsRequest,
    CreateUserRequest,
    FreeRequest,
    HistoryRequest,
    InterruptRequest,
    LogsSubscribeRequest,
    PostSettingsBody,
    PromptRequest,
    QueueRequest,
    UploadImageBody,
    UploadMaskBody,
)
from comfyui_openapi.types import File

BASE = "http://127.0.0.1:8188"
DATA = Path(__file__).parent / "data" / "comfyui"


def recorded(method: str, path: str, status: int = 200) -> Any:
    """The first recorded body of ``method path`` (path may include the query)."""
    for file in sorted((DATA / "transcripts").glob("*.json")):
        for event in json.loads(file.read_text())["events"]:
            same = event["kind"] == "http" and event["method"] == method
            if same and event["status"] == status and event["path"].split("?")[0] == path:
                return event["body"]
    raise LookupError(f"{method} {path} {status} not recorded")


HISTORY_ID = "6abf7465-562e-4dc4-bec2-ce80edbe80b9"
WORKFLOW = {
    "1": {
        "class_type": "EmptyImage",
        "inputs": {"width": 8, "height": 8, "batch_size": 1, "color": 0},
    }
}
JOB = {"id": "j1", "status": "completed", "priority": 3, "outputs_count": 1, "create_time": 1}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8


def png() -> File:
    return File(payload=BytesIO(PNG), file_name="x.png", mime_type="image/png")


# (operation module, kwargs, method, path, status, JSON body or raw bytes)
CASES: list[tuple[str, dict[str, Any], str, str, int, Any]] = [
    ("prompt.get_prompt", {}, "GET", "/prompt", 200, recorded("GET", "/prompt")),
    ("prompt.post_prompt", {"body": PromptRequest.from_dict({"prompt": WORKFLOW, "client_id": "c"})},
     "POST", "/prompt", 200, recorded("POST", "/prompt")),
    ("queue.get_queue", {}, "GET", "/queue", 200, recorded("GET", "/queue")),
    ("queue.post_queue", {"body": QueueRequest.from_dict({"delete": ["a"]})}, "POST", "/queue", 200, b""),
    ("queue.post_interrupt", {"body": InterruptRequest.from_dict({"prompt_id": "p"})}, "POST", "/interrupt", 200, b""),
    ("queue.post_free", {"body": FreeRequest.from_dict({"unload_models": True})}, "POST", "/free", 200, b""),
    ("history.get_history", {"max_items": 3}, "GET", "/history", 200, recorded("GET", "/history")),
    ("history.get_history_by_id", {"prompt_id": HISTORY_ID}, "GET", f"/history/{HISTORY_ID}", 200,
     recorded("GET", f"/history/{HISTORY_ID}")),
    ("history.post_history", {"body": HistoryRequest.from_dict({"clear": True})}, "POST", "/history", 200, b""),
    ("files.upload_image", {"body": UploadImageBody(image=png(), type_="input")}, "POST", "/upload/image", 200,
     recorded("POST", "/upload/image")),
    ("files.upload_mask", {"body": UploadMaskBody(image=png(), original_ref='{"filename": "x.png"}')},
     "POST", "/upload/mask", 200, {"name": "m.png", "subfolder": "", "type": "input"}),
    ("files.get_view", {"filename": "x.png"}, "GET", "/view", 200, PNG),
    ("files.get_view_metadata", {"folder_name": "checkpoints", "filename": "a.safetensors"},
     "GET", "/view_metadata/checkpoints", 200, {"modelspec.title": "a"}),
    ("system.get_system_stats", {}, "GET", "/system_stats", 200, recorded("GET", "/system_stats")),
    ("system.get_features", {}, "GET", "/features", 200, recorded("GET", "/features")),
    ("system.get_extensions", {}, "GET", "/extensions", 200, recorded("GET", "/extensions")),
    ("system.get_embeddings", {}, "GET", "/embeddings", 200, recorded("GET", "/embeddings")),
    ("system.get_workflow_templates", {}, "GET", "/workflow_templates", 200, {"pack": ["demo"]}),
    ("system.get_i18n", {}, "GET", "/i18n", 200, recorded("GET", "/i18n")),
    ("nodes.get_object_info", {}, "GET", "/object_info", 200, json.loads((DATA / "object_info.json").read_text())),
    ("nodes.get_object_info_by_class", {"node_class": "EmptyImage"}, "GET", "/object_info/EmptyImage", 200,
     recorded("GET", "/object_info/EmptyImage")),
    ("models.get_models", {}, "GET", "/models", 200, recorded("GET", "/models")),
    ("models.get_models_by_folder", {"folder": "checkpoints"}, "GET", "/models/checkpoints", 200,
     recorded("GET", "/models/checkpoints")),
    ("models.get_experiment_models", {}, "GET", "/experiment/models", 200, recorded("GET", "/experiment/models")),
    ("models.get_experiment_models_by_folder", {"folder": "loras"}, "GET", "/experiment/models/loras", 200,
     [{"name": "a.safetensors", "pathIndex": 0, "modified": 1.5, "created": 1.5, "size": 10}]),
    ("models.get_experiment_model_preview", {"folder": "loras", "path_index": 0, "filename": "a.safetensors"},
     "GET", "/experiment/models/preview/loras/0/a.safetensors", 200, PNG),
    ("users.get_users", {}, "GET", "/users", 200, recorded("GET", "/users")),
    ("users.post_users", {"body": CreateUserRequest(username="bob")}, "POST", "/users", 200, "bob_1234"),
    ("settings.get_settings", {}, "GET", "/settings", 200, recorded("GET", "/settings")),
    ("settings.get_setting", {"id": "Comfy.X"}, "GET", "/settings/Comfy.X", 200, None),
    ("settings.post_settings", {"body": PostSettingsBody.from_dict({"a": 1})}, "POST", "/settings", 200, b""),
    ("settings.post_setting", {"id": "Comfy.X", "body": [1, 2]}, "POST", "/settings/Comfy.X", 200, b""),
    ("userdata.list_userdata", {"dir_": "workflows"}, "GET", "/userdata", 200, ["a.json"]),
    ("userdata.list_userdata_v2", {}, "GET", "/v2/userdata", 200, recorded("GET", "/v2/userdata")),
    ("userdata.get_userdata_file", {"file": "workflows%2Fa.json"}, "GET", "/userdata/workflows%2Fa.json", 200, b"{}"),
    ("userdata.post_userdata_file", {"file": "a.json", "body": File(payload=BytesIO(b"{}"))},
     "POST", "/userdata/a.json", 200, "a.json"),
    ("userdata.delete_userdata_file", {"file": "a.json"}, "DELETE", "/userdata/a.json", 204, b""),
    ("userdata.move_userdata_file", {"file": "a.json", "dest": "b.json", "full_info": True},
     "POST", "/userdata/a.json/move/b.json", 200, {"path": "b.json", "size": 2, "modified": 1.0, "created": 1.0}),
    ("internal.get_internal_logs", {}, "GET", "/internal/logs", 200, "2025-10-01 - hello\n"),
    ("internal.get_internal_logs_raw", {}, "GET", "/internal/logs/raw", 200,
     {"entries": [{"t": "2025-10-01T00:00:00", "m": "hi"}], "size": {"cols": 80, "rows": 24}}),
    ("internal.patch_internal_logs_subscribe", {"body": LogsSubscribeRequest(client_id="c", enabled=True)},
     "PATCH", "/internal/logs/subscribe", 200, b""),
    ("internal.get_internal_folder_paths", {}, "GET", "/internal/folder_paths", 200,
     recorded("GET", "/internal/folder_paths")),
    ("internal.get_internal_files", {"directory_type": "output"}, "GET", "/internal/files/output", 200, ["a.png"]),
    ("jobs.list_jobs", {"status": "completed", "limit": 5}, "GET", "/api/jobs", 200,
     {"jobs": [JOB], "pagination": {"offset": 0, "limit": 5, "total": 1, "has_more": False}}),
    ("jobs.get_job", {"job_id": "j1"}, "GET", "/api/jobs/j1", 200, JOB),
    ("jobs.cancel_job", {"job_id": "j1"}, "POST", "/api/jobs/j1/cancel", 200, {"cancelled": True}),
    ("jobs.cancel_jobs", {"body": CancelJobsRequest(job_ids=["j1"])}, "POST", "/api/jobs/cancel", 200,
     {"cancelled": False}),
]  # fmt: skip


def _response(status: int, body: Any) -> httpx.Response:
    if isinstance(body, bytes):
        return httpx.Response(status, content=body)
    return httpx.Response(status, json=body)


def _check(result: Any, status: int, body: Any) -> None:
    assert result.status_code == status
    if isinstance(body, bytes):
        if body and result.parsed is not None and hasattr(result.parsed, "payload"):
            assert result.parsed.payload.read() == body
        return
    parsed = result.parsed
    as_json = parsed.to_dict() if hasattr(parsed, "to_dict") else parsed
    if isinstance(as_json, list):
        as_json = [x.to_dict() if hasattr(x, "to_dict") else x for x in as_json]
    assert as_json == body  # nothing lost, nothing added


def test_every_operation_is_covered() -> None:
    import pkgutil

    import comfyui_openapi.api as api

    modules = {
        f"{tag.name}.{op.name}"
        for tag in pkgutil.iter_modules(api.__path__)
        for op in pkgutil.iter_modules([str(Path(api.__path__[0]) / tag.name)])
    }
    assert modules - {c[0] for c in CASES} == {"websocket.get_ws"}


@pytest.mark.parametrize(
    ("op", "kwargs", "method", "path", "status", "body"), CASES, ids=[c[0] for c in CASES]
)
def test_operation_sync(
    op: str, kwargs: dict[str, Any], method: str, path: str, status: int, body: Any
) -> None:
    module = importlib.import_module(f"comfyui_openapi.api.{op}")
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.route(method=method, path=path.split("?")[0]).mock(
            return_value=_response(status, body)
        )
        result = module.sync_detailed(client=Client(base_url=BASE), **kwargs)
    assert route.called
    _check(result, status, body)


@pytest.mark.parametrize(
    ("op", "kwargs", "method", "path", "status", "body"), CASES, ids=[c[0] for c in CASES]
)
async def test_operation_async(
    op: str, kwargs: dict[str, Any], method: str, path: str, status: int, body: Any
) -> None:
    module = importlib.import_module(f"comfyui_openapi.api.{op}")
    for value in kwargs.values():  # file payloads were read by the sync run
        for f in (getattr(value, "image", None), value):
            if isinstance(f, File):
                f.payload.seek(0)
    if op == "userdata.post_userdata_file":
        # Generated raw-body uploads pass File.payload to httpx as `content`: the async client
        # only takes bytes there, not a file object (see openapi/README.md).
        kwargs = {**kwargs, "body": File(payload=b"{}")}  # type: ignore[arg-type]
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.route(method=method, path=path.split("?")[0]).mock(
            return_value=_response(status, body)
        )
        result = await module.asyncio_detailed(client=Client(base_url=BASE), **kwargs)
    _check(result, status, body)


def test_prompt_request_body_is_sent_as_given() -> None:
    from comfyui_openapi.api.prompt import post_prompt

    request = {
        "prompt": WORKFLOW,
        "client_id": "c",
        "prompt_id": "p",
        "extra_data": {"k": [1]},
        "front": True,
    }
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/prompt").mock(
            return_value=httpx.Response(200, json=recorded("POST", "/prompt"))
        )
        post_prompt.sync_detailed(
            client=Client(base_url=BASE), body=PromptRequest.from_dict(request)
        )
    assert json.loads(route.calls[0].request.content) == request


def test_validation_error_bodies_parse_without_loss() -> None:
    from comfyui_openapi.models import PromptErrorResponse

    events = json.loads((DATA / "transcripts" / "validation_errors.json").read_text())["events"]
    bodies = [e["body"] for e in events if e["kind"] == "http" and e["status"] == 400]
    assert bodies
    for body in bodies:
        assert PromptErrorResponse.from_dict(body).to_dict() == body


def test_websocket_messages_parse_without_loss() -> None:
    from comfyui_openapi import models

    by_type = {
        "status": models.WsStatusMessage, "execution_start": models.WsExecutionStartMessage,
        "execution_cached": models.WsExecutionCachedMessage, "executing": models.WsExecutingMessage,
        "progress": models.WsProgressMessage, "progress_state": models.WsProgressStateMessage,
        "executed": models.WsExecutedMessage, "execution_success": models.WsExecutionSuccessMessage,
        "execution_error": models.WsExecutionErrorMessage,
        "execution_interrupted": models.WsExecutionInterruptedMessage,
    }  # fmt: skip
    seen = set()
    for file in sorted((DATA / "transcripts").glob("*.json")):
        for event in json.loads(file.read_text())["events"]:
            if event["kind"] == "ws-text" and event["message"]["type"] in by_type:
                message = event["message"]
                model = by_type[message["type"]]
                assert model.from_dict(message).to_dict() == message
                seen.add(message["type"])
    assert seen == set(by_type)
