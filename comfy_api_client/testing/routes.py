"""The HTTP routes of ComfyUI 0.3.64, each also served under ``/api`` (``/internal`` is not)."""

from __future__ import annotations

import hashlib
import io
import json
import mimetypes
import os
import re
import shutil
import struct
import sys
import tempfile
import uuid
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from aiohttp import web
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from .files import MODEL_FOLDERS, inside
from .hub import SERVER_FEATURES
from .logs import TERMINAL_SIZE
from .validation import validate_prompt

if TYPE_CHECKING:
    from aiohttp.web_request import FileField

    from .app import ComfyApp

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

#: What the recorded server (frontend 1.27.10) lists under ``GET /extensions``.
EXTENSIONS = [
    "/extensions/core/groupNode.js",
    "/extensions/core/maskEditorOld.js",
    "/extensions/core/clipspace.js",
    "/extensions/core/maskEditorLayerFilenames.js",
    "/extensions/core/widgetInputs.js",
    "/extensions/core/groupNodeManage.js",
    "/extensions/core/load3d/NodeStorage.js",
    "/extensions/core/load3d/ViewHelperManager.js",
    "/extensions/core/load3d/ControlsManager.js",
    "/extensions/core/load3d/RecordingManager.js",
    "/extensions/core/load3d/ModelExporter.js",
    "/extensions/core/load3d/AnimationManager.js",
    "/extensions/core/load3d/LoaderManager.js",
    "/extensions/core/load3d/LightingManager.js",
    "/extensions/core/load3d/CameraManager.js",
    "/extensions/core/load3d/SceneModelManager.js",
    "/extensions/core/load3d/SceneManager.js",
    "/extensions/core/load3d/PreviewManager.js",
    "/extensions/core/load3d/EventManager.js",
]

VERSIONS = {
    "comfyui_version": "0.3.64",
    "required_frontend_version": "1.27.10",
    "installed_templates_version": "0.1.95",
    "required_templates_version": "0.1.95",
    "pytorch_version": "2.14.1+cu130",
}

INDEX_HTML = (
    "<!doctype html><html><head><title>ComfyUI</title></head>"
    "<body>comfy_api_client.testing: a ComfyUI test double</body></html>"
)

_FORCED_DOWNLOAD = {
    "text/html",
    "text/html-sandboxed",
    "application/xhtml+xml",
    "text/javascript",
    "text/css",
}


