"""Users, settings and user data: ``/users``, ``/settings``, ``/userdata``, ``/v2/userdata``."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import uuid
from typing import Any
from urllib.parse import unquote

from aiohttp import web

from ..context import ServerRun
from .group import RouteGroup, route


def _file_info(path: str, relative_to: str) -> dict[str, Any]:
    return {
        "path": os.path.relpath(path, relative_to).replace(os.sep, "/"),
        "size": os.path.getsize(path),
        "modified": os.path.getmtime(path),
        "created": os.path.getctime(path),
    }


class UserRoutes(RouteGroup):
    """The user directory: users, the settings file and arbitrary user files."""

    def __init__(self, run: ServerRun) -> None:
        super().__init__(run)
        self.users: dict[str, str] = {"default": "default"}

    # -- users, settings, user data ----------------------------------------------------------------

    @route("GET", "/users")
    async def get_users(self, request: web.Request) -> web.Response:
        user_dir = self.files.user_path(None, create_dir=False)
        return web.json_response(
            {"storage": "server", "migrated": user_dir is not None and os.path.exists(user_dir)}
        )

    @route("POST", "/users")
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

    @route("GET", "/settings")
    async def get_settings(self, request: web.Request) -> web.Response:
        return web.json_response(self._load_settings())

    @route("GET", "/settings/{id}")
    async def get_setting(self, request: web.Request) -> web.Response:
        return web.json_response(self._load_settings().get(request.match_info["id"]))

    @route("POST", "/settings")
    async def post_settings(self, request: web.Request) -> web.Response:
        settings = self._load_settings()
        new = await request.json()
        self._save_settings({**settings, **new})
        return web.Response(status=200)

    @route("POST", "/settings/{id}")
    async def post_setting(self, request: web.Request) -> web.Response:
        settings = self._load_settings()
        settings[request.match_info["id"]] = await request.json()
        self._save_settings(settings)
        return web.Response(status=200)

    @route("GET", "/userdata")
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

    @route("GET", "/v2/userdata")
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

    @route("GET", "/userdata/{file}")
    async def get_userdata(self, request: web.Request) -> web.StreamResponse:
        path = self._userdata_path(request, check_exists=True)
        if not isinstance(path, str):
            return path
        return web.FileResponse(path)

    @route("POST", "/userdata/{file}")
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

    @route("DELETE", "/userdata/{file}")
    async def delete_userdata(self, request: web.Request) -> web.Response:
        path = self._userdata_path(request, check_exists=True)
        if not isinstance(path, str):
            return path
        os.remove(path)
        return web.Response(status=204)

    @route("POST", "/userdata/{file}/move/{dest}")
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
