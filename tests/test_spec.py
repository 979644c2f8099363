"""The OpenAPI description against the recordings of real ComfyUI 0.3.64 and 0.33.0 servers
(and a live one), and its version marks."""

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
SETS = check_spec.RECORDING_SETS
RECORDED = [
    (version, scenario, event)
    for version, rec in SETS.items()
    for scenario, event in check_spec.recorded_responses(rec.transcripts)
]

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
#: What 0.8.0 (January 2026) serves of them: the jobs listing and the subgraph blueprints.
SINCE_0_8_0 = {"list_jobs", "get_job", "get_global_subgraphs", "get_global_subgraph"}
#: The 23 routes ComfyUI 0.33.0 has beyond 0.3.64 (jobs, assets, tags, registry).
OPERATIONS_0_33_0 = JOBS | {
    "list_assets", "upload_asset", "create_asset_from_hash", "head_asset_by_hash", "prune_assets",
    "seed_assets", "cancel_asset_seed", "get_asset_seed_status", "refine_asset_tags", "get_asset",
    "update_asset", "delete_asset", "get_asset_content", "add_asset_tags", "remove_asset_tags",
    "get_tags", "get_node_replacements", "get_global_subgraphs", "get_global_subgraph",
}  # fmt: skip


def all_operations() -> list[check_spec.Operation]:
    return check_spec.operations(SPEC)


def by_id() -> dict[str, check_spec.Operation]:
    return {op.spec["operationId"]: op for op in all_operations()}


def test_every_route_is_described() -> None:
    ids = [op.spec["operationId"] for op in all_operations()]
    assert len(ids) == len(set(ids))
    assert len(OPERATIONS_0_3_64) == 43 and len(OPERATIONS_0_33_0) == 23
    # plus the informational WebSocket route that carries the message schemas
    assert set(ids) == OPERATIONS_0_3_64 | OPERATIONS_0_33_0 | {"get_ws"}


@pytest.mark.parametrize("op", all_operations(), ids=lambda op: op.spec["operationId"])
def test_operation_is_documented(op: check_spec.Operation) -> None:
    assert op.spec.get("tags"), "tag"
    assert op.spec.get("description"), "description"
    assert op.spec.get("responses"), "responses"
    assert op.spec.get("x-comfyui-since") in SPEC["info"]["x-comfyui-versions"]
    assert isinstance(op.spec.get("x-comfyui-api-alias"), bool)


def test_version_marks() -> None:
    ops = by_id()
    assert SPEC["info"]["x-comfyui-versions"] == ["0.3.64", "0.8.0", "0.33.0"]
    for name in OPERATIONS_0_3_64 | {"get_ws"}:
        assert ops[name].spec["x-comfyui-since"] == "0.3.64", name
    for name in SINCE_0_8_0:
        assert ops[name].spec["x-comfyui-since"] == "0.8.0", name
        assert ops[name].served_by("0.8.0") and not ops[name].served_by("0.3.64")
    for name in OPERATIONS_0_33_0 - SINCE_0_8_0:
        assert ops[name].spec["x-comfyui-since"] == "0.33.0", name
        assert not ops[name].served_by("0.8.0"), name
    # every route of 0.3.64 is still served (0.33.0 serves model previews: seen live)
    assert not [name for name, op in ops.items() if "x-comfyui-until" in op.spec]
    preview = ops["get_experiment_model_preview"]
    assert preview.served_by("0.3.64") and preview.served_by("0.33.0")
    assert ops["list_assets"].served_by("0.38.1") and not ops["list_assets"].served_by("0.3.64")


def test_api_alias_marks() -> None:
    """Routes of the normal table are also under /api; /internal/* and the literal /api routes
    not, but for the jobs routes: they are in the normal table (served at /api/api/jobs too)."""
    for op in all_operations():
        literal = op.template.startswith("/api/") or op.template.startswith("/internal/")
        jobs = op.spec["operationId"] in JOBS
        assert op.api_alias is (jobs or not literal), op.template
    for name in OPERATIONS_0_33_0 - {
        "get_node_replacements",
        "get_global_subgraphs",
        "get_global_subgraph",
    }:
        assert by_id()[name].template.startswith("/api/"), name