def _memory() -> tuple[int, int]:
    try:
        page = os.sysconf("SC_PAGE_SIZE")
        return page * os.sysconf("SC_PHYS_PAGES"), page * os.sysconf("SC_AVPHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 17179869184, 8589934592


def _file_info(path: str, relative_to: str) -> dict[str, Any]:
    return {
        "path": os.path.relpath(path, relative_to).replace(os.sep, "/"),
        "size": os.path.getsize(path),
        "modified": os.path.getmtime(path),
        "created": os.path.getctime(path),
    }


class Routes:
    """Route handlers bound to one server run."""

    def __init__(self, comfy: ComfyApp) -> None:
        self.comfy = comfy
        self.files = comfy.files
        self.queue = comfy.queue
        self.users: dict[str, str] = {"default": "default"}

    def register(self, app: web.Application) -> None:
        routes: list[tuple[str, str, Handler]] = [
            ("GET", "/ws", self.comfy.hub.handle),
            ("GET", "/", self.index),
            ("GET", "/embeddings", self.embeddings),
            ("GET", "/models", self.models),
            ("GET", "/models/{folder}", self.models_in_folder),
            ("GET", "/extensions", self.extensions),
            ("POST", "/upload/image", self.upload_image),
            ("POST", "/upload/mask", self.upload_mask),
            ("GET", "/view", self.view),
            ("GET", "/view_metadata/{folder_name}", self.view_metadata),
            ("GET", "/system_stats", self.system_stats),
            ("GET", "/features", self.features),
            ("GET", "/prompt", self.get_prompt),
            ("POST", "/prompt", self.post_prompt),
            ("GET", "/object_info", self.object_info),
            ("GET", "/object_info/{node_class}", self.object_info_node),
            ("GET", "/history", self.get_history),
            ("GET", "/history/{prompt_id}", self.get_history_item),
            ("POST", "/history", self.post_history),
            ("GET", "/queue", self.get_queue),
            ("POST", "/queue", self.post_queue),
            ("POST", "/interrupt", self.interrupt),
            ("POST", "/free", self.free),
            ("GET", "/users", self.get_users),
            ("POST", "/users", self.post_users),
            ("GET", "/userdata", self.list_userdata),
            ("GET", "/v2/userdata", self.list_userdata_v2),
            ("GET", "/userdata/{file}", self.get_userdata),
            ("POST", "/userdata/{file}", self.post_userdata),
            ("DELETE", "/userdata/{file}", self.delete_userdata),
            ("POST", "/userdata/{file}/move/{dest}", self.move_userdata),
            ("GET", "/settings", self.get_settings),
            ("GET", "/settings/{id}", self.get_setting),
            ("POST", "/settings", self.post_settings),
            ("POST", "/settings/{id}", self.post_setting),
            ("GET", "/experiment/models", self.experiment_models),
            ("GET", "/experiment/models/{folder}", self.experiment_models_in_folder),
            (
                "GET",
                "/experiment/models/preview/{folder}/{path_index}/{filename:.*}",
                self.experiment_model_preview,
            ),
            ("GET", "/workflow_templates", self.workflow_templates),
            ("GET", "/i18n", self.i18n),
        ]
        for prefix in ("/api", ""):
            for method, path, handler in routes:
                if method == "GET":  # every GET route also answers HEAD
                    app.router.add_get(prefix + path, handler)
                else:
                    app.router.add_route(method, prefix + path, handler)

        internal = web.Application()
        internal.router.add_get("/logs", self.internal_logs)
        internal.router.add_get("/logs/raw", self.internal_logs_raw)
        internal.router.add_route("PATCH", "/logs/subscribe", self.internal_logs_subscribe)
        internal.router.add_get("/folder_paths", self.internal_folder_paths)
        internal.router.add_get("/files/{directory_type}", self.internal_files)
        app.add_subapp("/internal", internal)

        # Everything else falls through to the frontend's static files: 404, empty.
        app.router.add_get("/{tail:.*}", self.not_found)

    # -- frontend ------------------------------------------------------------------------------

    async def index(self, request: web.Request) -> web.Response:
        return web.Response(
            text=INDEX_HTML,
            content_type="text/html",
            headers={"Cache-Control": "no-cache", "Pragma": "no-cache", "Expires": "0"},
        )

    async def not_found(self, request: web.Request) -> web.Response:
        return web.Response(status=404)

    async def extensions(self, request: web.Request) -> web.Response:
        return web.json_response(EXTENSIONS)

    async def workflow_templates(self, request: web.Request) -> web.Response:
        return web.json_response({})

    async def i18n(self, request: web.Request) -> web.Response:
        return web.json_response({})

    # -- models --------------------------------------------------------------------------------

    async def embeddings(self, request: web.Request) -> web.Response:
        names = [os.path.splitext(f)[0] for f in self.files.model_files("embeddings")]
        return web.json_response(names)

    async def models(self, request: web.Request) -> web.Response:
        return web.json_response(list(MODEL_FOLDERS))

    async def models_in_folder(self, request: web.Request) -> web.Response:
        folder = request.match_info["folder"]
        if folder not in MODEL_FOLDERS:
            return web.Response(status=404)
        return web.json_response(self.files.model_files(folder))

    async def experiment_models(self, request: web.Request) -> web.Response:
        paths = self.files.folder_paths()
        return web.json_response(
            [
                {"name": name, "folders": paths[name]}
                for name in MODEL_FOLDERS
                if name not in ("configs", "custom_nodes")
            ]
        )

    async def experiment_models_in_folder(self, request: web.Request) -> web.Response:
        folder = request.match_info["folder"]
        if folder not in MODEL_FOLDERS:
            return web.Response(status=404)
        out = []
        for index, base in enumerate(self.files.folder_paths()[folder]):
            for rel in self.files.model_files(folder):
                path = os.path.join(base, rel)
                if os.path.isfile(path):
                    stat = os.stat(path)
                    out.append(
                        {
                            "name": rel,
                            "pathIndex": index,
                            "modified": stat.st_mtime,
                            "created": stat.st_ctime,
                            "size": stat.st_size,
                        }
                    )
        return web.json_response(out)

    async def experiment_model_preview(self, request: web.Request) -> web.Response:
        int(request.match_info["path_index"])  # not an int -> 500, as on ComfyUI
        return web.Response(status=404)

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

    # -- system ------------------------------------------------------------------------------

    async def system_stats(self, request: web.Request) -> web.Response:
        total, free = _memory()
        host, port = self.comfy.address
        return web.json_response(
            {
                "system": {
                    "os": os.name,
                    "ram_total": total,
                    "ram_free": free,
                    "comfyui_version": VERSIONS["comfyui_version"],
                    "required_frontend_version": VERSIONS["required_frontend_version"],
                    "installed_templates_version": VERSIONS["installed_templates_version"],
                    "required_templates_version": VERSIONS["required_templates_version"],
                    "python_version": sys.version,
                    "pytorch_version": VERSIONS["pytorch_version"],
                    "embedded_python": False,
                    "argv": ["main.py", "--cpu", "--listen", host, "--port", str(port)],
                },
                "devices": [
                    {
                        "name": "cpu",
                        "type": "cpu",
                        "index": None,
                        "vram_total": total,
                        "vram_free": free,
                        "torch_vram_total": total,
                        "torch_vram_free": free,
                    }
                ],
            }
        )

    async def features(self, request: web.Request) -> web.Response:
        return web.json_response(dict(SERVER_FEATURES))

    async def object_info(self, request: web.Request) -> web.Response:
        registry = self.comfy.registry
        return web.json_response({name: registry.definition(name) for name in registry.names()})

    async def object_info_node(self, request: web.Request) -> web.Response:
        name = request.match_info["node_class"]
        registry = self.comfy.registry
        return web.json_response({name: registry.definition(name)} if name in registry else {})

    # -- prompt, queue, history -------------------------------------------------------------------

    async def get_prompt(self, request: web.Request) -> web.Response:
        return web.json_response(self.queue.queue_info())

    async def post_prompt(self, request: web.Request) -> web.Response:
        self.comfy.logs.write("got prompt")
        body = await request.json()
        comfy = self.comfy
        if "number" in body:
            number: int | float = float(body["number"])
        else:
            number = comfy.number
            if "front" in body and body["front"]:  # noqa: RUF019 - body may be a JSON array
                number = -number
            comfy.number += 1
        if "prompt" not in body:
            error = {
                "type": "no_prompt",
                "message": "No prompt provided",
                "details": "No prompt provided",
                "extra_info": {},
            }
            return web.json_response({"error": error, "node_errors": {}}, status=400)
        prompt = body["prompt"]
        prompt_id = str(body.get("prompt_id", uuid.uuid4()))
        partial = body.get("partial_execution_targets")
        result = validate_prompt(prompt, partial, comfy.registry)
        extra_data = body.get("extra_data", {})
        if "client_id" in body:
            extra_data["client_id"] = body["client_id"]
        if not result.ok:
            comfy.logs.write(f"invalid prompt: {result.error}")
            return web.json_response(
                {"error": result.error, "node_errors": result.node_errors}, status=400
            )
        self.queue.put((number, prompt_id, prompt, extra_data, result.outputs))
        return web.json_response(
            {"prompt_id": prompt_id, "number": number, "node_errors": result.node_errors}
        )

    async def get_queue(self, request: web.Request) -> web.Response:
        running, pending = self.queue.snapshot()
        return web.json_response({"queue_running": running, "queue_pending": pending})

    async def post_queue(self, request: web.Request) -> web.Response:
        body = await request.json()
        if "clear" in body and body["clear"]:  # noqa: RUF019 - body may be a JSON array
            self.queue.wipe_queue()
        if "delete" in body:
            for prompt_id in body["delete"]:
                self.queue.delete_queue_item(prompt_id)
        return web.Response(status=200)

    async def interrupt(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except json.JSONDecodeError:
            body = {}
        prompt_id = body.get("prompt_id")
        if prompt_id:
            if prompt_id in self.queue.running_ids():
                self.comfy.interrupt()
        else:
            self.comfy.interrupt()
        return web.Response(status=200)

    async def free(self, request: web.Request) -> web.Response:
        body = await request.json()
        unload_models = body.get("unload_models", False)
        free_memory = body.get("free_memory", False)
        if unload_models:
            self.queue.set_flag("unload_models", unload_models)
        if free_memory:
            self.queue.set_flag("free_memory", free_memory)
        return web.Response(status=200)

    async def get_history(self, request: web.Request) -> web.Response:
        query = request.rel_url.query
        max_items = int(query["max_items"]) if "max_items" in query else None
        offset = int(query["offset"]) if "offset" in query else -1
        return web.json_response(self.queue.get_history(max_items=max_items, offset=offset))

    async def get_history_item(self, request: web.Request) -> web.Response:
        return web.json_response(self.queue.get_history(request.match_info["prompt_id"]))

    async def post_history(self, request: web.Request) -> web.Response:
        body = await request.json()
        if "clear" in body and body["clear"]:  # noqa: RUF019 - body may be a JSON array
            self.queue.wipe_history()
        if "delete" in body:
            for prompt_id in body["delete"]:
                self.queue.delete_history_item(prompt_id)
        return web.Response(status=200)

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
        return web.json_response({"name": filename, "subfolder": subfolder, "type": kind})

    @staticmethod
    def _same_content(path: str, image: FileField) -> bool:
        with open(path, "rb") as f:
            existing = hashlib.sha256(f.read()).hexdigest()
        uploaded = hashlib.sha256(image.file.read()).hexdigest()
        image.file.seek(0)
        return existing == uploaded

    async def upload_image(self, request: web.Request) -> web.Response:
        post = await request.post()
        return self._upload(post)

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

    async def view(self, request: web.Request) -> web.StreamResponse:
        query = request.rel_url.query
        if "filename" not in query:
            return web.Response(status=404)
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

    # -- users, settings, user data ----------------------------------------------------------------

    async def get_users(self, request: web.Request) -> web.Response:
        user_dir = self.files.user_path(None, create_dir=False)
        return web.json_response(
            {"storage": "server", "migrated": user_dir is not None and os.path.exists(user_dir)}
        )

    async def post_users(self, request: web.Request) -> web.Response:
        body = await request.json()
        username = body["username"]
        if username in self.users.values():
            return web.json_response({"error": "Duplicate username."}, status=400)
        user_id = re.sub("[^a-zA-Z0-9-_]+", "-", username.strip()) + "_" + str(uuid.uuid4())
        self.users[user_id] = username
        with open(os.path.join(self.files.user_dir, "users.json"), "w") as f:
            json.dump(self.users, f)
        return web.json_response(user_id)

    def _settings_path(self) -> str:
        path = self.files.user_path("comfy.settings.json")
        assert path is not None
        return path

    def _load_settings(self) -> dict[str, Any]:
        path = self._settings_path()
        if os.path.isfile(path):
            try:
                with open(path) as f:
                    settings: dict[str, Any] = json.load(f)
                    return settings
            except (OSError, ValueError):
                return {}
        return {}

    def _save_settings(self, settings: dict[str, Any]) -> None:
        with open(self._settings_path(), "w") as f:
            f.write(json.dumps(settings, indent=4))

    async def get_settings(self, request: web.Request) -> web.Response:
        return web.json_response(self._load_settings())

    async def get_setting(self, request: web.Request) -> web.Response:
        return web.json_response(self._load_settings().get(request.match_info["id"]))

    async def post_settings(self, request: web.Request) -> web.Response:
        settings = self._load_settings()
        new = await request.json()
        self._save_settings({**settings, **new})
        return web.Response(status=200)

    async def post_setting(self, request: web.Request) -> web.Response:
        settings = self._load_settings()
        settings[request.match_info["id"]] = await request.json()
        self._save_settings(settings)
        return web.Response(status=200)

    async def list_userdata(self, request: web.Request) -> web.Response:
        query = request.rel_url.query
        directory = query.get("dir", "")
        if not directory:
            return web.Response(status=400, text="Directory not provided")
        path = self.files.user_path(directory)
        if not path:
            return web.Response(status=403, text="Invalid directory")
        if not os.path.exists(path):
            return web.Response(status=404, text="Directory not found")
        recurse = query.get("recurse", "").lower() == "true"
        full_info = query.get("full_info", "").lower() == "true"
        split = query.get("split", "").lower() == "true"
        found: list[str] = []
        if recurse:
            for dirpath, _dirs, names in os.walk(path):
                found.extend(os.path.join(dirpath, n) for n in names)
        else:
            found = [os.path.join(path, n) for n in os.listdir(path)]
        results: list[Any] = []
        for full in sorted(found):
            if not os.path.isfile(full):
                continue
            if full_info:
                results.append(_file_info(full, path))
                continue
            rel = os.path.relpath(full, path).replace(os.sep, "/")
            results.append([rel, *rel.split("/")] if split else rel)
        return web.json_response(results)

    async def list_userdata_v2(self, request: web.Request) -> web.Response:
        rel = request.rel_url.query.get("path", "")
        base = self.files.user_path(None, create_dir=False)
        target = self.files.user_path(rel, create_dir=False) if rel else base
        if not target or not base:
            return web.Response(status=400, text="Invalid path requested")
        if not os.path.exists(target):
            if target == base:
                return web.json_response([])
            return web.Response(status=404, text="Requested path not found")
        if not os.path.isdir(target):
            return web.Response(status=400, text="Requested path is not a directory")
        results: list[dict[str, Any]] = []
        for root, dirs, names in os.walk(target):
            for name in dirs:
                path = os.path.join(root, name)
                results.append(
                    {
                        "name": name,
                        "path": os.path.relpath(path, base).replace(os.sep, "/"),
                        "type": "directory",
                    }
                )
            for name in names:
                path = os.path.join(root, name)
                stat = os.stat(path)
                results.append(
                    {
                        "name": name,
                        "path": os.path.relpath(path, base).replace(os.sep, "/"),
                        "type": "file",
                        "size": stat.st_size,
                        "modified": stat.st_mtime,
                    }
                )
        results.sort(key=lambda e: (e["type"] != "directory", e["name"].lower()))
        return web.json_response(results)

    def _userdata_path(
        self, request: web.Request, check_exists: bool = False, param: str = "file"
    ) -> str | web.Response:
        file = request.match_info.get(param)
        if not file:
            return web.Response(status=400)
        if "%" in file:
            file = unquote(file)
        path = self.files.user_path(file)
        if not path:
            return web.Response(status=403)
        if check_exists and not os.path.exists(path):
            return web.Response(status=404)
        return path

    def _userdata_answer(self, request: web.Request, path: str) -> web.Response:
        base = self.files.user_path(None)
        assert base is not None
        if request.rel_url.query.get("full_info", "false").lower() == "true":
            return web.json_response(_file_info(path, base))
        return web.json_response(os.path.relpath(path, base))

    async def get_userdata(self, request: web.Request) -> web.StreamResponse:
        path = self._userdata_path(request, check_exists=True)
        if not isinstance(path, str):
            return path
        return web.FileResponse(path)

    async def post_userdata(self, request: web.Request) -> web.Response:
        path = self._userdata_path(request)
        if not isinstance(path, str):
            return path
        overwrite = request.rel_url.query.get("overwrite", "true") != "false"
        if not overwrite and os.path.exists(path):
            return web.Response(status=409, text="File already exists")
        body = await request.read()
        try:
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))
            with os.fdopen(fd, "wb") as f:
                f.write(body)
            os.replace(tmp, path)
        except OSError:
            return web.Response(
                status=400,
                reason='Invalid filename. Please avoid special characters like :\\/*?"<>|',
            )
        return self._userdata_answer(request, path)

    async def delete_userdata(self, request: web.Request) -> web.Response:
        path = self._userdata_path(request, check_exists=True)
        if not isinstance(path, str):
            return path
        os.remove(path)
        return web.Response(status=204)

    async def move_userdata(self, request: web.Request) -> web.Response:
        source = self._userdata_path(request, check_exists=True)
        if not isinstance(source, str):
            return source
        dest = self._userdata_path(request, param="dest")
        if not isinstance(dest, str):
            return dest
        overwrite = request.rel_url.query.get("overwrite", "true") != "false"
        if not overwrite and os.path.exists(dest):
            return web.Response(status=409, text="File already exists")
        shutil.move(source, dest)
        return self._userdata_answer(request, dest)

    # -- /internal ------------------------------------------------------------------------------------

    async def internal_logs(self, request: web.Request) -> web.Response:
        return web.json_response(self.comfy.logs.text())

    async def internal_logs_raw(self, request: web.Request) -> web.Response:
        return web.json_response({"entries": self.comfy.logs.entries(), "size": TERMINAL_SIZE})

    async def internal_logs_subscribe(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.comfy.logs.subscribe(body["clientId"], bool(body["enabled"]))
        return web.Response(status=200)

    async def internal_folder_paths(self, request: web.Request) -> web.Response:
        return web.json_response(self.files.folder_paths())

    async def internal_files(self, request: web.Request) -> web.Response:
        kind = request.match_info["directory_type"]
        if kind not in ("output", "input", "temp"):
            return web.json_response({"error": "Invalid directory type"}, status=400)
        directory = self.files.directory_by_type(kind)
        assert directory is not None
        entries = [e for e in os.scandir(directory) if e.is_file() and not e.name.startswith(".")]
        entries.sort(key=lambda e: -e.stat().st_mtime)
        return web.json_response([e.name for e in entries])
