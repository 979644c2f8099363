"""The OpenAPI description against the recordings of a real ComfyUI 0.3.64 (and a live one)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import check_spec

SPEC = check_spec.load_spec()
VALIDATOR = check_spec.Validator(SPEC)
RECORDED = list(check_spec.recorded_responses())

#: The 43 operations of ComfyUI 0.3.64 (all routes but /, /ws and static mounts).
OPERATIONS_0_3_64 = {
    "get_prompt", "post_prompt", "get_queue", "post_queue", "post_interrupt", "post_free",
    "get_history", "get_history_by_id", "post_history", "upload_image", "upload_mask", "get_view",
    "get_view_metadata", "get_system_stats", "get_features", "get_extensions", "get_embeddings",
    "get_workflow_templates", "get_i18n", "get_object_info", "get_object_info_by_class",
    "get_models", "get_models_by_folder", "get_experiment_models",
    "get_experiment_models_by_folder", "get_experiment_model_preview", "get_users", "post_users",
    "get_settings", "get_setting", "post_settings", "post_setting", "list_userdata",
    "list_userdata_v2", "get_userdata_file", "post_userdata_file", "delete_userdata_file",
    "move_userdata_file", "get_internal_logs", "get_internal_logs_raw",
    "patch_internal_logs_subscribe", "get_internal_folder_paths", "get_internal_files",
}  # fmt: skip
JOBS = {"list_jobs", "get_job", "cancel_job", "cancel_jobs"}


def all_operations() -> list[check_spec.Operation]:
    return check_spec.operations(SPEC)


def test_every_route_is_described() -> None:
    ids = [op.spec["operationId"] for op in all_operations()]
    assert len(ids) == len(set(ids))
    assert len(OPERATIONS_0_3_64) == 43
    # plus the informational WebSocket route that carries the message schemas
    assert set(ids) == OPERATIONS_0_3_64 | JOBS | {"get_ws"}


@pytest.mark.parametrize("op", all_operations(), ids=lambda op: op.spec["operationId"])
def test_operation_is_documented(op: check_spec.Operation) -> None:
    assert op.spec.get("tags"), "tag"
    assert op.spec.get("description"), "description"
    assert op.spec.get("responses"), "responses"


def test_jobs_routes_say_when_they_came() -> None:
    for op in all_operations():
        if op.spec["operationId"] in JOBS:
            assert "x-comfyui-since" in op.spec
            assert op.template.startswith("/api/jobs")


@pytest.mark.parametrize(
    "event",
    [e for _, e in RECORDED],
    ids=[f"{s}:{e['method']} {e['path'][:50]} {e['status']}" for s, e in RECORDED],
)
def test_recorded_body_matches_spec(event: dict[str, Any]) -> None:
    problems = VALIDATOR.check(
        event["method"],
        event["path"],
        event["status"],
        event.get("content_type") or "",
        check_spec.recorded_body(event),
    )
    assert problems == []


def test_offline_check_reports_nothing() -> None:
    assert check_spec.check_recordings(VALIDATOR) == []


def test_validator_catches_wrong_bodies() -> None:
    assert VALIDATOR.check("GET", "/queue", 200, "application/json", {"queue_running": "x"})
    bad_item = {"queue_running": [["not-a-number", "id", {}, {}, []]], "queue_pending": []}
    assert VALIDATOR.check("GET", "/queue", 200, "application/json", bad_item)
    assert VALIDATOR.check("GET", "/queue", 418, "application/json", {})
    assert VALIDATOR.check("GET", "/nowhere", 200, "application/json", {})
    assert VALIDATOR.check("POST", "/prompt", 400, "application/json", {"error": "x"})
    assert VALIDATOR.check("GET", "/api/system_stats", 200, "text/html", "x")


def test_api_prefix_and_path_templates() -> None:
    ops = all_operations()
    find = check_spec.find_operation
    assert find(ops, "GET", "/api/history/abc") is not None
    assert find(ops, "GET", "/history?max_items=3").spec["operationId"] == "get_history"  # type: ignore[union-attr]
    assert find(ops, "GET", "/history/abc").spec["operationId"] == "get_history_by_id"  # type: ignore[union-attr]
    preview = find(ops, "GET", "/experiment/models/preview/loras/0/sub/x.safetensors")
    assert preview is not None and preview.spec["operationId"] == "get_experiment_model_preview"


@pytest.mark.live
@pytest.mark.skipif(not os.environ.get("COMFYUI_URL"), reason="COMFYUI_URL is not set")
def test_live_server_matches_spec() -> None:
    assert check_spec.check_live(VALIDATOR, os.environ["COMFYUI_URL"]) == []
