"""What ComfyUI 0.33 added, through both clients: server info, assets, registries, the jobs
API and its cancel route, asset ids in results. Each test runs against the test double
imitating 0.33.0 and 0.3.64 (where a route is missing, the error says so), or against the
real ComfyUI at ``COMFYUI_URL`` (then the server's own version decides what is checked)."""

from __future__ import annotations

import json
import random
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from comfy_api_client import (
    ComfyHTTPError,
    JobStatus,
    PromptStatus,
    RouteNotAvailableError,
)
from comfy_api_client.calls.assets import asset_hash
from comfy_api_client.core.server_info import ServerInfo, parse_version
from comfy_api_client.events import AssetsSeedEvent, parse_message
from tests.conftest import LIVE_URL, LiveServer, slow_workflow, tiny_workflow

TIMEOUT = 60
VERSIONS = ["0.33.0", "0.3.64"]


@pytest.fixture(scope="module", params=[None] if LIVE_URL else VERSIONS)
def server(request: pytest.FixtureRequest) -> Iterator[Any]:
    """This module's server: a double of each version, or the real one."""
    if LIVE_URL:
        yield LiveServer(LIVE_URL)
        return
    from comfy_api_client.testing import ComfyTestServer

    with ComfyTestServer(version=request.param) as double:
        yield double


def is_033(client: Any) -> bool:
    version = parse_version(client.server_info().version) or (0,)
    return version >= (0, 33)


def needs(client: Any, newer: bool) -> None:
    if is_033(client) != newer:
        pytest.skip("for " + ("ComfyUI 0.33 and later" if newer else "servers before 0.33"))


