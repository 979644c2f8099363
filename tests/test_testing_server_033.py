"""The test double as ComfyUI 0.33.0 (its default) against the 0.33.0 recordings, and what it
keeps serving as ``version="0.3.64"``: the jobs API, assets and tags, the prompt-id rule,
asset ids in outputs, node replacements, global subgraphs, ``/system_stats``, ``/features``.

Driven with plain httpx requests and a websocket-client connection; bodies are compared with
``tests/data/comfyui/0.33.0/transcripts`` (ids, hashes, times and sizes aside).
"""

from __future__ import annotations

import io
import json
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websocket
from blake3 import blake3
from PIL import Image

from comfy_api_client.testing import ComfyTestServer

TRANSCRIPTS = Path(__file__).parent / "data" / "comfyui" / "0.33.0" / "transcripts"
TIMEOUT = 60.0
RECORDED_ASSET = "/api/assets/28a11719-257b-4d2c-83ab-0a1aa7ca8a88"


# -- fixtures and helpers ---------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[ComfyTestServer]:
    with ComfyTestServer() as double:
        yield double


@pytest.fixture
def old() -> Iterator[ComfyTestServer]:
    with ComfyTestServer(version="0.3.64") as double:
        yield double


@pytest.fixture
def http(server: ComfyTestServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=TIMEOUT) as client:
        yield client


@pytest.fixture
def old_http(old: ComfyTestServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=old.url, timeout=TIMEOUT) as client:
        yield client


def recorded(name: str, method: str, path: str, index: int = 0) -> dict[str, Any]:
    """The ``index``-th recorded HTTP exchange of ``method path`` in scenario ``name``."""
    events = json.loads((TRANSCRIPTS / f"{name}.json").read_text())["events"]
    found = [
        e for e in events if e["kind"] == "http" and e["method"] == method and e["path"] == path
    ]
    exchange: dict[str, Any] = found[index]
    return exchange


def recorded_ws_types(name: str) -> list[str]:
    events = json.loads((TRANSCRIPTS / f"{name}.json").read_text())["events"]
    return [
        e["message"]["type"]
        for e in events
        if e["kind"] == "ws-text" and not e["message"]["type"].startswith("assets.")
    ]


def png(color: tuple[int, int, int] = (10, 20, 30), size: int = 8) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), color).save(buffer, format="PNG")
    return buffer.getvalue()


def tiny(color: int = 1, prefix: str = "rec") -> dict[str, Any]:
    return {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": 16, "height": 16, "batch_size": 1, "color": color},
        },
        "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
        "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": prefix}},
    }


def failing() -> dict[str, Any]:
    return {
        "1": {
            "class_type": "RegexReplace",
            "inputs": {
                "string": "abc",
                "regex_pattern": "(unclosed",
                "replace": "x",
                "case_insensitive": True,
                "multiline": False,
                "dotall": False,
                "count": 0,
            },
        },
        "2": {"class_type": "PreviewAny", "inputs": {"source": ["1", 0]}},
    }


class Socket:
    """A ``/ws`` connection read synchronously."""

    def __init__(self, base: str) -> None:
        self.client_id = uuid.uuid4().hex
        self.ws = websocket.create_connection(
            f"ws{base[4:]}/ws?clientId={self.client_id}", timeout=TIMEOUT
        )
        self.messages: list[dict[str, Any]] = []

    def until(self, kind: str, **match: Any) -> list[dict[str, Any]]:
        """Read JSON messages until one of type ``kind`` whose data holds ``match``."""
        while True:
            frame = self.ws.recv()
            if isinstance(frame, bytes):
                continue
            message = json.loads(frame)
            self.messages.append(message)
            data = message.get("data", {})
            if message["type"] == kind and all(data.get(k) == v for k, v in match.items()):
                return self.messages

    def close(self) -> None:
        self.ws.close()


def run(http: httpx.Client, server: ComfyTestServer, prompt: dict[str, Any]) -> tuple[str, Socket]:
    """Post ``prompt`` and read its messages until the final ``executing`` ``node: null``."""
    sock = Socket(server.url)
    answer = http.post("/prompt", json={"prompt": prompt, "client_id": sock.client_id})
    assert answer.status_code == 200, answer.text
    prompt_id = answer.json()["prompt_id"]
    sock.until("executing", node=None, prompt_id=prompt_id)
    return prompt_id, sock


