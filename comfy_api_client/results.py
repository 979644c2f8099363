"""A finished prompt's result, assembled from its history entry (no I/O here).

Downloading the files into ``OutputFile.data`` is the clients' job; everything else about a
result — which outputs are files, of what kind, and whether the prompt failed — is decided here.
"""

from __future__ import annotations

import io
import mimetypes
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .errors import ExecutionError, ExecutionInterrupted, PromptNotFinishedError
from .formats import as_mapping

if TYPE_CHECKING:  # Pillow is optional: only its type is named here
    from PIL.Image import Image as PILImage

_VIDEO_EXT = {".mp4", ".webm", ".mov", ".mkv", ".avi"}
_KIND_BY_KEY = {
    "images": "image",
    "gifs": "video",
    "video": "video",
    "videos": "video",
    "audio": "audio",
    "3d": "3d",
    "mesh": "3d",
    "latents": "latent",
}


@dataclass(slots=True)
class OutputFile:
    """A file a node produced (``/view`` coordinates), with its bytes once downloaded."""

    filename: str
    subfolder: str
    type: str
    node_id: str
    kind: str
    content_type: str
    data: bytes | None = field(default=None, repr=False)
    animated: bool = False
    #: The server's asset id for this file (ComfyUI 0.33 and later with assets on), else None.
    asset_id: str | None = None

    def view_params(self) -> dict[str, str]:
        """Query parameters of ``GET /view`` for this file."""
        params = {"filename": self.filename, "type": self.type}
        if self.subfolder:
            params["subfolder"] = self.subfolder
        return params

    def save(self, directory: str | Path) -> Path:
        """Write ``data`` to ``directory/subfolder/filename``; names escaping it are refused."""
        if self.data is None:
            raise ValueError(f"{self.filename!r} was not downloaded (download_outputs=False?)")
        path = output_path(directory, self)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.data)
        return path

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, Any]:
        """Shown by a notebook: images inline, video and audio as players, text as text."""
        from .display import file_bundle

        return file_bundle(self)


def output_path(directory: str | Path, file: OutputFile) -> Path:
    """Where ``file`` goes inside ``directory`` (its subfolder kept).

    Names from the server that would leave ``directory`` (absolute paths, ``..``, drive
    letters, backslashes) raise ``ValueError``.
    """
    parts: list[str] = []
    for piece in (file.subfolder, file.filename):
        if not piece:
            continue
        pure = PurePosixPath(piece)
        if (
            pure.is_absolute()
            or "\\" in piece
            or ":" in piece
            or any(part in ("..", ".") for part in pure.parts)
        ):
            raise ValueError(f"refusing to write {piece!r}: it would leave {directory}")
        parts.extend(pure.parts)
    if not file.filename or not parts:
        raise ValueError(f"refusing to write a file named {file.filename!r}")
    root = Path(directory)
    target = root.joinpath(*parts)
    if not target.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"refusing to write {'/'.join(parts)!r}: it would leave {directory}")
    return target


@dataclass(slots=True)
class OutputImage(OutputFile):
    """An image output; ``.image`` decodes it with Pillow."""

    @property
    def format(self) -> str:
        """``PNG``, ``JPEG``, ``WEBP``... from the content type."""
        sub = self.content_type.split("/", 1)[-1].upper()
        return {"JPG": "JPEG"}.get(sub, sub)

    def _repr_png_(self) -> bytes | None:
        """The PNG bytes, for notebooks (None for other formats: the bundle has them)."""
        return self.data if self.content_type == "image/png" else None

    @property
    def image(self) -> PILImage:
        """The decoded ``PIL.Image`` (needs the ``pillow`` extra)."""
        try:
            from PIL import Image
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError(
                "decoding images needs Pillow: pip install 'comfy-api-client[pillow]'"
            ) from exc
        if self.data is None:
            raise ValueError(f"{self.filename!r} was not downloaded")
        return Image.open(io.BytesIO(self.data))


@dataclass(slots=True)
class PromptResult:
    """What a finished prompt produced."""

    prompt_id: str
    status: str
    outputs: dict[str, Any]
    files: list[OutputFile]
    texts: dict[str, list[str]]
    history: dict[str, Any] | None = field(default=None, repr=False)
    cached_nodes: list[str] = field(default_factory=list)
    node_errors: dict[str, Any] = field(default_factory=dict)

    @property
    def output_images(self) -> list[OutputImage]:
        """The image files (WebSocket images included), in output order."""
        return [f for f in self.files if isinstance(f, OutputImage)]

    def _repr_html_(self) -> str:
        """A grid of the images (and other files) with their nodes' titles, texts below."""
        from .display import result_html

        return result_html(self)