def png(seed: int) -> bytes:
    """A distinct 1x1 PNG for every seed (new bytes for the assets store)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    pixel = seed.to_bytes(3, "big")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" + pixel))
        + chunk(b"IEND", b"")
    )


def fresh_png() -> bytes:
    return png(random.randrange(1 << 24))


def test_server_info_is_read_once_and_says_what_the_server_has(client: Any, server: Any) -> None:
    info = client.server_info()
    assert isinstance(info, ServerInfo) and info.version
    assert client.server_info() is info  # kept
    assert info.os in ("posix", "nt", "linux", "win32", "darwin")
    newer = is_033(client)
    assert info.has_jobs_api == newer
    assert info.serves("list_assets") == newer and info.serves("get_object_info")
    if not LIVE_URL:
        assert info.version == server.version.comfyui_version
        assert info.has_assets == newer and info.applies_node_replacements == newer
    assert client.server_info(refresh=True) is not info


def test_system_os_spellings_of_both_versions_parse() -> None:
    for spelling, windows in (("posix", False), ("nt", True), ("linux", False), ("win32", True)):
        info = ServerInfo.from_bodies({"system": {"os": spelling, "comfyui_version": "0.3.64"}}, {})
        assert info.os == spelling and info.is_windows == windows
    assert ServerInfo.from_bodies({}, None).version == ""  # nothing readable: no crash


def test_routes_a_server_lacks_are_errors_naming_the_version(client: Any) -> None:
    calls = {
        "list_assets": lambda: list(client.list_assets()),
        "get_node_replacements": lambda: client.get_node_replacements(),
        "get_global_subgraphs": lambda: client.get_global_subgraphs(),
        "list_jobs": lambda: client.list_jobs(),
        "get_tags": lambda: client.get_tags(),
    }
    known = client.server_info()
    lacking = [call for name, call in calls.items() if not known.serves(name)]
    if not lacking:
        pytest.skip("the server has every one of these routes")
    if (parse_version(known.version) or (0,)) < (0, 8):
        assert len(lacking) == len(calls)  # 0.3.64 has none of them (0.8.0 has two)
    for call in lacking:
        with pytest.raises(RouteNotAvailableError) as info:
            call()
        assert info.value.since in ("0.8.0", "0.33.0") and info.value.status in (404, 405)
        assert info.value.since in str(info.value) and info.value.route in str(info.value)
        assert isinstance(info.value, ComfyHTTPError)


def test_assets_round_trip(client: Any, tmp_path: Path) -> None:
    needs(client, newer=True)
    if not client.server_info().has_assets:
        pytest.skip("the server runs without the assets API")
    data = fresh_png()
    asset = client.upload_asset(data, name="round-trip.png", tags=["comfy-api-client-test"])
    assert asset.hash_ == asset_hash(data) and asset.name == "round-trip.png"
    assert "input" in asset.tags and "comfy-api-client-test" in asset.tags
    assert client.get_asset(asset.id).id == asset.id
    path = client.download_asset(asset.id, tmp_path)
    assert path == tmp_path / "round-trip.png" and path.read_bytes() == data
    assert client.download_asset(asset.id, tmp_path / "named.bin").read_bytes() == data
    found = list(client.list_assets(tags_all=["comfy-api-client-test"], sort="created_at"))
    assert asset.id in {a.id for a in found}
    renamed = client.update_asset(asset.id, name="renamed.png", user_metadata={"k": 1})
    assert renamed.name == "renamed.png"
    added = client.add_asset_tags(asset.id, ["extra-tag"])
    assert "extra-tag" in added.total_tags
    removed = client.remove_asset_tags(asset.id, ["extra-tag"])
    assert "extra-tag" not in removed.total_tags
    assert "input" in {t.name for t in client.get_tags(include_zero=True).tags}
    client.delete_asset(asset.id)
    with pytest.raises(ComfyHTTPError) as info:
        client.get_asset(asset.id)
    assert info.value.status == 404 and not isinstance(info.value, RouteNotAvailableError)


def test_upload_asset_sends_known_bytes_by_hash_only(client: Any, double: Any) -> None:
    needs(client, newer=True)
    data = fresh_png()
    first = client.upload_asset(data, name="first.png")
    start = len(double.requests)
    second = client.upload_asset(data, name="second.png", tags=["output"])
    sent = [(m, unquote(p)) for m, p in double.requests[start:]]
    assert ("HEAD", f"/api/assets/hash/{asset_hash(data)}") in sent
    assert ("POST", "/api/assets/from-hash") in sent and ("POST", "/api/assets") not in sent
    assert second.hash_ == first.hash_ and second.id != first.id
    assert second.tags == ["output"]  # a root tag given: nothing added


def test_list_assets_walks_every_page(client: Any, double: Any, monkeypatch: Any) -> None:
    needs(client, newer=True)
    from comfy_api_client._async import assets as async_assets
    from comfy_api_client._sync import assets as sync_assets

    monkeypatch.setattr(async_assets, "PAGE_SIZE", 2)
    monkeypatch.setattr(sync_assets, "PAGE_SIZE", 2)
    tag = f"paging-{random.randrange(1 << 30)}"
    ids = {client.upload_asset(fresh_png(), name=f"p{i}.png", tags=[tag]).id for i in range(5)}
    start = len(double.requests)
    assert {a.id for a in client.list_assets(tags_all=[tag])} == ids
    pages = [p for m, p in double.requests[start:] if m == "GET" and p.startswith("/api/assets?")]
    assert len(pages) == 3 and all("limit=2" in p for p in pages)


def test_seed_assets_reports_and_broadcasts(make_client: Any) -> None:
    seen: list[Any] = []
    client = make_client(on_event=seen.append)
    needs(client, newer=True)
    if not client.server_info().has_assets:
        pytest.skip("the server runs without the assets API")
    answer = client.seed_assets(["input"], wait=True)
    assert isinstance(answer, dict) and answer
    stages = [e.stage for e in seen if isinstance(e, AssetsSeedEvent)]
    if stages:  # broadcast to every client; a real server may have scanned already
        assert stages[-1] in ("completed", "fast_complete", "enrich_complete", "started")


def test_assets_seed_messages_are_typed() -> None:
    event = parse_message(
        {"type": "assets.seed.completed", "data": {"phase": "full", "total": 3, "created": 1}}
    )
    assert isinstance(event, AssetsSeedEvent)
    assert event.stage == "completed" and event.total == 3 and event.created == 1
    state = parse_message(
        {
            "type": "progress_state",
            "data": {"prompt_id": "p", "nodes": {"1": {"state": "running", "activity": "x"}}},
        }
    )
    assert state.nodes["1"].activity == "x"  # type: ignore[union-attr]


def test_registries(client: Any) -> None:
    needs(client, newer=True)
    replacements = client.get_node_replacements()
    assert isinstance(replacements, dict)
    if not LIVE_URL:
        assert "ResizeImagesByLongerEdge" in replacements
    subgraphs = client.get_global_subgraphs()
    assert isinstance(subgraphs, dict)
    if subgraphs:
        blueprint = client.get_global_subgraph(next(iter(subgraphs)))
        assert isinstance(blueprint["data"], dict) and "nodes" in blueprint["data"]
    assert client.get_global_subgraph("no-such-blueprint") is None


def test_jobs_iterate_over_pages_with_typed_statuses(client: Any) -> None:
    needs(client, newer=True)
    ran = [client.run(tiny_workflow(color=70 + i), timeout=TIMEOUT).prompt_id for i in range(3)]
    jobs = list(client.iter_jobs(page_size=2, status=["completed"], sort_order="desc"))
    assert set(ran) <= {job.id for job in jobs}
    assert all(JobStatus(job.status) is JobStatus.COMPLETED for job in jobs)
    one = client.get_job(ran[0])
    assert JobStatus(one.status).finished


def test_cancel_uses_the_jobs_route_where_the_server_has_it(client: Any, double: Any) -> None:
    running = client.submit_workflow(slow_workflow())
    pending = client.submit_workflow(tiny_workflow(color=80))
    start = len(double.requests)
    pending.cancel()
    with pytest.raises(Exception):  # noqa: B017 - cancelled: the future ends either way
        pending.future.result(timeout=TIMEOUT)
    running.cancel()
    with pytest.raises(Exception):  # noqa: B017
        running.future.result(timeout=TIMEOUT)
    sent = [(m, p) for m, p in double.requests[start:] if m == "POST"]
    if is_033(client):
        assert ("POST", f"/api/jobs/{pending.prompt_id}/cancel") in sent
        assert ("POST", "/queue") not in sent and ("POST", "/interrupt") not in sent
    else:
        assert ("POST", "/queue") in sent and ("POST", "/interrupt") in sent
    assert pending.status is PromptStatus.CANCELLED
    assert running.status in (PromptStatus.INTERRUPTED, PromptStatus.COMPLETED)


def test_outputs_carry_asset_ids_and_an_asset_hash_serves_the_file(
    client: Any, tmp_path: Path
) -> None:
    result = client.run(tiny_workflow(color=random.randrange(1 << 24)), timeout=TIMEOUT)
    [image] = result.output_images
    if not is_033(client) or not client.server_info().has_assets:
        assert image.asset_id is None
        return
    assert image.asset_id is not None
    asset = client.get_asset(image.asset_id)
    digest = asset.hash_ if isinstance(asset.hash_, str) else None
    if digest is None:  # output files are registered without a hash until enriched
        digest = asset_hash(image.data)
        client.upload_asset(image.data, name="hashed.png")
    assert client.retrieve_image(digest).data == image.data
    path = client.download(digest, tmp_path)
    assert path.read_bytes() == image.data and path.name == digest.partition(":")[2]


def test_convert_ui_applies_the_servers_node_replacements(client: Any, double: Any) -> None:
    """Read once, where the server publishes them (0.33); never asked of older servers."""
    ui = json.loads((Path(__file__).parent / "data" / "ui" / "cpu.json").read_text())
    start = len(double.requests)
    first = client.convert_ui(ui)
    assert client.convert_ui(ui).to_dict() == first.to_dict()
    asked = [p for _, p in double.requests[start:] if p.endswith("/node_replacements")]
    assert len(asked) == (1 if is_033(client) else 0)
