"""The assets API (ComfyUI 0.33 and later, with assets on), as methods of the asyncio client.

This file is the source of ``../_sync/assets.py`` (``scripts/unasync.py``).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from ..calls import assets as asset_calls
from ..calls.files import DownloadRequest
from ..calls.transport import Call
from ..calls.uploads import UploadSource, read_upload

if TYPE_CHECKING:  # the generated models take long to import: only for type hints
    from comfyui_openapi.models import Asset, AssetTagsAdded, AssetTagsRemoved, TagList

T = TypeVar("T")

#: Assets asked for per request while listing.
PAGE_SIZE = 100


class AsyncAssetMethods:
    """Content-addressed files with tags (``/api/assets``, ``/api/tags``).

    A server without the assets API (older than 0.33, or started with assets off) answers
    ``RouteNotAvailableError`` or a ``ComfyHTTPError`` saying the service is disabled. An
    ``asset_id`` that is not a UUID (``str`` or ``uuid.UUID``) is refused before sending
    (``InvalidArgumentError``): the server's routes would not match it.
    """

    async def _call(self, call: Call[T]) -> T:
        raise NotImplementedError  # the client sends

    async def _download(self, request: DownloadRequest, dest: str | os.PathLike[str]) -> Path:
        raise NotImplementedError  # the client streams

    async def upload_asset(
        self,
        data_or_path: UploadSource,
        name: str | None = None,
        tags: Iterable[str] = (),
        user_metadata: Mapping[str, Any] | None = None,
    ) -> Asset:
        """Store a file (bytes, path, binary file or PIL image) as an asset.

        Its BLAKE3 hash is computed here and asked for first (``HEAD``): bytes the server
        already has are not sent again (``from-hash``). Tags without one of the root tags
        (``input``, ``output``, ``models``) go under ``input``.
        """
        if name is None:
            name = Path(data_or_path).name if isinstance(data_or_path, str | Path) else "upload"
        data, content_type = read_upload(data_or_path, name)
        digest = asset_calls.asset_hash(data)
        chosen = asset_calls.with_root_tag(tags)
        if await self._call(asset_calls.has_asset_hash(digest)):
            call = asset_calls.create_asset_from_hash(digest, name, chosen, user_metadata)
            return await self._call(call)
        upload = asset_calls.upload_asset(data, name, content_type, chosen, user_metadata, digest)
        return await self._call(upload)

    async def list_assets(
        self,
        *,
        tags_all: Iterable[str] = (),
        tags_any: Iterable[str] = (),
        tags_none: Iterable[str] = (),
        name_contains: str | None = None,
        sort: str | None = None,
        order: str | None = None,
    ) -> AsyncIterator[Asset]:
        """Every asset matching the filters, page after page (``sort``: ``created_at``,
        ``updated_at``, ``name``, ``size``, ``last_access_time``; ``order``: ``asc``/``desc``)."""
        offset = 0
        while True:
            call = asset_calls.list_assets(
                tags_all=tags_all,
                tags_any=tags_any,
                tags_none=tags_none,
                name_contains=name_contains,
                sort=sort,
                order=order,
                limit=PAGE_SIZE,
                offset=offset,
            )
            page = await self._call(call)
            for asset in page.assets:
                yield asset
            if not page.has_more or not page.assets:
                return
            offset += len(page.assets)

    async def get_asset(self, asset_id: str | UUID) -> Asset:
        """One asset by id."""
        return await self._call(asset_calls.get_asset(asset_id))

    async def download_asset(self, asset_id: str | UUID, dest: str | os.PathLike[str]) -> Path:
        """Stream an asset's content to ``dest`` (a file path, or a directory to put it in
        under the asset's name), as ``download`` does."""
        name = ""
        if Path(dest).is_dir():
            name = (await self.get_asset(asset_id)).name
        return await self._download(asset_calls.asset_content(asset_id, name), dest)

    async def update_asset(
        self,
        asset_id: str | UUID,
        name: str | None = None,
        user_metadata: Mapping[str, Any] | None = None,
    ) -> Asset:
        """Rename an asset and/or replace its user metadata."""
        return await self._call(asset_calls.update_asset(asset_id, name, user_metadata))

    async def delete_asset(self, asset_id: str | UUID) -> None:
        """Delete an asset."""
        await self._call(asset_calls.delete_asset(asset_id))

    async def add_asset_tags(self, asset_id: str | UUID, tags: Iterable[str]) -> AssetTagsAdded:
        """Add tags to an asset (``added``, ``already_present``, ``total_tags``)."""
        return await self._call(asset_calls.add_asset_tags(asset_id, tags))

    async def remove_asset_tags(
        self, asset_id: str | UUID, tags: Iterable[str]
    ) -> AssetTagsRemoved:
        """Remove tags from an asset (``removed``, ``not_present``, ``total_tags``)."""
        return await self._call(asset_calls.remove_asset_tags(asset_id, tags))

    async def get_tags(
        self,
        prefix: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        order: str | None = None,
        include_zero: bool = False,
    ) -> TagList:
        """The tags in use with their counts (``order``: ``count_desc`` or ``name_asc``)."""
        return await self._call(asset_calls.get_tags(prefix, limit, offset, order, include_zero))

    async def seed_assets(
        self, roots: Iterable[str] = ("models", "input", "output"), wait: bool = False
    ) -> dict[str, Any]:
        """Scan the server's folders for files without assets (``wait``: until done); the
        answer says whether a scan started, ran, or was already running. Progress comes as
        ``assets.seed.*`` events."""
        return await self._call(asset_calls.seed_assets(roots, wait))