def _kind(key: str, filename: str) -> str:
    kind = _KIND_BY_KEY.get(key, key)
    if kind == "image" and Path(filename).suffix.lower() in _VIDEO_EXT:
        return "video"
    return kind


def collect_files(outputs: Mapping[str, Any]) -> list[OutputFile]:
    """Every file in UI outputs (any key whose items have a ``filename``), node by node."""
    files: list[OutputFile] = []
    for node_id, ui in outputs.items():
        if not isinstance(ui, Mapping):
            continue
        animated = ui.get("animated")
        is_animated = isinstance(animated, list) and any(animated)
        for key, items in ui.items():
            if not isinstance(items, list):
                continue
            for item in items:
                if not isinstance(item, Mapping) or not isinstance(item.get("filename"), str):
                    continue
                name = item["filename"]
                kind = _kind(str(key), name)
                cls = OutputImage if kind == "image" else OutputFile
                files.append(
                    cls(
                        filename=name,
                        subfolder=str(item.get("subfolder") or ""),
                        type=str(item.get("type") or "output"),
                        node_id=str(node_id),
                        kind=kind,
                        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
                        animated=is_animated,
                        asset_id=item["id"] if isinstance(item.get("id"), str) else None,
                    )
                )
    return files


def websocket_images(images: Mapping[str, Sequence[tuple[bytes, str]]]) -> list[OutputFile]:
    """Images received as binary frames, ``node id -> [(bytes, content_type)]``, as outputs."""
    files: list[OutputFile] = []
    for node_id, frames in images.items():
        for index, (data, content_type) in enumerate(frames):
            ext = mimetypes.guess_extension(content_type) or ".bin"
            files.append(
                OutputImage(
                    filename=f"{node_id}_{index:05d}{ext}",
                    subfolder="",
                    type="websocket",
                    node_id=str(node_id),
                    kind="image",
                    content_type=content_type,
                    data=data,
                )
            )
    return files


def result_from_history(
    prompt_id: str,
    entry: Mapping[str, Any],
    ws_images: Mapping[str, Sequence[tuple[bytes, str]]] | None = None,
    node_errors: Mapping[str, Any] | None = None,
) -> PromptResult:
    """Build the result of one history entry; raise if the prompt failed or was interrupted."""
    status = as_mapping(entry.get("status"))
    messages = [
        m for m in status.get("messages") or [] if isinstance(m, list | tuple) and len(m) == 2
    ]
    cached: list[str] = []
    for name, data in messages:
        data = as_mapping(data)
        if name == "execution_error":
            raise ExecutionError(prompt_id, data)
        if name == "execution_interrupted":
            raise ExecutionInterrupted(prompt_id, data)
        if name == "execution_cached":
            cached = [str(n) for n in data.get("nodes") or []]
    if status.get("status_str") == "error":  # no message says why: still an error
        raise ExecutionError(prompt_id, {"exception_message": "the server reports status 'error'"})
    outputs = as_mapping(entry.get("outputs"))
    texts = {
        str(node): [str(t) for t in ui["text"]]
        for node, ui in outputs.items()
        if isinstance(ui, Mapping) and isinstance(ui.get("text"), list)
    }
    return PromptResult(
        prompt_id=prompt_id,
        status=str(status.get("status_str") or "success"),
        outputs=dict(outputs),
        files=collect_files(outputs) + websocket_images(ws_images or {}),
        texts=texts,
        history=dict(entry),
        cached_nodes=cached,
        node_errors=dict(node_errors or {}),
    )


def history_body_problem(prompt_id: str, body: object) -> str:
    """What makes a ``GET /history/{prompt_id}`` body unreadable ("" if nothing): it must be
    ``{}`` (no entry) or ``{prompt_id: entry}`` with an object entry whose ``status`` and
    ``outputs`` (and each node's outputs) are objects when present."""
    if not isinstance(body, Mapping):
        return "expected an object"
    if prompt_id not in body:
        return ""
    entry = body[prompt_id]
    if not isinstance(entry, Mapping):
        return "the entry is not an object"
    for key in ("status", "outputs"):
        if entry.get(key) is not None and not isinstance(entry[key], Mapping):
            return f"the entry's {key!r} is not an object"
    if not all(isinstance(ui, Mapping) for ui in as_mapping(entry.get("outputs")).values()):
        return "an output of the entry is not an object"
    return ""


def result_from_history_body(prompt_id: str, body: object) -> PromptResult:
    """The result in a ``GET /history/{id}`` body; ``PromptNotFinishedError`` when it is ``{}``."""
    entry = body.get(prompt_id) if isinstance(body, Mapping) else None
    if not isinstance(entry, Mapping):
        raise PromptNotFinishedError(prompt_id)
    return result_from_history(prompt_id, entry)
