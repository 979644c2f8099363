"""Requests of the assets API (ComfyUI 0.33 and later, with assets on): content-addressed
files with tags, under ``/api/assets`` and ``/api/tags`` only."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from io import BytesIO
from typing import TYPE_CHECKING, Any
from uuid import UUID

from comfyui_openapi.types import File, Response

from ..errors import InvalidArgumentError
from . import transport as r
from .files import DownloadRequest
from .transport import Call

if TYPE_CHECKING:  # the generated models take long to import: only for type hints
    from comfyui_openapi.models import Asset, AssetList, AssetTagsAdded, AssetTagsRemoved, TagList

#: The root tags: an asset belongs under one of them (uploads go to ``input`` by default).
ROOT_TAGS = ("input", "output", "models")
#: The only ids the server's ``/api/assets/{id}`` routes match (any case, 8-4-4-4-12 hex digits):
#: another id matches no route, and the server answers a bare 404 (GET) or 405 (other methods).
ASSET_ID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)


def checked_asset_id(asset_id: str | UUID) -> str:
    """``asset_id`` as sent in a path; an id the server's routes cannot match is refused here,
    before anything is sent."""
    if isinstance(asset_id, UUID):
        asset_id = str(asset_id)
    if not isinstance(asset_id, str):
        raise InvalidArgumentError(
            "asset_id",
            asset_id,
            f"expected the asset's id (a UUID) as a str, not {type(asset_id).__name__}",
        )
    if not ASSET_ID.fullmatch(asset_id):
        raise InvalidArgumentError(
            "asset_id",
            asset_id,
            "not an asset id: the server's asset routes match only UUIDs "
            "(8-4-4-4-12 hex digits, as in Asset.id from upload_asset or list_assets)",
        )
    return asset_id


def asset_hash(data: bytes) -> str:
    """The server's content hash of ``data``: ``blake3:<hex>``."""
    from blake3 import blake3

    return "blake3:" + blake3(data).hexdigest()


def with_root_tag(tags: Iterable[str]) -> list[str]:
    """``tags`` led by ``input`` unless one of the root tags is among them."""
    chosen = [str(t) for t in tags]
    return chosen if any(t in ROOT_TAGS for t in chosen) else ["input", *chosen]


def has_asset_hash(digest: str) -> Call[bool]:
    """``HEAD /api/assets/hash/{hash}``: whether the server has these bytes."""

    def interpret(call: Call[bool], response: Response[Any]) -> bool:
        if response.status_code == 404:
            return False
        r.expect(call, response)
        return True

    return r.call(
        "assets.head_asset_by_hash", "HEAD", f"/api/assets/hash/{digest}", interpret, hash_=digest
    )


def create_asset_from_hash(
    digest: str, name: str, tags: list[str], user_metadata: Mapping[str, Any] | None
) -> Call[Asset]:
    from comfyui_openapi.models import Asset, CreateAssetFromHashRequest

    body: dict[str, Any] = {"hash": digest, "name": name, "tags": tags}
    if user_metadata is not None:
        body["user_metadata"] = dict(user_metadata)
    return r.call(
        "assets.create_asset_from_hash",
        "POST",
        "/api/assets/from-hash",
        r.model(Asset, (200, 201)),
        body=CreateAssetFromHashRequest.from_dict(body),
    )


def upload_asset(
    data: bytes,
    name: str,
    content_type: str,
    tags: list[str],
    user_metadata: Mapping[str, Any] | None,
    digest: str,
) -> Call[Asset]:
    """``POST /api/assets`` (multipart), with the hash so the server checks the bytes."""
    from comfyui_openapi.models import Asset, UploadAssetBody

    body = UploadAssetBody(
        file=File(payload=BytesIO(data), file_name=name, mime_type=content_type),
        tags=json.dumps(tags),
        name=name,
        hash_=digest,
        mime_type=content_type,
    )
    if user_metadata is not None:
        body.user_metadata = json.dumps(dict(user_metadata))
    return r.call(
        "assets.upload_asset", "POST", "/api/assets", r.model(Asset, (200, 201)), body=body
    )


def list_assets(
    *,
    tags_all: Iterable[str],
    tags_any: Iterable[str],
    tags_none: Iterable[str],
    name_contains: str | None,
    sort: str | None,
    order: str | None,
    limit: int,
    offset: int,
) -> Call[AssetList]:
    from comfyui_openapi.models import AssetList

    return r.call(
        "assets.list_assets",
        "GET",
        "/api/assets",
        r.model(AssetList),
        tags_all=_tag_list(tags_all),
        tags_any=_tag_list(tags_any),
        tags_none=_tag_list(tags_none),
        name_contains=r.unset(name_contains),
        sort=r.unset(sort),
        order=r.unset(order),
        limit=limit,
        offset=offset,
    )


