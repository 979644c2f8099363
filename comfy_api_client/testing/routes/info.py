"""Frontend, model lists and system information: ``/``, ``/extensions``, ``/models``,
``/embeddings``, ``/experiment/models``, ``/system_stats``, ``/features``, ``/object_info``."""

from __future__ import annotations

import os
import sys
from typing import Any

from aiohttp import web

from ..files import MODEL_FOLDERS
from .group import RouteGroup, route

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

INDEX_HTML = (
    "<!doctype html><html><head><title>ComfyUI</title></head>"
    "<body>comfy_api_client.testing: a ComfyUI test double</body></html>"
)


def _memory() -> tuple[int, int]:
    try:
        page = os.sysconf("SC_PAGE_SIZE")
        return page * os.sysconf("SC_PHYS_PAGES"), page * os.sysconf("SC_AVPHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 17179869184, 8589934592


class InfoRoutes(RouteGroup):
    """Read-only routes about the frontend, the models and the server."""

    # -- frontend ------------------------------------------------------------------------------

    @route("GET", "/")
    async def index(self, request: web.Request) -> web.Response:
        return web.Response(
            text=INDEX_HTML,
            content_type="text/html",
            headers={"Cache-Control": "no-cache", "Pragma": "no-cache", "Expires": "0"},
        )

    @route("GET", "/extensions")
    async def extensions(self, request: web.Request) -> web.Response:
        return web.json_response(EXTENSIONS)

    @route("GET", "/workflow_templates")
    async def workflow_templates(self, request: web.Request) -> web.Response:
        return web.json_response({})

    @route("GET", "/i18n")
    async def i18n(self, request: web.Request) -> web.Response:
        return web.json_response({})

    # -- models --------------------------------------------------------------------------------

    @route("GET", "/embeddings")
    async def embeddings(self, request: web.Request) -> web.Response:
        names = [os.path.splitext(f)[0] for f in self.files.model_files("embeddings")]
        return web.json_response(names)

    @route("GET", "/models")
    async def models(self, request: web.Request) -> web.Response:
        return web.json_response(list(MODEL_FOLDERS))

    @route("GET", "/models/{folder}")
    async def models_in_folder(self, request: web.Request) -> web.Response:
        folder = request.match_info["folder"]
        if folder not in MODEL_FOLDERS:
            return web.Response(status=404)
        return web.json_response(self.files.model_files(folder))

    @route("GET", "/experiment/models")
    async def experiment_models(self, request: web.Request) -> web.Response:
        paths = self.files.folder_paths()
        return web.json_response(
            [
                {"name": name, "folders": paths[name]}
                for name in MODEL_FOLDERS
                if name not in ("configs", "custom_nodes")
            ]
        )

    @route("GET", "/experiment/models/{folder}")
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

    @route("GET", "/experiment/models/preview/{folder}/{path_index}/{filename:.*}")
    async def experiment_model_preview(self, request: web.Request) -> web.Response:
        int(request.match_info["path_index"])  # not an int -> 500, as on ComfyUI
        return web.Response(status=404)

    # -- system ------------------------------------------------------------------------------

    @route("GET", "/system_stats")
    async def system_stats(self, request: web.Request) -> web.Response:
        total, free = _memory()
        host, port = self.run.address
        version = self.run.version
        system: dict[str, Any] = {
            "os": sys.platform if version.os_is_platform else os.name,
            "ram_total": total,
            "ram_free": free,
            "comfyui_version": version.comfyui_version,
            "required_frontend_version": version.required_frontend_version,
            "installed_templates_version": version.templates_version,
            "required_templates_version": version.templates_version,
        }
        if version.package_versions is not None:
            system["comfy_package_versions"] = version.package_versions
        system["python_version"] = sys.version
        system["pytorch_version"] = version.pytorch_version
        system["embedded_python"] = False
        argv = ["main.py", "--cpu", "--listen", host, "--port", str(port)]
        if version.today:
            system["deploy_environment"] = "local-git"
            argv.append("--enable-assets")
        system["argv"] = argv
        device = {
            "name": "cpu",
            "type": "cpu",
            "index": None,
            "vram_total": total,
            "vram_free": free,
            "torch_vram_total": total,
            "torch_vram_free": free,
        }
        return web.json_response({"system": system, "devices": [device]})

    @route("GET", "/features")
    async def features(self, request: web.Request) -> web.Response:
        return web.json_response(dict(self.run.version.features))

    def _definitions(self) -> dict[str, Any]:
        if self.run.catalog is not None:
            return self.run.catalog
        registry = self.run.registry
        return {name: registry.definition(name) for name in registry.names()}

    @route("GET", "/object_info")
    async def object_info(self, request: web.Request) -> web.Response:
        return web.json_response(self._definitions())

    @route("GET", "/object_info/{node_class}")
    async def object_info_node(self, request: web.Request) -> web.Response:
        name = request.match_info["node_class"]
        definitions = self._definitions()
        return web.json_response({name: definitions[name]} if name in definitions else {})
