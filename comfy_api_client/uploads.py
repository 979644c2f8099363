"""Turning what a user passes to ``upload_image`` into bytes (shared by both clients)."""

from __future__ import annotations

import io
import mimetypes
from pathlib import Path
from typing import Any

UploadSource = bytes | bytearray | memoryview | str | Path | io.IOBase | Any


def read_upload(source: UploadSource, name: str) -> tuple[bytes, str]:
    """Return ``(bytes, content_type)`` for bytes, a path, a binary file object or a PIL image."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str | Path):
        data = Path(source).read_bytes()
    elif hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            raise TypeError("open the file in binary mode ('rb') to upload it")
    elif hasattr(source, "save") and hasattr(source, "mode"):  # a PIL image
        fmt = (Path(name).suffix.lstrip(".") or "png").upper()
        fmt = {"JPG": "JPEG"}.get(fmt, fmt)
        buffer = io.BytesIO()
        source.save(buffer, format=fmt)
        data = buffer.getvalue()
    else:
        raise TypeError(
            f"cannot upload a {type(source).__name__}: pass bytes, a path, a binary file or a PIL image"
        )
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return data, content_type