def get_asset(asset_id: str | UUID) -> Call[Asset]:
    from comfyui_openapi.models import Asset

    asset_id = checked_asset_id(asset_id)
    return r.call("assets.get_asset", "GET", f"/api/assets/{asset_id}", r.model(Asset), id=asset_id)


def update_asset(
    asset_id: str | UUID, name: str | None, user_metadata: Mapping[str, Any] | None
) -> Call[Asset]:
    from comfyui_openapi.models import Asset, UpdateAssetRequest

    asset_id = checked_asset_id(asset_id)
    body: dict[str, Any] = {}
    if name is not None:
        body["name"] = name
    if user_metadata is not None:
        body["user_metadata"] = dict(user_metadata)
    return r.call(
        "assets.update_asset",
        "PUT",
        f"/api/assets/{asset_id}",
        r.model(Asset),
        id=asset_id,
        body=UpdateAssetRequest.from_dict(body),
    )


def delete_asset(asset_id: str | UUID) -> Call[None]:
    asset_id = checked_asset_id(asset_id)
    return r.call(
        "assets.delete_asset", "DELETE", f"/api/assets/{asset_id}", r.nothing, id=asset_id
    )


def add_asset_tags(asset_id: str | UUID, tags: Iterable[str]) -> Call[AssetTagsAdded]:
    from comfyui_openapi.models import AssetTagsAdded

    return _tags_call("assets.add_asset_tags", "POST", AssetTagsAdded, asset_id, tags)


def remove_asset_tags(asset_id: str | UUID, tags: Iterable[str]) -> Call[AssetTagsRemoved]:
    from comfyui_openapi.models import AssetTagsRemoved

    return _tags_call("assets.remove_asset_tags", "DELETE", AssetTagsRemoved, asset_id, tags)


def _tags_call(
    endpoint: str, method: str, answer: Any, asset_id: str | UUID, tags: Iterable[str]
) -> Call[Any]:
    """A call on an asset's tags (``/api/assets/{id}/tags``), the answer read as ``answer``."""
    from comfyui_openapi.models import AssetTagsRequest

    asset_id = checked_asset_id(asset_id)
    path = f"/api/assets/{asset_id}/tags"
    body = AssetTagsRequest(tags=[str(t) for t in tags])
    return r.call(endpoint, method, path, r.model(answer), id=asset_id, body=body)


def get_tags(
    prefix: str | None, limit: int | None, offset: int | None, order: str | None, include_zero: bool
) -> Call[TagList]:
    from comfyui_openapi.models import TagList

    return r.call(
        "assets.get_tags",
        "GET",
        "/api/tags",
        r.model(TagList),
        prefix=r.unset(prefix),
        limit=r.unset(limit),
        offset=r.unset(offset),
        order=r.unset(order),
        include_zero=include_zero or r.unset(None),
    )


def seed_assets(roots: Iterable[str], wait: bool) -> Call[dict[str, Any]]:
    """``POST /api/assets/seed``: scan the server's folders for files it has no asset for."""
    from comfyui_openapi.models import SeedAssetsRequest

    return r.call(
        "assets.seed_assets",
        "POST",
        "/api/assets/seed",
        _seed_answer,
        body=SeedAssetsRequest(roots=[str(root) for root in roots]),
        wait=wait or r.unset(None),
    )


def _seed_answer(call: Call[Any], response: Response[Any]) -> dict[str, Any]:
    """202 started, 200 done (``wait``), 409 a scan already running: all say where it is."""
    if response.status_code == 409:
        return dict(json.loads(response.content))
    r.expect(call, response, (200, 202))
    return dict(json.loads(response.content))


def asset_content(asset_id: str | UUID, name: str) -> DownloadRequest:
    """A streamed ``GET /api/assets/{id}/content`` (``name``: the file name in a directory)."""
    path = f"/api/assets/{checked_asset_id(asset_id)}/content"
    call = r.call("assets.get_asset_content", "GET", path, r.nothing)
    return DownloadRequest(call, path, {"disposition": "attachment"}, name)


def _tag_list(tags: Iterable[str]) -> Any:
    chosen = [str(t) for t in tags]
    return ",".join(chosen) if chosen else r.unset(None)
