"""The in-memory assets store of an imitated ComfyUI 0.33 (started with ``--enable-assets``).

Content is addressed by its blake3 hash (``blake3:<hex>``); references (what the API calls
assets) name content, carry tags and user metadata, and may be backed by a file of the
server's input, output or temp folder. Files the executor writes are registered in place
without hashing, as the recorded server does (no ``--enable-asset-hashing``).
"""

from __future__ import annotations

import base64
import binascii
import json
import mimetypes
import os
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from PIL import Image

ROOTS = ("input", "output", "temp")
SORT_FIELDS = ("name", "created_at", "updated_at", "size", "last_access_time")


class AssetError(Exception):
    """An API error: ``{"error": {"code", "message", "details"}}`` with ``status``."""

    def __init__(
        self, status: int, code: str, message: str, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}


def blake3_hash(data: bytes) -> str:
    """``blake3:<hex>`` of ``data`` (needs the ``blake3`` package of the testing extra)."""
    try:
        from blake3 import blake3
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the 0.33 test double hashes assets with blake3: "
            "pip install 'comfy-api-client[testing]'"
        ) from exc
    return "blake3:" + blake3(data).hexdigest()


def canonical_hash(value: str) -> str:
    """``blake3:<64 hex>`` lowercased; ValueError otherwise."""
    text = value.strip().lower()
    algo, _, digest = text.partition(":")
    if algo != "blake3" or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ValueError("hash must be 'blake3:<hex>'")
    return text


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat()


def _image_metadata(path: str) -> dict[str, Any]:
    try:
        with Image.open(path) as img:
            return {"kind": "image", "width": img.width, "height": img.height}
    except (OSError, ValueError):
        return {}


@dataclass
class Content:
    """Bytes known by hash: where they are and what they are."""

    hash: str
    size: int
    mime_type: str | None
    path: str
    metadata: dict[str, Any]


@dataclass
class Reference:
    """One asset: a name for content (hashed or not), with tags and metadata."""

    id: str
    name: str
    path: str
    size: int
    mime_type: str | None
    tags: list[str]
    user_metadata: dict[str, Any]
    metadata: dict[str, Any]
    hash: str | None = None
    #: (root, path relative to it) when the reference is a file of a server folder.
    location: tuple[str, str] | None = None
    job_id: str | None = None
    enriched: bool = True
    created_at: str = field(default_factory=_now)
    updated_at: str = ""
    last_access_time: str = ""

    def __post_init__(self) -> None:
        self.updated_at = self.updated_at or self.created_at
        self.last_access_time = self.last_access_time or self.created_at

    def sort_key(self, sort: str) -> Any:
        return self.size if sort == "size" else getattr(self, sort)

    def body(self) -> dict[str, Any]:
        """The asset as the API shows it (keys in the recorded order, None left out)."""
        loader_path = display_name = preview_url = None
        if self.location is not None:
            root, rel = self.location
            loader_path = display_name = rel
            subfolder, _, filename = rel.rpartition("/")
            preview_url = f"/api/view?type={root}&filename={filename}"
            if subfolder:
                preview_url += f"&subfolder={subfolder}"
        out = {
            "id": self.id,
            "name": self.name,
            "hash": self.hash,
            "loader_path": loader_path,
            "display_name": display_name,
            "asset_hash": self.hash,
            "size": self.size,
            "mime_type": self.mime_type,
            "tags": list(self.tags),
            "preview_url": preview_url,
            "user_metadata": self.user_metadata,
            "is_immutable": False,
            "metadata": self.metadata,
            "job_id": self.job_id,
            "prompt_id": self.job_id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "last_access_time": self.last_access_time,
        }
        return {k: v for k, v in out.items() if v is not None}


@dataclass
class SeedStatus:
    """What ``GET /api/assets/seed/status`` reports of the last scan."""

    total: int = 0
    created: int = 0
    skipped: int = 0

    def body(self) -> dict[str, Any]:
        return {
            "state": "IDLE",
            "progress": {
                "scanned": 0,
                "total": self.total,
                "created": self.created,
                "skipped": self.skipped,
            },
            "errors": [],
        }