def shape(body: Any) -> Any:
    """Keys and value types, recursively (what must match a recording)."""
    if isinstance(body, dict):
        return {k: shape(v) for k, v in body.items()}
    if isinstance(body, list):
        return [shape(v) for v in body[:1]]
    return type(body).__name__


# -- versions -------------------------------------------------------------------------------------


def test_default_is_0_33_and_unknown_versions_are_refused() -> None:
    assert ComfyTestServer().version.comfyui_version == "0.33.0"
    assert ComfyTestServer(version="0.3.64").version.comfyui_version == "0.3.64"
    with pytest.raises(ValueError, match=r"0\.3\.64, 0\.33\.0"):
        ComfyTestServer(version="0.20.0")


def test_system_stats(http: httpx.Client, old_http: httpx.Client) -> None:
    body = http.get("/system_stats").json()
    want = recorded("registry", "GET", "/system_stats")["body"]
    assert list(body["system"]) == list(want["system"])
    assert body["system"]["os"] == sys.platform
    assert body["system"]["comfyui_version"] == "0.33.0"
    assert body["system"]["comfy_package_versions"] == want["system"]["comfy_package_versions"]
    assert body["system"]["deploy_environment"] == "local-git"
    assert shape(body["devices"]) == shape(want["devices"])
    older = old_http.get("/system_stats").json()["system"]
    assert older["os"] == os.name
    assert older["comfyui_version"] == "0.3.64"
    assert "comfy_package_versions" not in older and "deploy_environment" not in older


def test_features_on_http_and_websocket(server: ComfyTestServer, http: httpx.Client) -> None:
    want = recorded("registry", "GET", "/features")["body"]
    assert http.get("/features").json() == want
    assert http.get("/api/features").json() == want
    sock = Socket(server.url)
    sock.ws.send(json.dumps({"type": "feature_flags", "data": {}}))
    assert sock.until("feature_flags")[-1]["data"] == want
    sock.close()


def test_features_of_0_3_64(old_http: httpx.Client) -> None:
    assert old_http.get("/features").json() == {
        "supports_preview_metadata": True,
        "max_upload_size": 104857600,
    }


@pytest.mark.parametrize(
    "path", ["/jobs", "/assets", "/tags", "/assets/seed/status", "/jobs/" + str(uuid.uuid4())]
)
def test_jobs_assets_and_tags_exist_only_under_api(http: httpx.Client, path: str) -> None:
    assert http.get(path).status_code == 404
    assert http.get("/api" + path).status_code in (200, 404)
    assert http.get("/api" + path).headers["content-type"].startswith("application/json")


@pytest.mark.parametrize(
    "path", ["/api/jobs", "/api/assets", "/api/tags", "/node_replacements", "/global_subgraphs"]
)
def test_0_3_64_has_none_of_the_new_routes(old_http: httpx.Client, path: str) -> None:
    response = old_http.get(path)
    assert response.status_code == 404
    assert response.content == b""


# -- prompts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("prompt_id", ["not-a-uuid", "F702DE91-89E2-4D27-B061-BC9CB985D0C2", 7])
def test_invalid_prompt_id_is_refused(http: httpx.Client, prompt_id: Any) -> None:
    want = recorded("prompt_ids", "POST", "/prompt", 0)
    answer = http.post("/prompt", json={"prompt": tiny(), "prompt_id": prompt_id})
    assert answer.status_code == want["status"] == 400
    assert answer.json() == want["body"]
    assert http.get("/queue").json() == {"queue_running": [], "queue_pending": []}


