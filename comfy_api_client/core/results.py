"""A finished prompt's result, assembled from its history entry (no I/O here).

Downloading the files into ``OutputFile.data`` is the clients' job; everything else about a
result — which outputs are files, of what kind, and whether the prompt failed — is decided here.
"""

from __future__ import annotations

import contextlib
import io
import mimetypes
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import (
    ExecutionError,
    ExecutionInterrupted,
    OutputNotDownloadedError,
    PromptNotFinishedError,
)
from ..formats import as_mapping
from .saving import claim, folder_path, write_output

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


@dataclass(slots=True, weakref_slot=True)
class OutputFile:
    """A file a node produced (``/view`` coordinates), with its bytes once downloaded.

    An output larger than the client's ``output_memory_limit`` is kept in a temporary file,
    ``local_path`` (removed when this object is garbage-collected); ``data`` then reads that
    file on each access.
    """

    _data: bytes | None = field(default=None, init=False, repr=False, compare=False)
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
    #: The temporary file holding an output too large to keep in memory, else None.
    local_path: Path | None = field(default=None, repr=False, compare=False)

    @property
    def downloaded(self) -> bool:
        """Whether the bytes are here (in memory or in ``local_path``), without reading them."""
        return self._data is not None or self.local_path is not None

    def keep_file(self, path: Path) -> None:
        """Take ``path`` (a temporary file of the downloaded bytes) as this file's data; it
        is removed when this object is garbage-collected."""
        self._data = None
        self.local_path = path
        weakref.finalize(self, _remove, path)

    def view_params(self) -> dict[str, str]:
        """Query parameters of ``GET /view`` for this file."""
        params = {"filename": self.filename, "type": self.type}
        if self.subfolder:
            params["subfolder"] = self.subfolder
        return params

    def save(self, directory: str | Path, overwrite: bool = False) -> Path:
        """Write the file to ``directory/subfolder/filename``, under the naming rule of
        :mod:`comfy_api_client.core.saving` (a counter on a clash; ``overwrite=True`` replaces);
        names escaping ``directory`` raise ``OutputPathError``. A spilled output is copied
        from its temporary file, never read into memory."""
        if not self.downloaded:
            raise OutputNotDownloadedError(self.filename, self.node_id, "save")
        source: bytes | Path | None = self._data if self._data is not None else self.local_path
        assert source is not None
        return write_output(claim(output_path(directory, self), overwrite), source)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, Any]:
        """Shown by a notebook: images inline, video and audio as players, text as text."""
        from ..notebook.display import file_bundle

        return file_bundle(self)


def _get_data(file: OutputFile) -> bytes | None:
    if file._data is None and file.local_path is not None:
        return file.local_path.read_bytes()
    return file._data


def _set_data(file: OutputFile, value: bytes | None) -> None:
    file._data = value


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


# ``data`` reads a spilled file on access; assigning it sets the bytes kept in memory.
OutputFile.data = property(_get_data, _set_data)  # type: ignore[assignment,misc]


def output_path(directory: str | Path, file: OutputFile) -> Path:
    """Where ``file`` goes inside ``directory`` (its subfolder kept), before any counter.

    Names from the server that would leave ``directory`` (absolute paths, ``..``, drive
    letters, backslashes) raise ``OutputPathError`` (a ``ValueError``).
    """
    return folder_path(directory, file.filename, file.subfolder)


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
            raise OutputNotDownloadedError(self.filename, self.node_id, "decode")
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

    def save(self, directory: str | Path, overwrite: bool = False) -> list[Path]:
        """Write every output file into ``directory`` (``OutputFile.save`` each)."""
        return [file.save(directory, overwrite) for file in self.files]

    @property
    def output_images(self) -> list[OutputImage]:
        """The image files (WebSocket images included), in output order."""
        return [f for f in self.files if isinstance(f, OutputImage)]

    def _repr_html_(self) -> str:
        """A grid of the images (and other files) with their nodes' titles, texts below."""
        from ..notebook.display import result_html

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
