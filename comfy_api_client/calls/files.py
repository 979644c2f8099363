"""File requests both clients send: uploads, ``/view``, streamed downloads, user data."""

from __future__ import annotations

import json
import mimetypes
import os
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import quote

from comfyui_openapi.types import File, Response

from ..core.results import OutputFile, OutputImage
from ..core.saving import Claim, destination
from ..errors import ComfyError
from . import transport as r
from .transport import Call
from .uploads import UploadResult, UploadSource, mask_reference, read_upload

# -- files ---------------------------------------------------------------------------------------------


def _upload(
    endpoint: str,
    path: str,
    body_type: Any,
    name: str,
    image: UploadSource,
    subfolder: str | None,
    overwrite: bool,
    type: str,
    **extra: Any,
) -> Call[Any]:
    data, content_type = read_upload(image, name)
    fields: dict[str, Any] = {"type_": type, "overwrite": "true" if overwrite else "false"}
    if subfolder:
        fields["subfolder"] = subfolder
    fields.update(extra)
    body = body_type(
        image=File(payload=BytesIO(data), file_name=name, mime_type=content_type), **fields
    )

    def interpret(call: Call[Any], response: Response[Any]) -> UploadResult:
        return UploadResult.from_answer(r.parsed(call, response))

    return r.model_call(endpoint, "POST", path, interpret, body=body)


def upload_image(
    name: str, image: UploadSource, subfolder: str | None, overwrite: bool, type: str
) -> Call[UploadResult]:
    from comfyui_openapi.models import UploadImageBody

    return _upload(
        "files.upload_image",
        "/upload/image",
        UploadImageBody,
        name,
        image,
        subfolder,
        overwrite,
        type,
    )


def upload_mask(
    name: str,
    image: UploadSource,
    original_ref: object,
    subfolder: str | None,
    overwrite: bool,
    type: str,
) -> Call[UploadResult]:
    from comfyui_openapi.models import UploadMaskBody

    return _upload(
        "files.upload_mask",
        "/upload/mask",
        UploadMaskBody,
        name,
        image,
        subfolder,
        overwrite,
        type,
        original_ref=json.dumps(mask_reference(original_ref)),
    )


def get_view(filename: str, subfolder: str | None, type: str | None) -> Call[OutputImage | None]:
    def interpret(call: Call[Any], response: Response[Any]) -> OutputImage:
        r.expect(call, response)
        content_type = response.headers.get("content-type", "").split(";")[0].strip()
        return OutputImage(
            filename=filename,
            subfolder=subfolder or "",
            type=type or "output",
            node_id="",
            kind="image",
            content_type=content_type or _guess_type(filename),
            data=response.content,
        )

    return r.call(
        "files.get_view",
        "GET",
        "/view",
        r.none_on_404(interpret),
        filename=filename,
        subfolder=r.unset(subfolder),
        type_=r.unset(type),
    )


def get_view_metadata(folder_name: str, filename: str) -> Call[dict[str, str] | None]:
    return r.call(
        "files.get_view_metadata",
        "GET",
        f"/view_metadata/{folder_name}",
        r.none_on_404(r.read_json),
        folder_name=folder_name,
        filename=filename,
    )


@dataclass(frozen=True, slots=True)
class DownloadRequest:
    """A streamed ``GET /view`` (the generated endpoint reads whole bodies into memory)."""

    call: Call[None]
    path: str
    params: dict[str, str]
    filename: str
    #: The server's subfolder of the file, kept under a folder it is downloaded into.
    subfolder: str = ""
    #: The bytes when they are already at hand (``kept_bytes``): written without a request.
    kept: bytes | None = None