def test_duplicate_prompt_id_is_queued_again(server: ComfyTestServer, http: httpx.Client) -> None:
    prompt_id = str(uuid.uuid4())
    server.set_paused(True)
    first = http.post("/prompt", json={"prompt": tiny(), "prompt_id": prompt_id})
    second = http.post("/prompt", json={"prompt": tiny(), "prompt_id": prompt_id})
    assert first.status_code == second.status_code == 200
    assert first.json()["prompt_id"] == second.json()["prompt_id"] == prompt_id
    assert second.json()["number"] == first.json()["number"] + 1
    pending = http.get("/queue").json()["queue_pending"]
    assert [item[1] for item in pending] == [prompt_id, prompt_id]
    server.set_paused(False)


def test_any_prompt_id_on_0_3_64(old_http: httpx.Client) -> None:
    answer = old_http.post("/prompt", json={"prompt": tiny(), "prompt_id": "my-own-id"})
    assert answer.status_code == 200
    assert answer.json()["prompt_id"] == "my-own-id"


def test_missing_node_type(http: httpx.Client, old_http: httpx.Client) -> None:
    prompt = {"1": {"class_type": "NoSuchNode", "inputs": {}}}
    want = recorded("validation_errors", "POST", "/prompt", 0)["body"]
    assert want["error"]["type"] == "missing_node_type"
    answer = http.post("/prompt", json={"prompt": prompt})
    assert answer.status_code == 400
    assert answer.json() == want
    assert old_http.post("/prompt", json={"prompt": prompt}).json()["error"]["type"] == (
        "invalid_prompt"
    )


def test_deprecated_node_without_a_runnable_replacement(http: httpx.Client) -> None:
    """Replacements apply only when the new class exists: the double's nodes are none."""
    prompt = {"1": {"class_type": "ImageScaleBy", "inputs": {"image": ["2", 0], "scale_by": 2}}}
    error = http.post("/prompt", json={"prompt": prompt}).json()["error"]
    assert error["type"] == "missing_node_type"
    assert error["extra_info"]["class_type"] == "ImageScaleBy"


def test_success_messages_history_and_asset_ids(
    server: ComfyTestServer, http: httpx.Client
) -> None:
    prompt_id, sock = run(http, server, tiny(3))
    types = [m["type"] for m in sock.messages]
    assert types == recorded_ws_types("success")
    executed = next(m for m in sock.messages if m["type"] == "executed")["data"]
    image = executed["output"]["images"][0]
    assert list(image) == ["filename", "subfolder", "type", "id"]
    entry = http.get(f"/history/{prompt_id}").json()[prompt_id]
    want = recorded("success", "GET", "/history/49f5a5b8-b979-4116-ac54-59a9aeaf43bd")["body"]
    assert shape(entry) == shape(next(iter(want.values())))
    assert entry["outputs"]["3"]["images"][0] == image
    assert list(entry["prompt"][3]) == ["client_id", "create_time"]
    assert [m[0] for m in entry["status"]["messages"]][-1] == "execution_success"
    asset = http.get(f"/api/assets/{image['id']}").json()
    assert asset["tags"] == ["output", "uploaded"]
    assert asset["job_id"] == asset["prompt_id"] == prompt_id
    assert asset["preview_url"] == f"/api/view?type=output&filename={image['filename']}"
    content = http.get(f"/api/assets/{image['id']}/content")
    assert content.content == (server.directory / "output" / image["filename"]).read_bytes()
    sock.close()


def test_cached_replay_keeps_the_asset_id(server: ComfyTestServer, http: httpx.Client) -> None:
    first, sock = run(http, server, tiny(4))
    sock.close()
    second, sock = run(http, server, tiny(4))
    outputs = [http.get(f"/history/{p}").json()[p]["outputs"]["3"] for p in (first, second)]
    assert outputs[0] == outputs[1]
    sock.close()


def test_history_without_asset_ids_on_0_3_64(old: ComfyTestServer, old_http: httpx.Client) -> None:
    prompt_id, sock = run(old_http, old, tiny(5))
    entry = old_http.get(f"/history/{prompt_id}").json()[prompt_id]
    assert list(entry["outputs"]["3"]["images"][0]) == ["filename", "subfolder", "type"]
    assert entry["prompt"][3] == {"client_id": sock.client_id}
    sock.close()


# -- jobs -----------------------------------------------------------------------------------------