def test_route_versions_module_matches_spec() -> None:
    from comfyui_openapi import route_versions as rv

    ops = all_operations()
    assert rv.DESCRIBED_VERSIONS == ("0.3.64", "0.8.0", "0.33.0")
    assert {(op.method, op.template): op.spec["x-comfyui-since"] for op in ops} == rv.ROUTE_SINCE
    assert rv.ROUTE_UNTIL == {}
    assert {(op.method, op.template) for op in ops if op.api_alias} == rv.API_ALIASED
    assert rv.OPERATIONS["cancel_job"] == ("POST", "/api/jobs/{job_id}/cancel")
    assert rv.OPERATIONS["head_asset_by_hash"] == ("HEAD", "/api/assets/hash/{hash}")
    assert len(rv.OPERATIONS) == len(ops)
    assert rv.MESSAGE_SINCE["assets.seed.started"] == "0.33.0"
    assert rv.MESSAGE_SINCE["progress_state"] == "0.3.64"
    assert set(rv.MESSAGE_SINCE) == set(VALIDATOR.messages)


@pytest.mark.parametrize(
    ("version", "event"),
    [(v, e) for v, _, e in RECORDED],
    ids=[f"{v}:{s}:{e['method']} {e['path'][:50]} {e['status']}" for v, s, e in RECORDED],
)
def test_recorded_body_matches_spec(version: str, event: dict[str, Any]) -> None:
    problems = VALIDATOR.check(
        event["method"],
        event["path"],
        event["status"],
        event.get("content_type") or "",
        check_spec.recorded_body(event),
        version,
    )
    assert problems == []


@pytest.mark.parametrize("version", sorted(SETS))
def test_offline_check_reports_nothing(version: str) -> None:
    report = check_spec.check_set(VALIDATOR, SETS[version])
    assert report.problems == []
    assert report.counts["HTTP exchanges"] > 50
    if version == "0.8.0":  # only what `check_spec.py --url --record` kept of a live 0.8.0
        assert report.counts["routes"] == 48 and report.counts["node classes"] == 568
    else:
        assert report.counts["WebSocket messages"] > 150
    assert report.counts["node classes"] > 400


def test_every_route_of_0_33_0_is_described() -> None:
    rec = SETS["0.33.0"]
    assert rec.routes is not None and rec.ws_messages is not None
    assert len(check_spec.read_routes(rec.routes)) == 67  # 66 in the shared facts: no preview
    assert check_spec.check_routes(SPEC, rec.routes, "0.33.0") == []
    assert check_spec.check_message_list(VALIDATOR, rec.ws_messages, "0.33.0") == []


def test_route_check_catches_missing_and_extra_routes(tmp_path: Path) -> None:
    rec = SETS["0.33.0"]
    assert rec.routes is not None
    lines = rec.routes.read_text().splitlines()
    changed = tmp_path / "routes.txt"
    changed.write_text("\n".join([*lines[1:], "GET /api/assets/{id}/preview"]) + "\n")
    problems = check_spec.check_routes(SPEC, changed, "0.33.0")
    assert problems == [
        "[routes] GET /api/assets/{id}/preview: registered by 0.33.0, missing from the spec",
        f"[routes] {lines[0]}: the spec says 0.33.0 serves it, not registered",
    ]


def test_message_list_check_catches_undescribed_messages(tmp_path: Path) -> None:
    listed = tmp_path / "ws-messages.txt"
    listed.write_text("status\tjson\nassets.seed.exploded\tjson\nPREVIEW_IMAGE\tbinary(7)\n")
    problems = check_spec.check_message_list(VALIDATOR, listed, "0.33.0")
    assert "[ws-messages] assets.seed.exploded: sent by 0.33.0, no message schema" in problems
    assert "[ws-messages] binary PREVIEW_IMAGE (7) not in x-binary-frames" in problems
    assert any(p.startswith("[ws-messages] executed: the spec says") for p in problems)


