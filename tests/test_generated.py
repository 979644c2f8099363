"""Every operation of the generated package, sync and async, against respx routes that
answer with the bodies real ComfyUI servers sent (``tests/data/comfyui``: 0.3.64, and
``0.33.0/`` for the routes it added)."""

from __future__ import annotations

import importlib
import json
import re
from io import BytesIO
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
import yaml
from comfyui_openapi import Client
from comfyui_openapi.models import (
    AssetTagsRequest,
    CancelJobsRequest,
    CreateAssetFromHashRequest,
    CreateUserRequest,
    FreeRequest,
    HistoryRequest,
    InterruptRequest,
    LogsSubscribeRequest,
    PostSettingsBody,
    PromptRequest,
    QueueRequest,
    SeedAssetsRequest,
    UpdateAssetRequest,
    UploadAssetBody,
    UploadImageBody,
    UploadMaskBody,
)
from comfyui_openapi.types import File

BASE = "http://127.0.0.1:8188"
DATA = Path(__file__).parent / "data" / "comfyui"


def recorded(method: str, path: str, status: int = 200, version: str = "0.3.64") -> Any:
    """The first recorded body of ``method path`` (path may include the query)."""
    transcripts = DATA / "transcripts" if version == "0.3.64" else DATA / version / "transcripts"
    for file in sorted(transcripts.glob("*.json")):
        for event in json.loads(file.read_text())["events"]:
            same = event["kind"] == "http" and event["method"] == method
            kept = not re.fullmatch(r"<\d+ bytes [^>]*>", str(event.get("body")))  # not a size
            if same and kept and event["status"] == status and event["path"].split("?")[0] == path:
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
ASSET = "28a11719-257b-4d2c-83ab-0a1aa7ca8a88"
HASH = "blake3:5519e093dc93c6dcdf4871c2ed56f7812d0e26cb5a851ad3614187bf2991493f"
BLUEPRINT = "4590677228287ad5bae5c557ad7b0f4e69430c720b88234a762b9817b1858526"