def test_jobs_lifecycle(server: ComfyTestServer, http: httpx.Client) -> None:
    done, sock = run(http, server, tiny(6))
    failed, _ = run(http, server, failing())
    server.set_paused(True)
    pending = [http.post("/prompt", json={"prompt": tiny(c)}).json()["prompt_id"] for c in (7, 8)]

    listing = http.get("/api/jobs").json()
    want = recorded("jobs", "GET", "/api/jobs", 0)["body"]
    assert list(listing) == ["jobs", "pagination"]
    assert listing["pagination"] == {"offset": 0, "limit": None, "total": 4, "has_more": False}
    assert [j["id"] for j in listing["jobs"]] == [*reversed(pending), failed, done]
    assert [j["status"] for j in listing["jobs"]] == ["pending", "pending", "failed", "completed"]
    recorded_jobs = {j["status"]: j for j in want["jobs"]}
    for job in listing["jobs"]:
        assert list(job) == list(recorded_jobs[job["status"]])
    completed = listing["jobs"][-1]
    assert completed["outputs_count"] == completed["previewable_outputs_count"] == 1
    assert completed["preview_output"]["nodeId"] == "3"
    assert completed["preview_output"]["mediaType"] == "images"

    only = http.get("/api/jobs", params={"status": "pending,in_progress"}).json()
    assert [j["id"] for j in only["jobs"]] == list(reversed(pending))
    page = http.get("/api/jobs", params={"sort_order": "asc", "offset": 1, "limit": 2}).json()
    assert [j["id"] for j in page["jobs"]] == [failed, pending[0]]
    assert page["pagination"] == {"offset": 1, "limit": 2, "total": 4, "has_more": True}

    full = http.get(f"/api/jobs/{done}").json()
    assert list(full)[-3:] == ["outputs", "execution_status", "workflow"]
    assert full["workflow"]["prompt"] == tiny(6)
    assert http.get(f"/api/jobs/{failed}").json()["execution_error"]["node_type"] == (
        "RegexReplace"
    )
    assert http.get(f"/api/jobs/{pending[0]}").json()["status"] == "pending"

    assert http.post(f"/api/jobs/{pending[0]}/cancel").json() == {"cancelled": True}
    missing = http.get(f"/api/jobs/{pending[0]}")
    assert missing.status_code == 404
    gone = recorded("jobs", "GET", "/api/jobs/6360e1d6-cec2-44ee-a370-c2adaae17ffb", 1)
    assert missing.json() == gone["body"]
    batch = http.post("/api/jobs/cancel", json={"job_ids": [pending[1], str(uuid.uuid4())]})
    assert batch.json() == {"cancelled": True}
    assert http.post(f"/api/jobs/{done}/cancel").json() == {"cancelled": False}
    server.set_paused(False)
    sock.close()


def test_jobs_errors(http: httpx.Client) -> None:
    bad = http.post("/api/jobs/cancel", json={"job_ids": ["not-a-uuid"]})
    want = recorded("jobs", "POST", "/api/jobs/cancel", 1)
    assert (bad.status_code, bad.json()) == (want["status"], want["body"])
    assert http.post("/api/jobs/cancel", json={"job_ids": "x"}).json() == {
        "error": "job_ids must be a list"
    }
    for params, message in [
        ({"status": "done"}, "Invalid status value(s): done."),
        ({"sort_by": "name"}, "sort_by must be"),
        ({"sort_order": "up"}, "sort_order must be"),
        ({"limit": "0"}, "limit must be a positive integer"),
        ({"offset": "x"}, "offset must be an integer"),
    ]:
        answer = http.get("/api/jobs", params=params)
        assert answer.status_code == 400
        assert answer.json()["error"].startswith(message)
    unknown = http.get(f"/api/jobs/{uuid.uuid4()}")
    assert (unknown.status_code, unknown.json()) == (404, {"error": "Job not found"})


