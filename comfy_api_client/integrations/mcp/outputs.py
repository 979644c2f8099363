"""A prompt's outputs as MCP content: images as image content (a downscaled preview when
large), the full files as resources the agent can read, texts as text."""

from __future__ import annotations

import base64
import io
from collections import OrderedDict
from typing import Any

from mcp.types import ContentBlock, ImageContent, ResourceLink, TextContent

from ...core.results import OutputFile, PromptResult
from .models import OutputFileInfo, RunResult

#: Images larger than this (either side, pixels) or heavier (bytes) are shown downscaled.
PREVIEW_SIDE = 1024
PREVIEW_BYTES = 1_000_000
#: The image types MCP clients show.
SHOWN_TYPES = frozenset({"image/png", "image/jpeg", "image/webp", "image/gif"})
#: How many prompts' files stay readable as resources (the oldest are forgotten).
KEPT_PROMPTS = 64
URI_PREFIX = "comfyui://outputs/"


class OutputStore:
    """The files of the last prompts, readable as ``comfyui://outputs/{prompt_id}/{index}``."""

    def __init__(self, kept: int = KEPT_PROMPTS) -> None:
        self._kept = kept
        self._files: OrderedDict[str, tuple[list[OutputFile], dict[int, str]]] = OrderedDict()

    def keep(self, prompt_id: str, files: list[OutputFile], saved: dict[int, str]) -> None:
        """Keep a prompt's files and where they were saved (output index -> path)."""
        self._files[prompt_id] = (files, saved)
        self._files.move_to_end(prompt_id)
        while len(self._files) > self._kept:
            self._files.popitem(last=False)

    def saved(self, prompt_id: str) -> dict[int, str] | None:
        """Where a kept prompt's files were saved (None: not kept, so not saved yet)."""
        kept = self._files.get(prompt_id)
        return kept[1] if kept is not None else None

    def read(self, prompt_id: str, index: str) -> bytes:
        files = self._files.get(prompt_id, ([], {}))[0]
        if not index.isdigit() or int(index) >= len(files):
            raise LookupError(
                f"no output {index} of prompt {prompt_id} here (only the files of the last "
                f"{self._kept} prompts this server returned can be read)"
            )
        data = files[int(index)].data
        if data is None:
            raise LookupError(f"output {index} of prompt {prompt_id} was not downloaded")
        return data


def uri(prompt_id: str, index: int) -> str:
    return f"{URI_PREFIX}{prompt_id}/{index}"


def describe(
    result: PromptResult, server: str | None, saved: dict[int, str] | None = None
) -> tuple[RunResult, list[ContentBlock]]:
    """The structured result and the content blocks of a finished prompt."""
    saved = saved or {}
    infos: list[OutputFileInfo] = []
    blocks: list[ContentBlock] = []
    for index, file in enumerate(result.files):
        data = file.data
        info = OutputFileInfo(
            node_id=file.node_id,
            kind=file.kind,
            filename=file.filename,
            subfolder=file.subfolder,
            type=file.type,
            content_type=file.content_type,
            size=len(data) if data is not None else None,
            resource_uri=uri(result.prompt_id, index) if data is not None else None,
            saved_path=saved.get(index),
        )
        infos.append(info)
        if data is not None and file.content_type in SHOWN_TYPES:
            image, mime, info.preview = preview(data, file.content_type)
            if image is not None:
                blocks.append(ImageContent(type="image", data=image, mime_type=mime))
        if info.resource_uri is not None:
            blocks.append(
                ResourceLink(
                    type="resource_link",
                    uri=info.resource_uri,
                    name=file.filename,
                    description=f"{file.kind} from node {file.node_id} (full file)",
                    mime_type=file.content_type,
                    size=info.size,
                )
            )
    for node_id, texts in result.texts.items():
        blocks += [TextContent(type="text", text=f"[node {node_id}] {t}") for t in texts]
    summary = RunResult(
        prompt_id=result.prompt_id,
        status=result.status,
        server=server,
        files=infos,
        texts=result.texts,
        cached_nodes=list(result.cached_nodes),
    )
    blocks.insert(0, TextContent(type="text", text=_summary_text(summary)))
    return summary, blocks


def preview(data: bytes, content_type: str) -> tuple[str | None, str, str]:
    """``(base64, mime type, what it is)`` of an image to show: the image itself when small,
    else a downscaled JPEG/PNG (None when it is large and Pillow cannot read it)."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - the mcp extra installs Pillow
        Image = None  # type: ignore[assignment]
    size: tuple[int, int] | None = None
    if Image is not None:
        try:
            with Image.open(io.BytesIO(data)) as image:
                size = image.size
                if max(size) > PREVIEW_SIDE or len(data) > PREVIEW_BYTES:
                    return _downscaled(image)
        except Exception:  # not readable by Pillow: shown as is when small
            size = None
    if len(data) > PREVIEW_BYTES:
        return None, content_type, "too large to show; read the resource"
    shown = f"full image {size[0]}x{size[1]}" if size else "full image"
    return base64.b64encode(data).decode("ascii"), content_type, shown


def _downscaled(image: Any) -> tuple[str, str, str]:
    width, height = image.size
    image.thumbnail((PREVIEW_SIDE, PREVIEW_SIDE))
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA", "P"):
        image.save(out, "PNG", optimize=True)
        mime = "image/png"
    else:
        image.convert("RGB").save(out, "JPEG", quality=85)
        mime = "image/jpeg"
    what = f"preview {image.size[0]}x{image.size[1]} of {width}x{height}; read the resource"
    return base64.b64encode(out.getvalue()).decode("ascii"), mime, what


def _summary_text(result: RunResult) -> str:
    files = ", ".join(f"{f.filename} ({f.kind}, node {f.node_id})" for f in result.files)
    where = f" on {result.server}" if result.server else ""
    return f"prompt {result.prompt_id}: {result.status}{where}; files: {files or 'none'}"