def test_validator_catches_wrong_bodies() -> None:
    assert VALIDATOR.check("GET", "/queue", 200, "application/json", {"queue_running": "x"})
    bad_item = {"queue_running": [["not-a-number", "id", {}, {}, []]], "queue_pending": []}
    assert VALIDATOR.check("GET", "/queue", 200, "application/json", bad_item)
    assert VALIDATOR.check("GET", "/queue", 418, "application/json", {})
    assert VALIDATOR.check("GET", "/nowhere", 200, "application/json", {})
    assert VALIDATOR.check("POST", "/prompt", 400, "application/json", {"error": "x"})
    assert VALIDATOR.check("GET", "/api/system_stats", 200, "text/html", "x")
    bad_error = {"error": "ASSET_NOT_FOUND"}
    assert VALIDATOR.check(
        "GET", f"/api/assets/{check_spec.NO_UUID}", 404, "application/json", bad_error
    )
    assert VALIDATOR.check("GET", "/api/tags", 200, "application/json", {"tags": [{"name": 1}]})
    node = {"X": {"input": {}, "output": [], "name": "X", "output_is_list": ["no"]}}
    assert VALIDATOR.check("GET", "/object_info", 200, "application/json", node)


def test_validator_checks_version_marks() -> None:
    job_list = {
        "jobs": [],
        "pagination": {"offset": 0, "limit": None, "total": 0, "has_more": False},
    }
    assert VALIDATOR.check("GET", "/api/jobs", 200, "application/json", job_list, "0.33.0") == []
    # a 0.3.64 server has no jobs API: only its 404 fits the marks
    assert VALIDATOR.check("GET", "/api/jobs", 200, "application/json", job_list, "0.3.64")
    assert VALIDATOR.check("GET", "/api/jobs", 404, "application/octet-stream", "", "0.3.64") == []
    preview = "/experiment/models/preview/loras/0/a.safetensors"
    assert VALIDATOR.check("GET", preview, 200, "image/webp", None, "0.33.0") == []
    assert VALIDATOR.check("GET", preview, 404, "", "", "0.33.0") == []


def test_answers_where_no_route_matches_are_documented() -> None:
    """A route a version lacks, and an asset id that is not a UUID, match no route on the real
    servers: GET answers 404 with an empty application/octet-stream body, other methods 405
    in plain text. Both are documented answers (also when the version is unknown), and
    nothing else passes for them."""
    empty, octet = "", "application/octet-stream"
    text, not_allowed = "text/plain; charset=utf-8", b"405: Method Not Allowed"
    for version in ("0.3.64", None):
        for path in ("/node_replacements", "/api/global_subgraphs", "/global_subgraphs/x"):
            assert VALIDATOR.check("GET", path, 404, octet, empty, version) == []
        for path in ("/api/jobs?limit=3", f"/api/jobs/{check_spec.NO_UUID}", "/api/tags"):
            assert VALIDATOR.check("GET", path, 404, octet, empty, version) == []
        for path in ("/api/assets?limit=3", "/api/assets/seed/status", "/api/assets/x/content"):
            assert VALIDATOR.check("GET", path, 404, octet, empty, version) == []
        assert VALIDATOR.check("HEAD", "/api/assets/hash/blake3:00", 404, "", "", version) == []
        for method, path in (
            ("POST", "/api/jobs/cancel"),
            ("POST", f"/api/jobs/{check_spec.NO_UUID}/cancel"),
            ("POST", "/api/assets"),
            ("POST", "/api/assets/seed"),
            ("PUT", f"/api/assets/{check_spec.NO_UUID}"),
            ("DELETE", f"/api/assets/{check_spec.NO_UUID}/tags"),
        ):
            assert VALIDATOR.check(method, path, 405, text, not_allowed, version) == []
    for suffix in ("", "/content"):
        path = f"/api/assets/not-a-uuid{suffix}"
        assert VALIDATOR.check("GET", path, 404, octet, empty, "0.33.0") == []
    for method in ("PUT", "DELETE"):
        path = "/api/assets/not-a-uuid"
        assert VALIDATOR.check(method, path, 405, text, not_allowed, "0.33.0") == []
    # a route the version serves answers so only for a parameter that misses its pattern
    assert VALIDATOR.check("GET", "/api/jobs?limit=1", 404, octet, empty, "0.33.0")
    assert VALIDATOR.check("GET", "/api/api/jobs?limit=1", 404, octet, empty, "0.8.0")
    assert VALIDATOR.check("GET", f"/api/assets/{check_spec.NO_UUID}", 404, octet, empty, "0.33.0")
    assert VALIDATOR.check("PUT", f"/api/assets/{check_spec.NO_UUID}", 405, text, "x", "0.33.0")
    assert VALIDATOR.check("GET", "/node_replacements", 404, octet, empty, "0.33.0")
    # what is not the catch-all's answer is still reported
    assert VALIDATOR.check("GET", "/node_replacements", 404, octet, b"x", "0.3.64")
    assert VALIDATOR.check("GET", "/node_replacements", 404, "text/html", "<p>", "0.3.64")
    assert VALIDATOR.check("GET", "/node_replacements", 404, "", "", "0.3.64")  # no type
    assert VALIDATOR.check("GET", "/api/assets", 404, "application/json", {"error": 1})
    assert VALIDATOR.check("POST", "/api/jobs/cancel", 404, octet, "", "0.3.64")
    assert VALIDATOR.check("GET", "/node_replacements", 405, text, not_allowed, "0.3.64")
    assert VALIDATOR.check("POST", "/api/assets/seed", 200, "application/json", {}, "0.3.64")