def test_cancelling_the_running_job(server: ComfyTestServer, http: httpx.Client) -> None:
    server.node_delay = 0.3
    try:
        sock = Socket(server.url)
        prompt_id = http.post(
            "/prompt", json={"prompt": tiny(9), "client_id": sock.client_id}
        ).json()["prompt_id"]
        sock.until("executing", node="1", prompt_id=prompt_id)
        assert http.get(f"/api/jobs/{prompt_id}").json()["status"] == "in_progress"
        assert http.post(f"/api/jobs/{prompt_id}/cancel").json() == {"cancelled": True}
        sock.until("executing", node=None, prompt_id=prompt_id)
        job = http.get(f"/api/jobs/{prompt_id}").json()
        assert job["status"] == "cancelled"
        assert job["execution_status"]["messages"][-1][0] == "execution_interrupted"
        sock.close()
    finally:
        server.node_delay = 0


# -- assets ---------------------------------------------------------------------------------------


def upload(http: httpx.Client, data: bytes, **fields: Any) -> httpx.Response:
    form = {k: (json.dumps(v) if isinstance(v, dict) else v) for k, v in fields.items()}
    return http.post("/api/assets", files={"file": ("pic.png", data, "image/png")}, data=form)


def test_asset_upload_get_update_tags_delete(server: ComfyTestServer, http: httpx.Client) -> None:
    data = png()
    digest = "blake3:" + blake3(data).hexdigest()
    first = upload(http, data, tags="input", name="pic.png", user_metadata={"note": "x"})
    assert first.status_code == 201
    created = first.json()
    assert created["hash"] == created["asset_hash"] == digest
    assert created["created_new"] is True
    assert created["tags"] == ["input", "uploaded"]
    assert created["metadata"] == {"kind": "image", "width": 8, "height": 8}
    stored = server.directory / "input" / (digest.split(":")[1] + ".png")
    assert stored.read_bytes() == data

    again = upload(http, data, tags="input", name="again.png", user_metadata={"note": "recorded"})
    want = recorded("assets", "POST", "/api/assets", 0)
    assert again.status_code == want["status"] == 200
    assert list(again.json()) == list(want["body"])
    asset_id = again.json()["id"]

    got = http.get(f"/api/assets/{asset_id}")
    recorded_get = recorded("assets", "GET", RECORDED_ASSET)
    assert list(got.json()) == list(recorded_get["body"])
    assert http.get(f"/api/assets/{asset_id}/content").content == data

    renamed = http.put(
        f"/api/assets/{asset_id}", json={"name": "renamed.png", "user_metadata": {"k": 1}}
    )
    assert renamed.json()["name"] == "renamed.png"
    assert renamed.json()["user_metadata"] == {"k": 1}
    assert http.put(f"/api/assets/{asset_id}", json={}).json()["error"]["code"] == "INVALID_BODY"

    added = http.post(f"/api/assets/{asset_id}/tags", json={"tags": ["recorded"]})
    assert added.json() == recorded("assets", "POST", f"{RECORDED_ASSET}/tags")["body"]
    removed = http.request("DELETE", f"/api/assets/{asset_id}/tags", json={"tags": ["recorded"]})
    assert removed.json() == recorded("assets", "DELETE", f"{RECORDED_ASSET}/tags")["body"]

    assert http.delete(f"/api/assets/{asset_id}").status_code == 204
    gone = http.get(f"/api/assets/{asset_id}")
    want_gone = recorded("assets", "GET", RECORDED_ASSET, 1)
    assert gone.status_code == want_gone["status"] == 404
    assert gone.json() == {
        "error": {
            "code": "ASSET_NOT_FOUND",
            "message": f"AssetReference {asset_id} not found",
            "details": {"id": asset_id},
        }
    }
    assert shape(gone.json()) == shape(want_gone["body"])
    assert http.delete(f"/api/assets/{asset_id}").json()["error"]["code"] == "ASSET_NOT_FOUND"


