"""Asset ids: the client refuses an id the server's routes cannot match, and the server's (or
the double's) answers for such paths and for routes a version lacks are the documented ones."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from comfy_api_client import ComfyHTTPError, InvalidArgumentError, RouteNotAvailableError
from comfy_api_client.core.server_info import parse_version
from tests.conftest import LIVE_URL, LiveServer

NO_ASSET = "00000000-0000-4000-8000-000000000000"
#: Ids Python's ``uuid.UUID`` may accept but the server's routes do not, and worse.
BAD_IDS: list[Any] = [
    "not-a-uuid",
    "",
    NO_ASSET.replace("-", ""),  # uuid.UUID accepts it
    "{" + NO_ASSET + "}",  # so does this
    "urn:uuid:" + NO_ASSET,  # and this
    NO_ASSET + "\n",  # a regex with $ would accept it
    " " + NO_ASSET,
    NO_ASSET[:-1],
    NO_ASSET + "0",
    NO_ASSET[:-1] + "g",
    "../../prompt",
    NO_ASSET + "/tags",
    NO_ASSET + "?x=1",
    "\uff10" * 8 + NO_ASSET[8:],  # full-width digits: not ASCII hex
    None,
    42,
    uuid.UUID(NO_ASSET).bytes,
]


@pytest.fixture(scope="module", params=[None] if LIVE_URL else ["0.33.0", "0.3.64"])
def server(request: pytest.FixtureRequest) -> Iterator[Any]:
    """This module's server: a double of each version, or the real one."""
    if LIVE_URL:
        yield LiveServer(LIVE_URL)
        return
    from comfy_api_client.testing import ComfyTestServer

    with ComfyTestServer(version=request.param) as double:
        yield double


def asset_calls(client: Any, asset_id: Any, tmp_path: Path) -> list[Callable[[], Any]]:
    """Every client method that puts an asset id into a path."""
    return [
        lambda: client.get_asset(asset_id),
        lambda: client.download_asset(asset_id, tmp_path / "x.bin"),
        lambda: client.download_asset(asset_id, tmp_path),
        lambda: client.update_asset(asset_id, name="x.png"),
        lambda: client.delete_asset(asset_id),
        lambda: client.add_asset_tags(asset_id, ["t"]),
        lambda: client.remove_asset_tags(asset_id, ["t"]),
    ]


@pytest.mark.parametrize("bad", BAD_IDS, ids=repr)
def test_a_malformed_asset_id_is_refused_before_sending(
    client: Any, server: Any, bad: Any, tmp_path: Path
) -> None:
    sent = None if LIVE_URL else len(server.requests)
    for call in asset_calls(client, bad, tmp_path):
        with pytest.raises(InvalidArgumentError) as info:
            call()
        assert info.value.argument == "asset_id" and info.value.value == bad
        assert f"asset_id={bad!r:.120}" in str(info.value)
        assert "UUID" in str(info.value)
    if sent is not None:
        assert len(server.requests) == sent  # nothing reached the server
    assert not list(tmp_path.iterdir())  # and nothing was written


def test_a_well_formed_unknown_id_gets_the_servers_answer(client: Any, tmp_path: Path) -> None:
    """Any case, and ``uuid.UUID`` objects, are sent: the server says whether it knows them."""
    version = parse_version(client.server_info().version) or (0,)
    for asset_id in (NO_ASSET, NO_ASSET.upper(), uuid.UUID(NO_ASSET)):
        for call in asset_calls(client, asset_id, tmp_path):
            with pytest.raises(ComfyHTTPError) as info:
                call()
            if version < (0, 33):
                assert isinstance(info.value, RouteNotAvailableError)
                assert info.value.status in (404, 405)
            elif client.server_info().has_assets:
                assert info.value.status == 404
                assert not isinstance(info.value, RouteNotAvailableError)
                assert "ASSET_NOT_FOUND" in str(info.value) or "not found" in str(info.value)
    assert not list(tmp_path.iterdir())


def test_tag_filters_and_the_jobs_routes_answer_as_the_real_server(server: Any) -> None:
    """0.33.0 refuses a tag both required and rejected, and serves the jobs routes also at
    /api/api/jobs (they are in its normal route table); the assets routes only at /api."""
    with httpx.Client(base_url=server.url, timeout=30) as http:
        stats = http.get("/system_stats").json()
        if (parse_version(stats["system"]["comfyui_version"]) or (0,)) < (0, 33):
            pytest.skip("for ComfyUI 0.33 and later")
        jobs = http.get("/api/api/jobs?limit=1")
        assert jobs.status_code == 200 and "pagination" in jobs.json()
        assert http.get("/api/api/tags").status_code == 404
        if http.get("/api/assets?limit=1").status_code != 200:
            return  # started without --enable-assets
        refused = http.get("/api/assets?tags_all=b,a&tags_none=a,b")
        assert refused.status_code == 400
        error = refused.json()["error"]
        assert error["code"] == "INVALID_TAG_FILTER"
        assert error["details"] == {
            "conflicting_tags": ["a", "b"],
            "parameters": ["tags_all", "tags_none"],
        }
        assert "'a', 'b'" in error["message"]
        refused = http.get("/api/assets/tags/refine?tags_all=x&exclude_tags=x")
        assert refused.json()["error"]["details"]["parameters"] == ["tags_all", "exclude_tags"]
        old_names_only = http.get("/api/assets?include_tags=x&exclude_tags=x")
        assert old_names_only.status_code == 200  # not checked for conflicts
        bad = http.get("/api/tags?limit=0").json()["error"]
        assert (bad["code"], bad["message"]) == ("INVALID_QUERY", "Invalid query parameters")


def test_paths_no_route_matches_answer_as_the_real_server(server: Any) -> None:
    """GET: 404, an empty body labelled application/octet-stream; HEAD: 404 without a type;
    other methods: aiohttp's 405 in plain text. Also for ids that are not UUIDs."""
    with httpx.Client(base_url=server.url, timeout=30) as http:
        stats = http.get("/system_stats").json()
        version = parse_version(stats["system"]["comfyui_version"]) or (0,)
        newer = version >= (0, 33)
        gets = ["/no/such/route", "/api/assets/not-a-uuid", "/api/assets/not-a-uuid/content"]
        if not newer:  # 0.8.0 has the jobs listing and the blueprints already
            gets += ["/node_replacements", "/api/tags", "/api/assets", "/api/assets/seed/status"]
        if version < (0, 8):
            gets += ["/global_subgraphs", "/api/jobs", f"/api/jobs/{NO_ASSET}"]
        for path in gets:
            got = http.get(path)
            assert (got.status_code, got.content) == (404, b""), path
            assert got.headers["content-type"] == "application/octet-stream", path
            head = http.head(path)
            assert head.status_code == 404 and "content-type" not in head.headers, path
        others = [("DELETE", "/api/assets/not-a-uuid"), ("PUT", "/api/assets/not-a-uuid")]
        others += [("POST", "/api/assets/not-a-uuid/tags")]
        if not newer:
            others += [("POST", "/api/jobs/cancel"), ("POST", "/api/assets/seed")]
        for method, path in others:
            got = http.request(method, path, json={"tags": ["t"], "job_ids": []})
            assert (got.status_code, got.text) == (405, "405: Method Not Allowed"), path
            assert got.headers["content-type"].startswith("text/plain"), path
        if newer and http.get("/api/assets?limit=1").status_code == 200:
            known = http.get(f"/api/assets/{NO_ASSET.upper()}")
            assert known.status_code == 404
            assert known.json()["error"]["code"] == "ASSET_NOT_FOUND"
