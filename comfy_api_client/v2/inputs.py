"""Input files a workflow holds (a path, bytes, a binary file or a PIL image where a file name
would be), as Comfy API v2 wants them: uploaded assets named by ``core/ASSET`` references.

And what a v2 submission keeps of ``extra_data`` (no I/O here)."""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..calls.uploads import read_upload
from ..errors import InvalidArgumentError

logger = logging.getLogger("comfy_api_client")

#: The only ``extra_data`` field Comfy API v2 accepts (the key partner nodes authenticate with).
API_KEY_FIELD = "api_key_comfy_org"
#: ``extra_data`` the client adds itself and v2 has no place for (dropped quietly).
_DROPPED = {"extra_pnginfo"}


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file source standing in node ``node_id``'s input ``input_name``, read to bytes."""

    node_id: str
    input_name: str
    name: str
    data: bytes
    content_type: str


def is_file_source(value: object) -> bool:
    """Whether ``value`` is a file given to upload (a string is a server-side file name)."""
    if isinstance(value, bytes | bytearray | memoryview | Path | io.IOBase):
        return True
    return hasattr(value, "save") and hasattr(value, "mode")  # a PIL image


def input_files(workflow: Mapping[str, Any]) -> list[InputFile]:
    """Every file source among the workflow's inputs, read, in node order."""
    found = []
    for node_id, node in workflow.items():
        inputs = node.get("inputs") if isinstance(node, Mapping) else None
        if not isinstance(inputs, Mapping):
            continue
        for name, value in inputs.items():
            if not is_file_source(value):
                continue
            file_name = _file_name(str(node_id), str(name), value)
            try:
                data, content_type = read_upload(value, file_name)
            except (OSError, TypeError) as exc:
                raise InvalidArgumentError(
                    f"workflow[{node_id!r}]['inputs'][{name!r}]", value, f"cannot be read: {exc}"
                ) from exc
            found.append(InputFile(str(node_id), str(name), file_name, data, content_type))
    return found


def with_references(
    workflow: Mapping[str, Any], assets: Mapping[tuple[str, str], Mapping[str, Any]]
) -> dict[str, Any]:
    """A copy of ``workflow`` with each uploaded input replaced by its asset reference
    (``assets``: (node id, input name) -> the asset the server answered)."""
    out: dict[str, Any] = {}
    for node_id, node in workflow.items():
        if not isinstance(node, Mapping) or not any(k[0] == str(node_id) for k in assets):
            out[node_id] = node
            continue
        inputs = dict(node.get("inputs") or {})
        for name in list(inputs):
            asset = assets.get((str(node_id), str(name)))
            if asset is not None:
                inputs[name] = reference(asset)
        out[node_id] = {**node, "inputs": inputs}
    return out


def reference(asset: Mapping[str, Any]) -> dict[str, Any]:
    """The ``core/ASSET`` reference to an asset (its id rules; hash and path are hints)."""
    info: dict[str, Any] = {"id": str(asset["id"])}
    if asset.get("hash"):
        info["hash"] = str(asset["hash"])
    if asset.get("file_path"):
        info["file_path"] = str(asset["file_path"])
    return {"__type": "core/ASSET", "info": info}


def v2_extra_data(extra_data: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """What of ``extra_data`` a v2 submission sends: only ``api_key_comfy_org``; the workflow
    metadata the client adds for UI-format workflows is dropped, anything else refused."""
    if not extra_data:
        return None
    kept: dict[str, Any] = {}
    for key, value in extra_data.items():
        if key == API_KEY_FIELD:
            if not isinstance(value, str):
                raise InvalidArgumentError(f"extra_data[{key!r}]", "<hidden>", "must be a string")
            kept[key] = value
        elif key in _DROPPED:
            logger.debug("extra_data[%r] is not sent: Comfy API v2 has no place for it", key)
        else:
            raise InvalidArgumentError(
                f"extra_data[{key!r}]",
                "<hidden>",
                f"Comfy API v2 accepts only {API_KEY_FIELD!r} in extra_data",
            )
    return kept or None


def _file_name(node_id: str, input_name: str, value: object) -> str:
    if isinstance(value, Path):
        return value.name
    named = getattr(value, "name", None)  # an open file
    if isinstance(named, str) and named:
        return Path(named).name
    if isinstance(value, bytes | bytearray | memoryview):
        return f"{node_id}_{input_name}{_sniff(bytes(value[:16]))}"
    return f"{node_id}_{input_name}.png"  # a PIL image, saved as PNG


def _sniff(head: bytes) -> str:
    if head.startswith(b"\x89PNG"):
        return ".png"
    if head.startswith(b"\xff\xd8"):
        return ".jpg"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return ".webp"
    if head.startswith(b"GIF8"):
        return ".gif"
    return ".bin"