def new(method: str, path: str, status: int = 200) -> Any:
    """A body recorded from ComfyUI 0.33.0."""
    return recorded(method, path, status, version="0.33.0")


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
    ("jobs.cancel_jobs", {"body": CancelJobsRequest(job_ids=["not-a-uuid"])}, "POST", "/api/jobs/cancel", 400,
     new("POST", "/api/jobs/cancel", 400)),
    ("nodes.get_node_replacements", {}, "GET", "/node_replacements", 200, new("GET", "/node_replacements")),
    ("subgraphs.get_global_subgraphs", {}, "GET", "/global_subgraphs", 200, new("GET", "/global_subgraphs")),
    ("subgraphs.get_global_subgraph", {"id": BLUEPRINT}, "GET", f"/global_subgraphs/{BLUEPRINT}", 200,
     new("GET", f"/global_subgraphs/{BLUEPRINT}")),
    ("subgraphs.get_global_subgraph", {"id": "nope"}, "GET", "/global_subgraphs/nope", 200, None),
    ("assets.list_assets", {"tags_all": "input", "limit": 3, "sort": "name"}, "GET", "/api/assets", 200,
     new("GET", "/api/assets")),
    ("assets.upload_asset",
     {"body": UploadAssetBody(file=File(payload=BytesIO(PNG), file_name="a.png"), tags="input", name="a.png",
                              user_metadata='{"note": "recorded"}')},
     "POST", "/api/assets", 200, new("POST", "/api/assets")),
    ("assets.upload_asset", {"body": UploadAssetBody(hash_=HASH)}, "POST", "/api/assets", 400,
     new("POST", "/api/assets", 400)),
    ("assets.create_asset_from_hash",
     {"body": CreateAssetFromHashRequest.from_dict({"hash": HASH, "name": "from-hash.png", "tags": ["input"]})},
     "POST", "/api/assets/from-hash", 201, new("POST", "/api/assets/from-hash", 201)),
    ("assets.head_asset_by_hash", {"hash_": HASH}, "HEAD", f"/api/assets/hash/{HASH}", 200, b""),
    ("assets.head_asset_by_hash", {"hash_": HASH}, "HEAD", f"/api/assets/hash/{HASH}", 404, b""),
    ("assets.get_asset", {"id": ASSET}, "GET", f"/api/assets/{ASSET}", 200, new("GET", f"/api/assets/{ASSET}")),
    ("assets.get_asset", {"id": ASSET}, "GET", f"/api/assets/{ASSET}", 404,
     new("GET", f"/api/assets/{ASSET}", 404)),
    ("assets.get_asset_content", {"id": ASSET, "disposition": "inline"}, "GET", f"/api/assets/{ASSET}/content",
     200, PNG),
    ("assets.update_asset", {"id": ASSET, "body": UpdateAssetRequest.from_dict({"name": "renamed.png"})},
     "PUT", f"/api/assets/{ASSET}", 200, new("PUT", f"/api/assets/{ASSET}")),
    ("assets.delete_asset", {"id": ASSET}, "DELETE", f"/api/assets/{ASSET}", 204, b""),
    ("assets.add_asset_tags", {"id": ASSET, "body": AssetTagsRequest(tags=["recorded"])},
     "POST", f"/api/assets/{ASSET}/tags", 200, new("POST", f"/api/assets/{ASSET}/tags")),
    ("assets.remove_asset_tags", {"id": ASSET, "body": AssetTagsRequest(tags=["recorded"])},
     "DELETE", f"/api/assets/{ASSET}/tags", 200, new("DELETE", f"/api/assets/{ASSET}/tags")),
    ("assets.get_tags", {"prefix": "in", "include_zero": False}, "GET", "/api/tags", 200, new("GET", "/api/tags")),
    ("assets.refine_asset_tags", {"tags_any": "input,output"}, "GET", "/api/assets/tags/refine", 200,
     new("GET", "/api/assets/tags/refine")),
    ("assets.seed_assets", {"body": SeedAssetsRequest.from_dict({"roots": ["input"]})}, "POST",
     "/api/assets/seed", 202, new("POST", "/api/assets/seed", 202)),
    ("assets.seed_assets", {"wait": True, "body": SeedAssetsRequest.from_dict({"roots": ["input", "output"]})},
     "POST", "/api/assets/seed", 200, new("POST", "/api/assets/seed")),
    ("assets.seed_assets", {"body": SeedAssetsRequest.from_dict({"roots": ["nowhere"]})}, "POST",
     "/api/assets/seed", 400, new("POST", "/api/assets/seed", 400)),
    ("assets.get_asset_seed_status", {}, "GET", "/api/assets/seed/status", 200, new("GET", "/api/assets/seed/status")),
    ("assets.cancel_asset_seed", {}, "POST", "/api/assets/seed/cancel", 200, {"status": "idle"}),
    ("assets.prune_assets", {}, "POST", "/api/assets/prune", 200, {"status": "completed", "marked": 2}),
    ("assets.prune_assets", {}, "POST", "/api/assets/prune", 409, {"status": "scan_running", "marked": 0}),
    # 0.33.0 bodies of routes 0.3.64 also has
    ("system.get_system_stats", {}, "GET", "/system_stats", 200, new("GET", "/system_stats")),
    ("system.get_features", {}, "GET", "/features", 200, new("GET", "/features")),
    ("files.upload_image", {"body": UploadImageBody(image=png(), type_="input")}, "POST", "/upload/image", 200,
     new("POST", "/upload/image")),
    ("prompt.post_prompt", {"body": PromptRequest.from_dict({"prompt": WORKFLOW, "prompt_id": "not-a-uuid"})},
     "POST", "/prompt", 400, new("POST", "/prompt", 400)),
    ("jobs.get_job", {"job_id": "38c3f17a-e9aa-4774-bff6-314858e15c71"}, "GET",
     "/api/jobs/38c3f17a-e9aa-4774-bff6-314858e15c71", 200, new("GET", "/api/jobs/38c3f17a-e9aa-4774-bff6-314858e15c71")),
    ("jobs.list_jobs", {}, "GET", "/api/jobs", 200, new("GET", "/api/jobs")),
]  # fmt: skip

CASE_IDS = [f"{c[0]}-{c[4]}-{i}" for i, c in enumerate(CASES)]