def test_asset_hash_routes(http: httpx.Client) -> None:
    data = png((1, 2, 3))
    digest = "blake3:" + blake3(data).hexdigest()
    assert http.head(f"/api/assets/hash/{digest}").status_code == 404
    upload(http, data, tags="input")
    assert http.head(f"/api/assets/hash/{digest}").status_code == 200
    assert http.head("/api/assets/hash/md5:abc").status_code == 400
    made = http.post(
        "/api/assets/from-hash", json={"hash": digest, "name": "from-hash.png", "tags": ["input"]}
    )
    want = recorded("assets", "POST", "/api/assets/from-hash")
    assert made.status_code == want["status"] == 201
    assert list(made.json()) == list(want["body"])
    unknown = http.post("/api/assets/from-hash", json={"hash": "blake3:" + "0" * 64})
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "ASSET_NOT_FOUND"
    assert http.get("/view", params={"filename": digest}).content == data
    assert http.get("/view", params={"filename": "blake3:" + "0" * 64}).status_code == 404


def test_asset_upload_errors(http: httpx.Client) -> None:
    empty = http.post(
        "/api/assets", files={"file": ("e.png", b"", "image/png")}, data={"tags": "input"}
    )
    want = recorded("assets", "POST", "/api/assets", 1)
    assert (empty.status_code, empty.json()) == (want["status"], want["body"])
    no_role = upload(http, png((9, 9, 9)), tags="mine")
    assert no_role.status_code == 400
    assert no_role.json()["error"]["code"] == "INVALID_BODY"
    nothing = http.post("/api/assets", files={"tags": (None, "input")})
    assert nothing.json()["error"]["code"] == "MISSING_FILE"


def test_asset_listing_filters_sort_and_pages(http: httpx.Client) -> None:
    ids = []
    for n in range(5):
        body = upload(http, png((n, n, n)), tags="input", name=f"p{n}.png").json()
        ids.append(body["id"])
    http.post(f"/api/assets/{ids[0]}/tags", json={"tags": ["keep"]})
    listing = http.get("/api/assets", params={"limit": 2}).json()
    assert list(listing) == ["assets", "total", "has_more", "next_cursor"]
    assert listing["total"] == 5 and listing["has_more"] is True
    rest = http.get("/api/assets", params={"limit": 10, "after": listing["next_cursor"]}).json()
    seen = [a["id"] for a in listing["assets"] + rest["assets"]]
    assert sorted(seen) == sorted(ids) and len(set(seen)) == 5
    by_name = http.get("/api/assets", params={"sort": "name", "order": "asc"}).json()
    assert [a["name"] for a in by_name["assets"]] == [f"p{n}.png" for n in range(5)]
    kept = http.get("/api/assets", params={"tags_all": "input,keep"}).json()
    assert [a["id"] for a in kept["assets"]] == [ids[0]]
    assert http.get("/api/assets", params={"tags_none": "keep"}).json()["total"] == 4
    assert http.get("/api/assets", params={"name_contains": "P3"}).json()["total"] == 1
    conflict = http.get("/api/assets", params={"include_tags": "a", "tags_all": "b"})
    assert conflict.json()["error"]["code"] == "INVALID_TAG_FILTER"
    assert http.get("/api/assets", params={"after": "nope"}).json()["error"]["code"] == (
        "INVALID_CURSOR"
    )
    assert http.get("/api/assets", params={"limit": 0}).json()["error"]["code"] == "INVALID_QUERY"


def test_tags_and_refine(http: httpx.Client) -> None:
    upload(http, png((5, 5, 5)), tags="input")
    tags = http.get("/api/tags").json()
    want = recorded("assets", "GET", "/api/tags")["body"]
    assert list(tags) == list(want)
    counts = {t["name"]: t["count"] for t in tags["tags"]}
    assert counts["input"] == counts["uploaded"] == 1
    assert counts["checkpoints"] == 0
    assert http.get("/api/tags", params={"include_zero": "false"}).json()["total"] == 2
    refine = http.get("/api/assets/tags/refine", params={"include_tags": "input"}).json()
    assert refine == {"tag_counts": {"input": 1, "uploaded": 1}}


def test_upload_image_registers_an_asset(http: httpx.Client, old_http: httpx.Client) -> None:
    files = {"image": ("rec_upload.png", png(), "image/png")}
    answer = http.post("/upload/image", files=files).json()
    want = recorded("misc", "POST", "/upload/image")["body"]
    assert shape(answer) == shape(want)
    assert answer["asset"]["tags"] == ["input", "uploaded"]
    assert answer["asset"]["asset_hash"] == "blake3:" + blake3(png()).hexdigest()
    assert "asset" not in old_http.post("/upload/image", files=files).json()