def test_message_checks() -> None:
    node = {"value": 0, "max": 1, "state": "running", "node_id": "4", "activity": "loading"}
    good = {"type": "progress_state", "data": {"prompt_id": "p", "nodes": {"4": node}}}
    assert VALIDATOR.check_message(good, "0.33.0") == []
    bad = {"type": "progress_state", "data": {"nodes": {"4": {**node, "activity": 3}}}}
    assert VALIDATOR.check_message(bad)
    assert VALIDATOR.check_message({"type": "no_such_message", "data": {}})
    seed = {"type": "assets.seed.error", "data": {"message": "disk full"}}
    assert VALIDATOR.check_message(seed, "0.33.0") == []
    assert VALIDATOR.check_message(seed, "0.3.64")  # not sent by 0.3.64


def test_api_prefix_and_path_templates() -> None:
    ops = all_operations()

    def find(method: str, path: str) -> str | None:
        op = check_spec.find_operation(ops, method, path)
        return None if op is None else str(op.spec["operationId"])

    assert find("GET", "/api/history/abc") == "get_history_by_id"
    assert find("GET", "/history?max_items=3") == "get_history"
    assert find("GET", "/history/abc") == "get_history_by_id"
    assert find("GET", "/experiment/models/preview/loras/0/sub/x.safetensors") == (
        "get_experiment_model_preview"
    )
    assert find("GET", "/api/node_replacements") == "get_node_replacements"
    assert find("GET", "/api/internal/logs") is None  # not under /api
    assert find("GET", "/assets") is None and find("GET", "/jobs") is None  # only under /api
    assert find("GET", "/api/assets/seed/status") == "get_asset_seed_status"
    assert find("GET", f"/api/assets/{check_spec.NO_UUID}") == "get_asset"
    assert find("DELETE", f"/api/assets/{check_spec.NO_UUID}/tags") == "remove_asset_tags"
    assert find("HEAD", "/api/assets/hash/blake3:00") == "head_asset_by_hash"


def test_command_line_reports_both_sets(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_spec.main([]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "0 violation(s)"
    assert any(line.startswith("ComfyUI 0.3.64 recordings:") for line in out)
    assert any(
        line.startswith("ComfyUI 0.33.0 recordings:") and "67 routes" in line for line in out
    )


@pytest.mark.parametrize("version", ["0.33.0", "0.3.64"])
def test_live_check_against_the_test_double(version: str) -> None:
    """The live mode end to end (HTTP and WebSocket) against the in-process double of each
    version: the double answers as the real servers do, the routes it lacks included."""
    from comfy_api_client.testing import ComfyTestServer

    with ComfyTestServer(version=version) as server:
        assert check_spec.check_live(VALIDATOR, server.url, timeout=30) == []


def test_live_check_reports_an_unreachable_server() -> None:
    problems = check_spec.check_live(VALIDATOR, "http://127.0.0.1:9", timeout=5)
    assert len(problems) == 1 and problems[0].startswith("GET /system_stats: cannot read")


@pytest.mark.live
@pytest.mark.skipif(not os.environ.get("COMFYUI_URL"), reason="COMFYUI_URL is not set")
def test_live_server_matches_spec() -> None:
    """0 undocumented answers from the real server at ``COMFYUI_URL`` (seen 0 from 0.3.64 and
    0.33.0 with ``--enable-assets``), its version read from ``/system_stats``."""
    assert check_spec.check_live(VALIDATOR, os.environ["COMFYUI_URL"]) == []
