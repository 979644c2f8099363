"""Files: ``/upload/image``, ``/upload/mask``, ``/view`` and ``/view_metadata/{folder}``."""

from __future__ import annotations

import hashlib
import io
import json
import mimetypes
import os
import struct
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from ..files import inside
from .group import RouteGroup, route

if TYPE_CHECKING:
    from aiohttp.web_request import FileField

_FORCED_DOWNLOAD = {
    "text/html",
    "text/html-sandboxed",
    "application/xhtml+xml",
    "text/javascript",
    "text/css",
}


class FileRoutes(RouteGroup):
    """Uploads into and downloads from the server's input, output and temp folders."""

    @route("GET", "/view_metadata/{folder_name}")
    async def view_metadata(self, request: web.Request) -> web.Response:
        folder = request.match_info["folder_name"]
        filename = request.rel_url.query.get("filename")
        if filename is None or not filename.endswith(".safetensors"):
            return web.Response(status=404)
        path = self.files.model_path(folder, filename)
        if path is None:
            return web.Response(status=404)
        with open(path, "rb") as f:
            header = f.read(8)
            if len(header) < 8:
                return web.Response(status=404)
            (length,) = struct.unpack("<Q", header)
            if length > 1024 * 1024:
                return web.Response(status=404)
            data = json.loads(f.read(length))
        if "__metadata__" not in data:
            return web.Response(status=404)
        return web.json_response(data["__metadata__"])

    # -- files ----------------------------------------------------------------------------------------

    def _upload(
        self, post: Any, save: Callable[[FileField, Any, str], None] | None = None
    ) -> web.Response:
        image = post.get("image")
        overwrite = post.get("overwrite")
        kind = post.get("type")
        if kind is None:
            kind = "input"
        upload_dir = self.files.directory_by_type(kind)
        if upload_dir is None:
            raise ValueError(f"unknown upload type {kind!r}")  # ComfyUI fails with a 500 too
        if not image or not image.file:
            return web.Response(status=400)
        filename = image.filename
        if not filename:
            return web.Response(status=400)
        subfolder = post.get("subfolder", "")
        folder = os.path.join(upload_dir, os.path.normpath(subfolder))
        filepath = os.path.abspath(os.path.join(folder, filename))
        if not inside(upload_dir, filepath):
            return web.Response(status=400)
        os.makedirs(folder, exist_ok=True)
        stem, ext = os.path.splitext(filename)
        duplicate = False
        if overwrite not in ("true", "1"):
            i = 1
            while os.path.exists(filepath):
                if self._same_content(filepath, image):
                    duplicate = True
                    break
                filename = f"{stem} ({i}){ext}"
                filepath = os.path.join(folder, filename)
                i += 1
        if not duplicate:
            if save is not None:
                save(image, post, filepath)
            else:
                with open(filepath, "wb") as f:
                    f.write(image.file.read())
        answer: dict[str, Any] = {"name": filename, "subfolder": subfolder, "type": kind}
        assets = self.run.assets
        if assets is not None and kind in ("input", "output"):
            ref = assets.register_upload(filepath, [kind])
            answer["asset"] = {
                "id": ref.id,
                "name": ref.name,
                "asset_hash": ref.hash,
                "size": ref.size,
                "mime_type": ref.mime_type,
                "tags": list(ref.tags),
            }
        return web.json_response(answer)

    @staticmethod
    def _same_content(path: str, image: FileField) -> bool:
        with open(path, "rb") as f:
            existing = hashlib.sha256(f.read()).hexdigest()
        uploaded = hashlib.sha256(image.file.read()).hexdigest()
        image.file.seek(0)
        return existing == uploaded

    @route("POST", "/upload/image")
    async def upload_image(self, request: web.Request) -> web.Response:
        post = await request.post()
        return self._upload(post)

    @route("POST", "/upload/mask")
    async def upload_mask(self, request: web.Request) -> web.Response:
        post = await request.post()

        def save(image: FileField, post: Any, filepath: str) -> None:
            ref = json.loads(post.get("original_ref"))
            filename, base = self.files.annotated_filepath(ref["filename"])
            if not filename or filename[0] == "/" or ".." in filename:
                return
            if base is None:
                base = self.files.directory_by_type(ref.get("type", "output"))
            if base is None:
                return
            if ref.get("subfolder", "") != "":
                full = os.path.join(base, ref["subfolder"])
                if not inside(base, full):
                    return
                base = full
            original = os.path.join(base, filename)
            if not os.path.isfile(original):
                return
            with Image.open(original) as original_image:
                metadata = PngInfo()
                for key, value in getattr(original_image, "text", {}).items():
                    metadata.add_text(key, value)
                rgba = original_image.convert("RGBA")
                mask = Image.open(image.file).convert("RGBA")
                rgba.putalpha(mask.getchannel("A"))
                rgba.save(filepath, compress_level=4, pnginfo=metadata)

        return self._upload(post, save)

    def _view_asset(self, digest: str) -> web.StreamResponse:
        """0.33: ``/view?filename=blake3:<hash>`` serves the content of that hash."""
        assert self.run.assets is not None
        path = self.run.assets.content_path(digest.lower())
        if path is None:
            return web.Response(status=404)
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if content_type in _FORCED_DOWNLOAD:
            content_type = "application/octet-stream"
        headers = {
            "Content-Disposition": f'filename="{os.path.basename(path)}"',
            "Content-Type": content_type,
            "X-Content-Type-Options": "nosniff",
        }
        return web.FileResponse(path, headers=headers)

    @route("GET", "/view")
    async def view(self, request: web.Request) -> web.StreamResponse:
        query = request.rel_url.query
        if "filename" not in query:
            return web.Response(status=404)
        if query["filename"].startswith("blake3:") and self.run.assets is not None:
            return self._view_asset(query["filename"])
        filename, base = self.files.annotated_filepath(query["filename"])
        if not filename or filename[0] == "/" or ".." in filename:
            return web.Response(status=400)
        if base is None:
            base = self.files.directory_by_type(query.get("type", "output"))
        if base is None:
            return web.Response(status=400)
        if "subfolder" in query:
            full = os.path.join(base, query["subfolder"])
            if not inside(base, full):
                return web.Response(status=403)
            base = full
        filename = os.path.basename(filename)
        path = os.path.join(base, filename)
        if not os.path.isfile(path):
            return web.Response(status=404)
        disposition = {"Content-Disposition": f'filename="{filename}"'}
        channel = query.get("channel", "rgba")
        if "preview" in query:
            with Image.open(path) as img:
                info = query["preview"].split(";")
                fmt = info[0]
                if fmt not in ("webp", "jpeg") or "a" in query.get("channel", ""):
                    fmt = "webp"
                quality = int(info[-1]) if info[-1].isascii() and info[-1].isdigit() else 90
                converted: Image.Image = img
                if fmt == "jpeg" or query.get("channel", "") == "rgb":
                    converted = img.convert("RGB")
                buffer = io.BytesIO()
                converted.save(buffer, format=fmt, quality=quality)
            return web.Response(
                body=buffer.getvalue(), content_type=f"image/{fmt}", headers=disposition
            )
        if channel == "rgb":
            with Image.open(path) as img:
                rgb = (
                    Image.merge("RGB", img.split()[:3])
                    if img.mode == "RGBA"
                    else img.convert("RGB")
                )
                buffer = io.BytesIO()
                rgb.save(buffer, format="PNG")
            return web.Response(
                body=buffer.getvalue(), content_type="image/png", headers=disposition
            )
        if channel == "a":
            with Image.open(path) as img:
                alpha = img.getchannel("A") if img.mode == "RGBA" else Image.new("L", img.size, 255)
                out = Image.new("RGBA", img.size)
                out.putalpha(alpha)
                buffer = io.BytesIO()
                out.save(buffer, format="PNG")
            return web.Response(
                body=buffer.getvalue(), content_type="image/png", headers=disposition
            )
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        if content_type in _FORCED_DOWNLOAD:
            content_type = "application/octet-stream"
        return web.FileResponse(path, headers={**disposition, "Content-Type": content_type})