class AssetStore:
    """Contents by hash and references by id; thread-safe (the worker registers outputs)."""

    def __init__(self, root_dirs: dict[str, str]) -> None:
        self._lock = threading.RLock()
        self._roots = root_dirs
        self.contents: dict[str, Content] = {}
        self.references: dict[str, Reference] = {}
        self.seed_status = SeedStatus()

    # -- registering ---------------------------------------------------------------------------

    def _locate(self, path: str) -> tuple[str, str] | None:
        real = os.path.realpath(path)
        for root in ROOTS:
            base = os.path.realpath(self._roots[root])
            if os.path.commonpath((base, real)) == base:
                return root, os.path.relpath(real, base).replace(os.sep, "/")
        return None

    def _by_location(self, location: tuple[str, str]) -> Reference | None:
        for ref in self.references.values():
            if ref.location == location:
                return ref
        return None

    def register_file(self, path: str, tags: list[str], job_id: str | None = None) -> Reference:
        """A file the server wrote (an output, a preview, a scanned file): unhashed, in place.

        Writing the same path again re-registers it (same id, fresh size and time).
        """
        location = self._locate(path)
        name = os.path.basename(path)
        size = os.path.getsize(path)
        content_type = mimetypes.guess_type(name)[0]
        with self._lock:
            existing = self._by_location(location) if location is not None else None
            if existing is not None:
                existing.size = size
                existing.updated_at = _now()
                existing.job_id = job_id or existing.job_id
                existing.enriched = False
                return existing
            ref = Reference(
                id=str(uuid.uuid4()),
                name=name,
                path=path,
                size=size,
                mime_type=content_type,
                tags=sorted({*tags, "uploaded"}),
                user_metadata={"filename": location[1] if location else name},
                metadata={},
                location=location,
                job_id=job_id,
                enriched=False,
            )
            self.references[ref.id] = ref
            return ref

    def register_upload(self, path: str, tags: list[str]) -> Reference:
        """A file posted to ``/upload/image``: hashed, registered in place."""
        with open(path, "rb") as f:
            digest = blake3_hash(f.read())
        ref = self.register_file(path, tags)
        with self._lock:
            ref.hash = digest
            ref.metadata = _image_metadata(path)
            ref.enriched = True
            self.contents.setdefault(
                digest, Content(digest, ref.size, ref.mime_type, path, dict(ref.metadata))
            )
        return ref

    def enrich(self, ref: Reference) -> None:
        """What the recorded enrich phase adds to an unhashed file's metadata."""
        name = os.path.basename(ref.path)
        ref.metadata = {
            "filename": name,
            "content_length": ref.size,
            "format": os.path.splitext(name)[1].lstrip(".").lower(),
            "file_path": ref.path,
            "content_type": ref.mime_type,
            **_image_metadata(ref.path),
        }
        ref.enriched = True

    def enrich_pending(self) -> int:
        with self._lock:
            pending = [r for r in self.references.values() if not r.enriched]
            for ref in pending:
                self.enrich(ref)
            return len(pending)

    # -- lookups ------------------------------------------------------------------------------

    def get(self, ref_id: str) -> Reference:
        with self._lock:
            ref = self.references.get(ref_id)
        if ref is None or not os.path.isfile(ref.path):
            raise AssetError(
                404, "ASSET_NOT_FOUND", f"AssetReference {ref_id} not found", {"id": ref_id}
            )
        return ref

    def has_hash(self, digest: str) -> bool:
        with self._lock:
            content = self.contents.get(digest)
        return content is not None and os.path.isfile(content.path)

    def content_path(self, digest: str) -> str | None:
        with self._lock:
            content = self.contents.get(digest)
        return content.path if content is not None and os.path.isfile(content.path) else None

    def touch(self, ref: Reference) -> None:
        ref.last_access_time = _now()

    # -- API operations ------------------------------------------------------------------------

    def create_from_hash(
        self,
        digest: str,
        name: str,
        tags: list[str],
        user_metadata: dict[str, Any],
        mime_type: str | None = None,
    ) -> Reference | None:
        with self._lock:
            content = self.contents.get(digest)
            if content is None:
                return None
            ref = Reference(
                id=str(uuid.uuid4()),
                name=name,
                path=content.path,
                size=content.size,
                mime_type=mime_type or content.mime_type,
                tags=list(dict.fromkeys(tags)),
                user_metadata=user_metadata,
                metadata=dict(content.metadata),
                hash=digest,
            )
            ref.updated_at = _now()
            self.references[ref.id] = ref
            return ref

    def upload(
        self,
        data: bytes,
        filename: str | None,
        name: str | None,
        tags: list[str],
        user_metadata: dict[str, Any],
        expected_hash: str | None,
        mime_type: str | None,
    ) -> tuple[Reference, bool]:
        """Store uploaded bytes; returns (reference, created_new)."""
        digest = blake3_hash(data)
        if expected_hash is not None and expected_hash != digest:
            raise AssetError(
                400, "HASH_MISMATCH", "Uploaded file hash does not match provided hash."
            )
        display = os.path.basename((name or filename or "").strip()) or digest.split(":", 1)[1]
        if self.has_hash(digest):
            ref = self.create_from_hash(digest, display, tags, user_metadata, mime_type)
            assert ref is not None
            return ref, False
        if not tags:
            raise AssetError(400, "INVALID_BODY", "tags are required for new asset uploads")
        roles = [t for t in tags if t in ("input", "models", "output")]
        if len(roles) != 1:
            raise AssetError(
                400,
                "INVALID_BODY",
                "uploads require exactly one destination role: input, models, or output",
            )
        if roles[0] == "models":
            raise AssetError(
                400,
                "INVALID_BODY",
                "models uploads require exactly one model_type:<folder_name> tag",
            )
        ext = os.path.splitext(os.path.basename(filename or name or ""))[1]
        path = os.path.join(self._roots[roles[0]], digest.split(":", 1)[1] + ext)
        with open(path, "wb") as f:
            f.write(data)
        guessed = mimetypes.guess_type(filename or name or path)[0]
        metadata = _image_metadata(path)
        with self._lock:
            self.contents[digest] = Content(digest, len(data), mime_type or guessed, path, metadata)
            ref = Reference(
                id=str(uuid.uuid4()),
                name=display,
                path=path,
                size=len(data),
                mime_type=mime_type or guessed,
                tags=list(dict.fromkeys([*tags, "uploaded"])),
                user_metadata=user_metadata,
                metadata=dict(metadata),
                hash=digest,
                location=self._locate(path),
            )
            self.references[ref.id] = ref
        return ref, True

    def update(
        self, ref_id: str, name: str | None, user_metadata: dict[str, Any] | None
    ) -> Reference:
        ref = self.get(ref_id)
        with self._lock:
            if name is not None:
                ref.name = name
            if user_metadata is not None:
                ref.user_metadata = user_metadata
            ref.updated_at = _now()
        return ref

    def delete(self, ref_id: str) -> bool:
        with self._lock:
            return self.references.pop(ref_id, None) is not None

    def add_tags(self, ref_id: str, tags: list[str]) -> dict[str, Any]:
        ref = self.get(ref_id)
        with self._lock:
            added = [t for t in tags if t not in ref.tags]
            present = [t for t in tags if t in ref.tags]
            ref.tags = sorted({*ref.tags, *added})
            return {"added": added, "already_present": present, "total_tags": list(ref.tags)}

    def remove_tags(self, ref_id: str, tags: list[str]) -> dict[str, Any]:
        ref = self.get(ref_id)
        with self._lock:
            removed = [t for t in tags if t in ref.tags]
            absent = [t for t in tags if t not in ref.tags]
            ref.tags = [t for t in ref.tags if t not in removed]
            return {"removed": removed, "not_present": absent, "total_tags": list(ref.tags)}

    def live(self) -> list[Reference]:
        with self._lock:
            return [r for r in self.references.values() if os.path.isfile(r.path)]

    @staticmethod
    def matches(
        ref: Reference,
        tags_all: list[str],
        tags_any: list[str],
        tags_none: list[str],
        name_contains: str | None,
        metadata_filter: dict[str, Any] | None,
    ) -> bool:
        tags = set(ref.tags)
        if not set(tags_all) <= tags or tags & set(tags_none):
            return False
        if tags_any and not tags & set(tags_any):
            return False
        if name_contains and name_contains.lower() not in ref.name.lower():
            return False
        return not metadata_filter or all(
            ref.user_metadata.get(k) == v for k, v in metadata_filter.items()
        )

    def tag_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for ref in self.live():
            for tag in ref.tags:
                counts[tag] = counts.get(tag, 0) + 1
        return counts

    # -- seeding ---------------------------------------------------------------------------------

    def seed(self, roots: tuple[str, ...]) -> tuple[dict[str, int], int]:
        """Register every file of ``roots`` not known yet; ({total, created, skipped}, enriched)."""
        files: list[tuple[str, str]] = []
        for root in roots:
            base = self._roots.get(root)
            if base is None:
                continue
            for dirpath, _dirs, names in os.walk(base):
                files.extend((root, os.path.join(dirpath, n)) for n in sorted(names))
        created = skipped = 0
        with self._lock:
            for root, path in files:
                location = self._locate(path)
                if location is not None and self._by_location(location) is not None:
                    skipped += 1
                    continue
                self.register_file(path, [root])
                created += 1
            enriched = 0
            for ref in self.references.values():
                if not ref.enriched and ref.location is not None and ref.location[0] in roots:
                    self.enrich(ref)
                    enriched += 1
            self.seed_status = SeedStatus(len(files), created, skipped)
        return {"total": len(files), "created": created, "skipped": skipped}, enriched


def encode_cursor(sort: str, ref: Reference, order: str) -> str:
    value = ref.sort_key(sort)
    raw = json.dumps({"s": sort, "v": str(value), "id": ref.id, "o": order}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_cursor(cursor: str) -> str:
    """The reference id a cursor continues after; AssetError when it is not one of ours."""
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor.encode() + b"=="))
        return str(data["id"])
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise AssetError(400, "INVALID_CURSOR", "Invalid cursor.") from exc