def test_seed(server: ComfyTestServer, http: httpx.Client) -> None:
    status = http.get("/api/assets/seed/status").json()
    assert status == recorded("assets", "GET", "/api/assets/seed/status")["body"]
    (server.directory / "input" / "extra.png").write_bytes(png((7, 7, 7)))
    sock = Socket(server.url)
    started = http.post("/api/assets/seed", json={"roots": ["input"]})
    want = recorded("assets_seed", "POST", "/api/assets/seed", 0)
    assert (started.status_code, started.json()) == (want["status"], want["body"])
    messages = sock.until("assets.seed.completed")
    seeds = [m for m in messages if m["type"].startswith("assets.")]
    assert [m["type"] for m in seeds] == [
        "assets.seed.started",
        "assets.seed.fast_complete",
        "assets.seed.started",
        "assets.seed.enrich_complete",
        "assets.seed.completed",
    ]
    assert seeds[1]["data"] == {"roots": ["input"], "created": 2, "skipped": 0, "total": 2}
    assert list(seeds[4]["data"]) == ["phase", "total", "created", "enriched", "skipped", "elapsed"]
    waited = http.post("/api/assets/seed?wait=true", json={"roots": ["input", "output"]})
    want = recorded("assets_seed", "POST", "/api/assets/seed", 1)
    assert waited.status_code == 200
    assert waited.json() == {
        "status": "completed",
        "progress": {"scanned": 0, "total": 2, "created": 0, "skipped": 2},
        "errors": [],
    }
    assert shape(waited.json()) == shape(want["body"])
    bad = http.post("/api/assets/seed", json={"roots": ["nowhere"]})
    want = recorded("assets_seed", "POST", "/api/assets/seed", 2)
    assert (bad.status_code, bad.json()) == (want["status"], want["body"])
    assert http.post("/api/assets/seed/cancel").json() == {"status": "idle"}
    assert http.post("/api/assets/prune").json() == {"status": "completed", "marked": 0}
    sock.close()


# -- registries and object_info ------------------------------------------------------------------


def test_node_replacements_and_global_subgraphs(http: httpx.Client) -> None:
    want = recorded("registry", "GET", "/node_replacements")["body"]
    assert http.get("/node_replacements").json() == want
    assert http.get("/api/node_replacements").json() == want
    listing = http.get("/global_subgraphs").json()
    recorded_listing = recorded("registry", "GET", "/global_subgraphs")["body"]
    assert listing and all(recorded_listing[k] == v for k, v in listing.items())
    sid = next(iter(listing))
    entry = http.get(f"/global_subgraphs/{sid}").json()
    assert entry == recorded("registry", "GET", f"/global_subgraphs/{sid}")["body"]
    assert isinstance(json.loads(entry["data"])["nodes"], list)
    nope = http.get("/global_subgraphs/nope")
    assert (nope.status_code, nope.json()) == (200, None)


def test_object_info_of_0_33() -> None:
    with (
        ComfyTestServer(object_info="0.33.0") as double,
        httpx.Client(base_url=double.url, timeout=TIMEOUT) as http,
    ):
        info = http.get("/object_info").json()
        assert len(info) == 887
        want = recorded("misc", "GET", "/object_info/EmptyImage")["body"]
        assert http.get("/object_info/EmptyImage").json() == want
        prompt_id, sock = run(http, double, tiny(11))  # still executes its own nodes
        assert http.get(f"/history/{prompt_id}").json()[prompt_id]["status"]["completed"]
        sock.close()


def test_object_info_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "info.json"
    path.write_text(json.dumps({"Only": {"input": {}}}))
    with ComfyTestServer(object_info=path) as double:
        assert httpx.get(double.url + "/object_info", timeout=TIMEOUT).json() == {
            "Only": {"input": {}}
        }
    path.write_text("[]")
    with pytest.raises(ValueError, match="expected a JSON object"):
        ComfyTestServer(object_info=path)