def _response(status: int, body: Any) -> httpx.Response:
    if isinstance(body, bytes):
        return httpx.Response(status, content=body)
    # json=None would send no body at all; ComfyUI sends a JSON null.
    return httpx.Response(
        status, content=json.dumps(body).encode(), headers={"content-type": "application/json"}
    )


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


@pytest.mark.parametrize(("op", "kwargs", "method", "path", "status", "body"), CASES, ids=CASE_IDS)
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


@pytest.mark.parametrize(("op", "kwargs", "method", "path", "status", "body"), CASES, ids=CASE_IDS)
async def test_operation_async(
    op: str, kwargs: dict[str, Any], method: str, path: str, status: int, body: Any
) -> None:
    module = importlib.import_module(f"comfyui_openapi.api.{op}")
    for value in kwargs.values():  # file payloads were read by the sync run
        for f in (getattr(value, "image", None), getattr(value, "file", None), value):
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


def _ws_models() -> dict[str, Any]:
    from comfyui_openapi import models

    return {
        "status": models.WsStatusMessage, "execution_start": models.WsExecutionStartMessage,
        "execution_cached": models.WsExecutionCachedMessage, "executing": models.WsExecutingMessage,
        "progress": models.WsProgressMessage, "progress_state": models.WsProgressStateMessage,
        "executed": models.WsExecutedMessage, "execution_success": models.WsExecutionSuccessMessage,
        "execution_error": models.WsExecutionErrorMessage,
        "execution_interrupted": models.WsExecutionInterruptedMessage,
        "feature_flags": models.WsFeatureFlagsMessage, "logs": models.WsLogsMessage,
        "display_component": models.WsDisplayComponentMessage,
        "assets.seed.started": models.WsAssetsSeedStartedMessage,
        "assets.seed.progress": models.WsAssetsSeedProgressMessage,
        "assets.seed.fast_complete": models.WsAssetsSeedFastCompleteMessage,
        "assets.seed.enrich_complete": models.WsAssetsSeedEnrichCompleteMessage,
        "assets.seed.completed": models.WsAssetsSeedCompletedMessage,
        "assets.seed.paused": models.WsAssetsSeedPausedMessage,
        "assets.seed.resumed": models.WsAssetsSeedResumedMessage,
        "assets.seed.cancelled": models.WsAssetsSeedCancelledMessage,
        "assets.seed.error": models.WsAssetsSeedErrorMessage,
    }  # fmt: skip


@pytest.mark.parametrize("transcripts", [DATA / "transcripts", DATA / "0.33.0" / "transcripts"])
def test_websocket_messages_parse_without_loss(transcripts: Path) -> None:
    by_type = _ws_models()
    seen = set()
    for file in sorted(transcripts.glob("*.json")):
        for event in json.loads(file.read_text())["events"]:
            if event["kind"] == "ws-text":
                message = event["message"]
                model = by_type[message["type"]]
                assert model.from_dict(message).to_dict() == message
                seen.add(message["type"])
    assert {"status", "executing", "executed", "progress_state", "execution_success"} <= seen
    if "0.33.0" in str(transcripts):
        assert {"assets.seed.started", "assets.seed.completed"} <= seen


def test_messages_not_recorded_parse_without_loss() -> None:
    """The messages of ws-messages.txt no scenario produced, in the shapes the spec gives."""
    by_type = _ws_models()
    samples = [
        {"type": "assets.seed.progress", "data": {"phase": "fast", "scanned": 10, "total": 40, "created": 3}},
        {"type": "assets.seed.progress", "data": {"phase": "enrich", "enriched": 7}},
        {"type": "assets.seed.paused", "data": {}},
        {"type": "assets.seed.resumed", "data": {}},
        {"type": "assets.seed.cancelled", "data": {"scanned": 10, "total": 40, "created": 3}},
        {"type": "assets.seed.error", "data": {"message": "disk full"}},
        {"type": "feature_flags", "data": {"supports_preview_metadata": True, "max_upload_size": 104857600,
                                           "supports_model_type_tags": True, "node_replacements": True,
                                           "assets": True, "extension": {"manager": {"supports_v4": True}}}},
        {"type": "progress_state", "data": {"prompt_id": "p", "nodes": {"4": {
            "value": 0.0, "max": 1.0, "state": "running", "node_id": "4", "prompt_id": "p",
            "display_node_id": "4", "parent_node_id": None, "real_node_id": "4", "activity": "loading"}}}},
    ]  # fmt: skip
    for message in samples:
        parsed = by_type[message["type"]].from_dict(message)
        assert parsed.to_dict() == message
    activity = by_type["progress_state"].from_dict(samples[-1]).data.nodes["4"].activity
    assert activity == "loading"


