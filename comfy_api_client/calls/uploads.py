"""Turning what a user passes to ``upload_image`` into bytes (shared by both clients)."""

from __future__ import annotations

import io
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ComfyError, InvalidArgumentError

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


@dataclass(frozen=True, slots=True)
class UploadResult:
    """Where the server stored an upload: pass it to ``LoadImage`` or as a mask's original.

    ``name`` may differ from the name asked for (the server renames instead of overwriting
    when ``overwrite=False``).
    """

    name: str
    subfolder: str
    type: str

    @property
    def type_(self) -> str:
        """``type`` under the generated model's spelling."""
        return self.type

    @property
    def path(self) -> str:
        """``subfolder/name`` as ``LoadImage`` takes it."""
        return f"{self.subfolder}/{self.name}" if self.subfolder else self.name

    def to_dict(self) -> dict[str, str]:
        """The server's answer: ``{"name", "subfolder", "type"}``."""
        return {"name": self.name, "subfolder": self.subfolder, "type": self.type}

    def model_dump(self) -> dict[str, str]:
        """The first release's (pydantic) spelling of :meth:`to_dict`."""
        return self.to_dict()

    @classmethod
    def from_answer(cls, answer: object) -> UploadResult:
        """From the generated ``UploadResponse`` (or its JSON body)."""
        body = answer.to_dict() if hasattr(answer, "to_dict") else answer
        if not isinstance(body, Mapping) or not isinstance(body.get("name"), str):
            raise ComfyError(f"the upload's answer has no file name: {body!r:.200}")
        return cls(str(body["name"]), str(body.get("subfolder") or ""), str(body.get("type") or ""))


def mask_reference(original: object) -> dict[str, str]:
    """The ``original_ref`` of a mask upload: ``{"filename", "subfolder", "type"}``.

    ``original`` is what ``upload_image`` returned, a mapping with ``filename`` (or ``name``),
    or any object with ``name``/``subfolder``/``type`` attributes (the first release's result).
    """
    if isinstance(original, Mapping):
        fields = {str(k): v for k, v in original.items()}
    elif hasattr(original, "to_dict"):
        fields = dict(original.to_dict())
    elif hasattr(original, "name"):
        fields = {k: getattr(original, k, None) for k in ("name", "subfolder", "type")}
    else:
        raise InvalidArgumentError(
            "original_ref",
            original,
            "pass what upload_image returned or a mapping with 'filename', 'subfolder', 'type'",
        )
    filename = fields.get("filename", fields.get("name"))
    if not isinstance(filename, str) or not filename:
        raise InvalidArgumentError("original_ref", original, "it names no file ('filename')")
    reference = {"filename": filename}
    for key in ("subfolder", "type"):
        value = fields.get(key)
        if value:
            reference[key] = str(value)
    return reference