def download_request(file: OutputFile | str) -> DownloadRequest:
    """``GET /view`` for an output file, a file name, or an asset hash (``blake3:<hex>``,
    ComfyUI 0.33 and later; saved under the hex in a directory)."""
    if isinstance(file, str) and file.startswith("blake3:"):
        call = r.call("files.get_view", "GET", "/view", r.nothing)
        return DownloadRequest(call, "/view", {"filename": file}, file.partition(":")[2])
    if isinstance(file, str):
        file = OutputFile(
            filename=file, subfolder="", type="output", node_id="", kind="", content_type=""
        )
    params = file.view_params()
    call = r.call("files.get_view", "GET", "/view", r.nothing)
    return DownloadRequest(call, "/view", params, file.filename, file.subfolder, kept_bytes(file))


def kept_bytes(file: OutputFile | str) -> bytes | None:
    """The bytes of ``file`` when they need no download: an image the server sent over the
    WebSocket (it never stored it, so ``/view`` cannot serve it)."""
    if not isinstance(file, OutputFile) or file.type != "websocket":
        return None
    if file.data is None:
        raise ComfyError(
            f"{file.filename!r} of node {file.node_id} came over the WebSocket and its bytes "
            "were not kept; the server has no copy to download"
        )
    return file.data


def download_target(
    request: DownloadRequest, dest: str | os.PathLike[str], overwrite: bool = False
) -> Claim:
    """Reserve where a download goes: into a folder (``dest`` ends with a separator or is a
    directory; the file's subfolder kept, a counter on a clash), else the file ``dest``
    (refused when it exists, unless ``overwrite``). See :mod:`comfy_api_client.core.saving`."""
    return destination(dest, request.filename, request.subfolder, overwrite)


def missing_output(file: OutputFile) -> ComfyError:
    return ComfyError(
        f"output {file.filename!r} (subfolder {file.subfolder!r}, type {file.type!r}) of node "
        f"{file.node_id} is listed in the history but the server has no such file"
    )


def _guess_type(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


# -- user data ------------------------------------------------------------------------------------------


def list_userdata(dir: str, recurse: bool, full_info: bool, split: bool) -> Call[list[Any]]:
    return r.call(
        "userdata.list_userdata",
        "GET",
        "/userdata",
        r.read_json,
        dir_=dir,
        recurse=r.flag(recurse),
        full_info=r.flag(full_info),
        split=r.flag(split),
    )


def list_userdata_v2(path: str | None) -> Call[list[Any]]:
    return r.call(
        "userdata.list_userdata_v2", "GET", "/v2/userdata", r.read_json, path=r.unset(path)
    )


def get_userdata_file(file: str) -> Call[bytes]:
    def interpret(call: Call[bytes], response: Response[Any]) -> bytes:
        r.expect(call, response)
        return bytes(response.content)

    return r.call(
        "userdata.get_userdata_file",
        "GET",
        f"/userdata/{_segment(file)}",
        interpret,
        file=_segment(file),
    )


def post_userdata_file(file: str, data: bytes | str, overwrite: bool, full_info: bool) -> Call[Any]:
    raw = data.encode() if isinstance(data, str) else bytes(data)
    return r.call(
        "userdata.post_userdata_file",
        "POST",
        f"/userdata/{_segment(file)}",
        r.read_json,
        file=_segment(file),
        # bytes, not a file object: the async httpx client refuses file objects as content
        body=File(payload=raw, file_name=Path(file).name),  # type: ignore[arg-type]
        overwrite=overwrite,
        full_info=full_info,
    )


def delete_userdata_file(file: str) -> Call[None]:
    return r.call(
        "userdata.delete_userdata_file",
        "DELETE",
        f"/userdata/{_segment(file)}",
        r.nothing,
        file=_segment(file),
    )


def move_userdata_file(file: str, dest: str, overwrite: bool, full_info: bool) -> Call[Any]:
    return r.call(
        "userdata.move_userdata_file",
        "POST",
        f"/userdata/{_segment(file)}/move/{_segment(dest)}",
        r.read_json,
        file=_segment(file),
        dest=_segment(dest),
        overwrite=overwrite,
        full_info=full_info,
    )


def _segment(path: str) -> str:
    """User-data paths are one URL segment: ``/`` travels as ``%2F``."""
    return quote(path, safe="")