def test_node_definitions_of_both_versions_parse_without_loss() -> None:
    import gzip

    from comfyui_openapi.models import NodeInfo

    old = json.loads((DATA / "object_info.json").read_text())
    new = json.loads(gzip.decompress((DATA / "0.33.0" / "object_info.json.gz").read_bytes()))
    nulls = [name for name, node in new.items() if None in node["output_is_list"]]
    assert nulls  # 0.33.0 sends null entries in output_is_list
    samples = [*old.values(), *new.values()]
    for node in samples:
        assert NodeInfo.from_dict(node).to_dict() == node, node["name"]
    assert NodeInfo.from_dict(new[nulls[0]]).output_is_list[0] is None
    node = NodeInfo.from_dict(new["EmptyImage"])
    assert isinstance(node.is_input_list, bool) and isinstance(node.has_intermediate_output, bool)


def test_system_os_of_both_versions() -> None:
    from comfyui_openapi.models import SystemStats

    old = SystemStats.from_dict(recorded("GET", "/system_stats"))
    new = SystemStats.from_dict(new_body := recorded("GET", "/system_stats", version="0.33.0"))
    assert old.system.os == "posix" and new.system.os == "linux"
    assert new.system.comfy_package_versions[0].name == "comfyui-frontend-package"
    assert new.to_dict() == new_body


def test_route_versions_module_is_under_drift_check(tmp_path: Path) -> None:
    """route_versions.py is written by generate.py and compared by ``generate.py --check``."""
    import shutil
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import generate

    committed = Path(__file__).resolve().parent.parent / "generated" / "comfyui_openapi"
    copy = tmp_path / "comfyui_openapi"
    shutil.copytree(committed, copy, ignore=shutil.ignore_patterns("__pycache__"))
    spec = yaml.safe_load(generate.SPEC.read_text(encoding="utf-8"))
    assert (copy / "route_versions.py").read_text() == _formatted(generate, spec, tmp_path)
    text = (copy / "route_versions.py").read_text()
    (copy / "route_versions.py").write_text(text.replace('"0.33.0"', '"0.34.0"', 1))
    assert generate.tree_differences(committed, copy) == [
        "comfyui_openapi/route_versions.py (changed)"
    ]


def _formatted(generate: Any, spec: dict[str, Any], tmp_path: Path) -> str:
    """route_versions.py as generate.py writes it (its source, formatted by the pinned ruff)."""
    import subprocess
    import sys

    out = tmp_path / "fresh_route_versions.py"
    out.write_text(generate.route_versions_source(spec), encoding="utf-8")
    ruff = Path(sys.executable).parent / "ruff"
    subprocess.run(
        [
            str(ruff),
            "format",
            "--isolated",
            "--no-cache",
            "--target-version=py311",
            "--quiet",
            str(out),
        ],
        check=True,
        timeout=60,
    )
    return out.read_text()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda op: op.pop("x-comfyui-since"), "x-comfyui-since None"),
        (lambda op: op.update({"x-comfyui-since": "0.40.0"}), "x-comfyui-since '0.40.0'"),
        (lambda op: op.update({"x-comfyui-until": "1.0"}), "x-comfyui-until '1.0'"),
        (lambda op: op.pop("x-comfyui-api-alias"), "x-comfyui-api-alias must be true or false"),
    ],
)
def test_generation_refuses_bad_version_marks(
    change: Any, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import generate

    spec = yaml.safe_load(generate.SPEC.read_text(encoding="utf-8"))
    change(spec["paths"]["/api/assets"]["get"])
    with pytest.raises(SystemExit, match="version mark problem"):
        generate.version_marks(spec)
    assert f"GET /api/assets: {message}" in capsys.readouterr().err
