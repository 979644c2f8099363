"""0.33's assets API (only under ``/api``): ``/api/assets...`` and ``/api/tags``."""

from __future__ import annotations

import json
import time
import urllib.parse
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from aiohttp import web

from ..assets import (
    SORT_FIELDS,
    AssetError,
    AssetStore,
    Reference,
    canonical_hash,
    decode_cursor,
    encode_cursor,
)
from ..context import ServerRun
from ..files import MODEL_FOLDERS
from .group import RouteGroup, route

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_SEED_ROOTS = ("models", "input", "output")
#: Tags a fresh server knows before any asset carries them (listed with count 0).
ROOT_TAGS = ("input", "output", "temp", "models")

AssetHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _answer(handler: AssetHandler) -> AssetHandler:
    """Turn an ``AssetError`` raised by ``handler`` into its JSON error response."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except AssetError as err:
            return web.json_response(err.body(), status=err.status)

    return wrapped


def _tags(query: Any, name: str) -> list[str]:
    out: list[str] = []
    for value in query.getall(name, []):
        out.extend(t.strip() for t in value.split(",") if t.strip())
    return list(dict.fromkeys(out))


def _int(
    query: Any, name: str, default: int, low: int, high: int, message: str = "Validation failed."
) -> int:
    raw = query.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise AssetError(
            400,
            "INVALID_QUERY",
            message,
            {"errors": [{"loc": [name], "msg": f"must be an integer in [{low}, {high}]"}]},
        )
    return value


def _filters(query: Any) -> tuple[list[str], list[str], list[str], str | None, Any]:
    """(tags_all, tags_any, tags_none, name_contains, metadata_filter) of a listing query."""
    include, exclude = _tags(query, "include_tags"), _tags(query, "exclude_tags")
    tags_all, tags_any, tags_none = (
        _tags(query, "tags_all"),
        _tags(query, "tags_any"),
        _tags(query, "tags_none"),
    )
    if tags_all or tags_any or tags_none:
        for old, new, clash in (
            ("include_tags", "tags_all", include and tags_all),
            ("exclude_tags", "tags_none", exclude and tags_none),
        ):
            if clash:
                raise AssetError(
                    400,
                    "INVALID_TAG_FILTER",
                    f"Cannot combine '{old}' with '{new}'; use '{new}'.",
                    {"parameters": [old, new]},
                )
        names = (
            "tags_all" if tags_all else "include_tags",
            "tags_none" if tags_none else "exclude_tags",
        )
        tags_all, tags_none = tags_all or include, tags_none or exclude
        conflicting = sorted(set(tags_all) & set(tags_none))
        if conflicting:  # 0.33.0 refuses a filter nothing can pass (not the old names alone)
            listed = ", ".join(repr(tag) for tag in conflicting)
            raise AssetError(
                400,
                "INVALID_TAG_FILTER",
                f"Query can never match: {listed} required by '{names[0]}' but rejected by "
                f"'{names[1]}'.",
                {"conflicting_tags": conflicting, "parameters": list(names)},
            )
    else:
        tags_all, tags_none = include, exclude
    metadata_filter = None
    if query.get("metadata_filter"):
        try:
            metadata_filter = json.loads(query["metadata_filter"])
        except ValueError:
            metadata_filter = None
        if not isinstance(metadata_filter, dict):
            raise AssetError(
                400,
                "INVALID_QUERY",
                "Validation failed.",
                {"errors": [{"loc": ["metadata_filter"], "msg": "must be a JSON object"}]},
            )
    return tags_all, tags_any, tags_none, query.get("name_contains"), metadata_filter


async def _json_body(request: web.Request) -> Any:
    try:
        return await request.json()
    except ValueError as exc:
        raise AssetError(400, "INVALID_JSON", "Request body must be valid JSON.") from exc


def _tag_list(body: Any, what: str) -> list[str]:
    tags = body.get("tags") if isinstance(body, dict) else None
    if not isinstance(tags, list) or not tags or not all(isinstance(t, str) for t in tags):
        raise AssetError(
            400,
            "INVALID_BODY",
            f"Invalid JSON body for tags {what}.",
            {"errors": [{"loc": ["tags"], "msg": "a non-empty list of strings"}]},
        )
    return list(dict.fromkeys(t.strip() for t in tags if t.strip()))


def _form_tags(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        text = value.strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if isinstance(parsed, list):
                out.extend(str(t).strip() for t in parsed)
                continue
        out.extend(t.strip() for t in text.split(","))
    return list(dict.fromkeys(t for t in out if t))


_ONE = f"/api/assets/{{id:{_UUID}}}"


class AssetRoutes(RouteGroup):
    """The assets store over HTTP, with the recorded bodies and error shapes."""

    def __init__(self, run: ServerRun, store: AssetStore) -> None:
        super().__init__(run)
        self.store = store

    def wrap(self, handler: AssetHandler) -> AssetHandler:
        return _answer(handler)

    # -- reading -------------------------------------------------------------------------------

    @route("HEAD", "/api/assets/hash/{hash}")
    async def head_hash(self, request: web.Request) -> web.Response:
        try:
            digest = canonical_hash(request.match_info["hash"])
        except ValueError as exc:
            raise AssetError(400, "INVALID_HASH", "hash must be like 'blake3:<hex>'") from exc
        return web.Response(status=200 if self.store.has_hash(digest) else 404)

    @route("GET", "/api/assets")
    async def list_assets(self, request: web.Request) -> web.Response:
        query = request.rel_url.query
        tags_all, tags_any, tags_none, name_contains, metadata_filter = _filters(query)
        limit = _int(query, "limit", 20, 1, 500)
        offset = _int(query, "offset", 0, 0, 2**31)
        sort = query.get("sort", "created_at").lower()
        sort = sort if sort in SORT_FIELDS else "created_at"
        order = query.get("order", "desc").lower()
        order = order if order in ("asc", "desc") else "desc"
        refs = [
            r
            for r in self.store.live()
            if self.store.matches(r, tags_all, tags_any, tags_none, name_contains, metadata_filter)
        ]
        refs.sort(key=lambda r: (r.sort_key(sort), r.id), reverse=order == "desc")
        total = len(refs)
        after = query.get("after")
        if after is not None:
            after_id = decode_cursor(after)
            ids = [r.id for r in refs]
            if after_id not in ids:
                raise AssetError(400, "INVALID_CURSOR", "Invalid cursor.")
            start = ids.index(after_id) + 1
        else:
            start = offset
        page = refs[start : start + limit]
        more = start + len(page) < total
        body: dict[str, Any] = {
            "assets": [r.body() for r in page],
            "total": total,
            "has_more": more,
        }
        if more and page:
            body["next_cursor"] = encode_cursor(sort, page[-1], order)
        return web.json_response(body)

    @route("GET", _ONE)
    async def get_asset(self, request: web.Request) -> web.Response:
        return web.json_response(self.store.get(request.match_info["id"].lower()).body())

    @route("GET", _ONE + "/content")
    async def content(self, request: web.Request) -> web.StreamResponse:
        ref = self.store.get(request.match_info["id"].lower())
        self.store.touch(ref)
        disposition = request.rel_url.query.get("disposition", "attachment").lower().strip()
        if disposition not in ("inline", "attachment"):
            disposition = "attachment"
        name = ref.name.replace("\r", "").replace("\n", "")
        content_type = (ref.mime_type or "application/octet-stream").split(";", 1)[0]
        with open(ref.path, "rb") as f:
            data = f.read()
        return web.Response(
            body=data,
            content_type=content_type,
            headers={
                "Content-Disposition": f"{disposition}; filename*=UTF-8''{urllib.parse.quote(name)}",
                "X-Content-Type-Options": "nosniff",
            },
        )

    @route("GET", "/api/tags")
    async def list_tags(self, request: web.Request) -> web.Response:
        query = request.rel_url.query
        prefix = (query.get("prefix") or "").strip() or None
        limit = _int(query, "limit", 100, 1, 1000, "Invalid query parameters")  # /api/tags' own
        offset = _int(query, "offset", 0, 0, 10_000_000, "Invalid query parameters")
        order = query.get("order", "count_desc")
        if order not in ("count_desc", "name_asc"):
            raise AssetError(
                400,
                "INVALID_QUERY",
                "Invalid query parameters",
                {"errors": [{"loc": ["order"], "msg": "count_desc or name_asc"}]},
            )
        include_zero = query.get("include_zero", "true").lower() not in ("false", "0", "no")
        counts = self.store.tag_counts()
        for tag in (*ROOT_TAGS, *MODEL_FOLDERS):
            counts.setdefault(tag, 0)
        rows = [
            (name, count)
            for name, count in counts.items()
            if (include_zero or count > 0) and (prefix is None or name.startswith(prefix))
        ]
        if order == "name_asc":
            rows.sort(key=lambda row: row[0])
        else:
            rows.sort(key=lambda row: (-row[1], row[0]))
        page = rows[offset : offset + limit]
        return web.json_response(
            {
                "tags": [{"name": n, "count": c} for n, c in page],
                "total": len(rows),
                "has_more": offset + len(page) < len(rows),
            }
        )

    @route("GET", "/api/assets/tags/refine")
    async def tags_refine(self, request: web.Request) -> web.Response:
        query = request.rel_url.query
        tags_all, tags_any, tags_none, name_contains, metadata_filter = _filters(query)
        limit = _int(query, "limit", 100, 1, 1000)
        counts: dict[str, int] = {}
        for ref in self.store.live():
            if self.store.matches(
                ref, tags_all, tags_any, tags_none, name_contains, metadata_filter
            ):
                for tag in ref.tags:
                    counts[tag] = counts.get(tag, 0) + 1
        rows = sorted(counts.items(), key=lambda row: (-row[1], row[0]))[:limit]
        return web.json_response({"tag_counts": dict(rows)})

    # -- writing -------------------------------------------------------------------------------

    def _created(self, ref: Reference, created_new: bool, status: int) -> web.Response:
        return web.json_response({**ref.body(), "created_new": created_new}, status=status)

    @route("POST", "/api/assets")
    async def upload(self, request: web.Request) -> web.Response:
        reader = await request.multipart()
        data: bytes | None = None
        filename: str | None = None
        fields: dict[str, list[str]] = {}
        while (part := await reader.next()) is not None:
            if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
                continue
            if part.name == "id":
                raise AssetError(
                    400,
                    "UNSUPPORTED_FIELD",
                    "Client-provided 'id' is not supported. Asset IDs are assigned by the server.",
                )
            if part.name == "file":
                data, filename = bytes(await part.read()), part.filename
            else:
                fields.setdefault(part.name, []).append(await part.text())
        provided_hash: str | None = None
        if fields.get("hash", [""])[0].strip():
            try:
                provided_hash = canonical_hash(fields["hash"][0])
            except ValueError as exc:
                raise AssetError(400, "INVALID_HASH", "hash must be like 'blake3:<hex>'") from exc
        tags = _form_tags(fields.get("tags", []))
        name = fields["name"][0] if fields.get("name") else None
        mime_type = fields["mime_type"][0] if fields.get("mime_type") else None
        metadata: Any = {}
        raw_metadata = (fields.get("user_metadata") or [""])[0].strip()
        if raw_metadata:
            try:
                metadata = json.loads(raw_metadata)
            except ValueError:
                metadata = None
            if not isinstance(metadata, dict):
                raise AssetError(
                    400, "INVALID_BODY", "Validation failed: user_metadata must be a JSON object"
                )
        if provided_hash is not None and self.store.has_hash(provided_hash):
            digest_name = name or provided_hash.split(":", 1)[1]
            ref = self.store.create_from_hash(provided_hash, digest_name, tags, metadata, mime_type)
            assert ref is not None
            return self._created(ref, False, 200)
        if data is None:
            raise AssetError(
                400, "MISSING_FILE", "Form must include a 'file' part or a known 'hash'."
            )
        if not data:
            raise AssetError(400, "EMPTY_UPLOAD", "Uploaded file is empty.")
        ref, created_new = self.store.upload(
            data, filename, name, tags, metadata, provided_hash, mime_type
        )
        return self._created(ref, created_new, 201 if created_new else 200)

    @route("POST", "/api/assets/from-hash")
    async def from_hash(self, request: web.Request) -> web.Response:
        body = await _json_body(request)
        if not isinstance(body, dict) or not isinstance(body.get("hash"), str):
            raise AssetError(
                400, "INVALID_BODY", "Validation failed.", {"errors": [{"loc": ["hash"]}]}
            )
        try:
            digest = canonical_hash(body["hash"])
        except ValueError as exc:
            raise AssetError(
                400,
                "INVALID_BODY",
                "Validation failed.",
                {"errors": [{"loc": ["hash"], "msg": "hash must be 'blake3:<hex>'"}]},
            ) from exc
        tags = body.get("tags") or []
        tags = [str(t).strip() for t in tags if str(t).strip()] if isinstance(tags, list) else []
        metadata = body.get("user_metadata") or {}
        name = body.get("name") or digest.split(":", 1)[1]
        ref = self.store.create_from_hash(digest, name, tags, metadata, body.get("mime_type"))
        if ref is None:
            raise AssetError(404, "ASSET_NOT_FOUND", f"Asset content {digest} does not exist")
        return self._created(ref, False, 201)

    @route("PUT", _ONE)
    async def update_asset(self, request: web.Request) -> web.Response:
        ref_id = request.match_info["id"].lower()
        body = await _json_body(request)
        if not isinstance(body, dict) or all(
            body.get(k) is None for k in ("name", "user_metadata", "preview_id")
        ):
            raise AssetError(
                400,
                "INVALID_BODY",
                "Validation failed.",
                {"errors": [{"msg": "Provide at least one of: name, user_metadata, preview_id."}]},
            )
        ref = self.store.update(ref_id, body.get("name"), body.get("user_metadata"))
        return web.json_response(ref.body())

    @route("DELETE", _ONE)
    async def delete_asset(self, request: web.Request) -> web.Response:
        ref_id = request.match_info["id"].lower()
        if not self.store.delete(ref_id):
            raise AssetError(404, "ASSET_NOT_FOUND", f"AssetReference {ref_id} not found.")
        return web.Response(status=204)

    @route("POST", _ONE + "/tags")
    async def add_tags(self, request: web.Request) -> web.Response:
        tags = _tag_list(await _json_body(request), "add")
        return web.json_response(self.store.add_tags(request.match_info["id"].lower(), tags))

    @route("DELETE", _ONE + "/tags")
    async def remove_tags(self, request: web.Request) -> web.Response:
        tags = _tag_list(await _json_body(request), "remove")
        return web.json_response(self.store.remove_tags(request.match_info["id"].lower(), tags))

    # -- seeding --------------------------------------------------------------------------------

    @route("POST", "/api/assets/seed")
    async def seed(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
            roots = body.get("roots", list(_SEED_ROOTS))
        except (ValueError, AttributeError):
            roots = list(_SEED_ROOTS)
        valid = tuple(r for r in roots if r in _SEED_ROOTS) if isinstance(roots, list) else ()
        if not valid:
            raise AssetError(400, "INVALID_BODY", "No valid roots specified")
        started = time.perf_counter()
        progress, enriched = self.store.seed(valid)
        send = self.run.hub.send_sync
        roots_list = list(valid)
        send(
            "assets.seed.started",
            {"roots": roots_list, "total": progress["total"], "phase": "fast"},
        )
        send(
            "assets.seed.fast_complete",
            {
                "roots": roots_list,
                "created": progress["created"],
                "skipped": progress["skipped"],
                "total": progress["total"],
            },
        )
        send("assets.seed.started", {"roots": roots_list, "phase": "enrich"})
        send("assets.seed.enrich_complete", {"roots": roots_list, "enriched": enriched})
        send(
            "assets.seed.completed",
            {
                "phase": "full",
                "total": progress["total"],
                "created": progress["created"],
                "enriched": enriched,
                "skipped": progress["skipped"],
                "elapsed": round(time.perf_counter() - started, 3),
            },
        )
        if request.rel_url.query.get("wait", "").lower() in ("true", "1", "yes"):
            status = self.store.seed_status.body()
            return web.json_response(
                {"status": "completed", "progress": status["progress"], "errors": []}
            )
        return web.json_response({"status": "started"}, status=202)

    @route("GET", "/api/assets/seed/status")
    async def seed_status(self, request: web.Request) -> web.Response:
        return web.json_response(self.store.seed_status.body())

    @route("POST", "/api/assets/seed/cancel")
    async def seed_cancel(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "idle"})

    @route("POST", "/api/assets/prune")
    async def prune(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "completed", "marked": 0})
