"""Requests and the meaning of their responses, shared by both clients (like httpx's BaseClient).

Each function here returns a :class:`Call`: which generated endpoint to send, with which
arguments, and how to turn the response into a facade value or a typed error. The clients
only send it (``sync_detailed`` or ``asyncio_detailed``) and hand the response back.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import json
import mimetypes
import os
import ssl
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from types import ModuleType
from typing import Any, Generic, Protocol, TypeVar
from urllib.parse import quote

import httpx
from comfyui_openapi.types import UNSET, File, Response

from .address import ServerAddress
from .errors import (
    ComfyConnectionError,
    ComfyError,
    ComfyHTTPError,
    ComfyTimeoutError,
    error_from_response,
)
from .options import ClientOptions
from .protocol import history_readable, queue_ids
from .queue import QueueState
from .results import OutputFile, OutputImage
from .uploads import UploadSource, read_upload

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """One request: the generated endpoint module, its arguments, and how to read the answer."""

    #: The endpoint module under ``comfyui_openapi.api``, e.g. ``"queue.get_queue"``.
    endpoint_name: str
    kwargs: Mapping[str, Any]
    method: str
    path: str
    interpret: Callable[[Call[T], Response[Any]], T]
    #: ``/internal/*`` routes are not served under the ``/api`` alias.
    internal: bool = False
    #: The submitted workflow, so validation errors can name nodes by title.
    prompt: Mapping[str, Any] | None = field(default=None, repr=False)
    #: The answer is read as the generated model (``response.parsed``); otherwise the
    #: generated parsing is skipped and the interpreter reads the bytes itself.
    model: bool = False

    @property
    def endpoint(self) -> Endpoint:
        """What sends it: the generated endpoint module, or the same without model parsing."""
        module = _endpoint(self.endpoint_name)
        return module if self.model else _Unparsed(module)

    def finish(self, response: Response[Any]) -> T:
        return self.interpret(self, response)


class Endpoint(Protocol):
    """What the clients call: a generated endpoint module's ``*_detailed`` functions."""

    def sync_detailed(self, *, client: Any, **kwargs: Any) -> Response[Any]: ...

    async def asyncio_detailed(self, *, client: Any, **kwargs: Any) -> Response[Any]: ...


class _Unparsed:
    """A generated endpoint that sends the same request but builds no model of the answer.

    Most calls read the JSON themselves; building the generated models first did the work
    twice (a /queue with 1000 prompts: 30 ms of models, then 3 ms of ``json.loads``).
    """

    def __init__(self, module: ModuleType) -> None:
        self._module = module

    def sync_detailed(self, *, client: Any, **kwargs: Any) -> Response[Any]:
        request = self._module._get_kwargs(**kwargs)
        return _unparsed(client.get_httpx_client().request(**request))

    async def asyncio_detailed(self, *, client: Any, **kwargs: Any) -> Response[Any]:
        request = self._module._get_kwargs(**kwargs)
        return _unparsed(await client.get_async_httpx_client().request(**request))


def _unparsed(response: httpx.Response) -> Response[Any]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=None,
    )


@functools.cache
def _endpoint(name: str) -> ModuleType:
    """Import a generated endpoint module on first use: importing all of them up front took
    ~45 ms, a tenth of ``import comfy_api_client``."""
    return importlib.import_module(f"comfyui_openapi.api.{name}")


@dataclass(frozen=True, slots=True)
class PromptInfo:
    """What ``POST /prompt`` answered."""

    prompt_id: str
    number: float
    node_errors: dict[str, Any]


# -- client construction -----------------------------------------------------------------


def httpx_kwargs(options: ClientOptions, internal: bool = False) -> dict[str, Any]:
    """Arguments for the httpx client both facades create."""
    from .options import ssl_context

    ctx = ssl_context(options)
    if ctx is None:  # plain http (TLS only after a redirect): httpx's default context
        ctx = _default_tls(bool(options.httpx_args.get("trust_env", True)))
    kwargs: dict[str, Any] = {
        "base_url": internal_base(options.address) if internal else options.address.base_url,
        "headers": options.headers,
        "timeout": options.httpx_timeout(),
        "verify": ctx,
        "follow_redirects": True,
    }
    kwargs.update(options.httpx_args)
    return kwargs


def _default_tls(trust_env: bool) -> ssl.SSLContext:
    """What httpx builds for ``verify=True``, made once per process (and environment).

    Loading the CA bundle takes ~25 ms and every client has two httpx clients; a context
    can be shared by any number of connections.
    """
    env = (os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR")) if trust_env else None
    return _tls_context(trust_env, env)


@functools.cache
def _tls_context(trust_env: bool, env: tuple[str | None, str | None] | None) -> ssl.SSLContext:
    return httpx.create_ssl_context(trust_env=trust_env)


def internal_base(address: ServerAddress) -> str:
    """The base for ``/internal/*``, which ComfyUI does not serve under ``/api``."""
    base = address.base_url
    return base[: -len("/api")] if address.has_api_prefix else base


# -- errors ------------------------------------------------------------------------------------


@contextlib.contextmanager
def transport_errors(call: Call[Any], address: ServerAddress) -> Iterator[None]:
    """Turn httpx's exceptions (and undecodable bodies) into this package's typed errors."""
    url = address.base_url + call.path
    try:
        yield
    except httpx.TimeoutException as exc:
        raise ComfyTimeoutError(f"{call.method} {url} timed out ({type(exc).__name__})") from exc
    except httpx.TransportError as exc:
        raise ComfyConnectionError(
            f"{call.method} {url} failed: {exc or type(exc).__name__}"
        ) from exc
    except httpx.HTTPError as exc:
        raise ComfyConnectionError(f"{call.method} {url} failed: {exc}") from exc
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ComfyError(
            f"{call.method} {url}: the server's answer could not be read ({exc})"
        ) from exc


def may_have_arrived(error: ComfyError) -> bool:
    """Whether the request behind a transport ``error`` may have reached the server: not when
    no connection was made (refused, or no connection within the timeout)."""
    unsent = httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout
    return not isinstance(error.__cause__, unsent)


def http_error(call: Call[Any], status: int, body: bytes) -> ComfyHTTPError:
    """The typed error for an unexpected status."""
    return error_from_response(status, call.method, call.path, _decode(body), call.prompt)


def timeout_error(what: str, timeout: float | None) -> ComfyTimeoutError:
    return ComfyTimeoutError(f"{what} did not finish within {timeout} s")


def missing_output(file: OutputFile) -> ComfyError:
    return ComfyError(
        f"output {file.filename!r} (subfolder {file.subfolder!r}, type {file.type!r}) of node "
        f"{file.node_id} is listed in the history but the server has no such file"
    )


def _decode(body: bytes) -> object:
    try:
        return json.loads(body)
    except ValueError:
        return body.decode("utf-8", errors="replace")


# -- interpreting responses ------------------------------------------------------------------------


def _expect(call: Call[Any], response: Response[Any], ok: tuple[int, ...] = (200,)) -> None:
    if response.status_code not in ok:
        raise http_error(call, int(response.status_code), response.content)


def _json(call: Call[Any], response: Response[Any]) -> Any:
    _expect(call, response)
    return json.loads(response.content)


def _unreadable(call: Call[Any], body: object) -> ComfyError:
    return ComfyError(f"{call.method} {call.path}: unexpected answer {body!r:.200}")


def _parsed(call: Call[Any], response: Response[Any]) -> Any:
    _expect(call, response)
    if response.parsed is None:
        raise ComfyError(f"{call.method} {call.path}: unexpected answer {response.content[:200]!r}")
    return response.parsed


def _nothing(call: Call[Any], response: Response[Any]) -> None:
    _expect(call, response, (200, 204))


def _none_on_404(
    inner: Callable[[Call[T], Response[Any]], T],
) -> Callable[[Call[T | None], Response[Any]], T | None]:
    def interpret(call: Call[Any], response: Response[Any]) -> T | None:
        if response.status_code == HTTPStatus.NOT_FOUND:
            return None
        return inner(call, response)

    return interpret


def _call(
    endpoint: str, method: str, path: str, interpret: Callable[..., Any], /, **kwargs: Any
) -> Call[Any]:
    return Call(endpoint, kwargs, method, path, interpret)


def _model_call(
    endpoint: str, method: str, path: str, interpret: Callable[..., Any], /, **kwargs: Any
) -> Call[Any]:
    """A call whose answer is read as the generated model (``response.parsed``)."""
    return replace(Call(endpoint, kwargs, method, path, interpret), model=True)


def _unset(value: Any) -> Any:
    return UNSET if value is None else value


# -- prompts, queue, history --------------------------------------------------------------------


def post_prompt(request: Mapping[str, Any]) -> Call[dict[str, Any]]:
    from comfyui_openapi.models import PromptRequest

    return Call(
        "prompt.post_prompt",
        {"body": PromptRequest.from_dict(dict(request))},
        "POST",
        "/prompt",
        _json,
        prompt=request.get("prompt"),
    )


def prompt_info(prompt_id: str, body: Mapping[str, Any]) -> PromptInfo:
    return PromptInfo(
        prompt_id=str(body.get("prompt_id") or prompt_id),
        number=body.get("number", 0),
        node_errors=dict(body.get("node_errors") or {}),
    )


def get_prompt() -> Call[int]:
    def interpret(call: Call[int], response: Response[Any]) -> int:
        return int(_json(call, response)["exec_info"]["queue_remaining"])

    return _call("prompt.get_prompt", "GET", "/prompt", interpret)


def get_queue() -> Call[QueueState]:
    return _call("queue.get_queue", "GET", "/queue", lambda c, r: QueueState.from_body(_json(c, r)))


def get_queue_raw() -> Call[Any]:
    """``/queue`` for the tracker: a body it cannot read in full is a failed request (retried),
    never an empty queue that would make every prompt look finished."""

    def interpret(call: Call[Any], response: Response[Any]) -> Any:
        body = _json(call, response)
        if queue_ids(body) is None:
            raise _unreadable(call, body)
        return body

    return _call("queue.get_queue", "GET", "/queue", interpret)


def post_queue(clear: bool = False, delete: list[str] | None = None) -> Call[None]:
    from comfyui_openapi.models import QueueRequest

    body: dict[str, Any] = {"clear": True} if clear else {}
    if delete is not None:
        body["delete"] = delete
    return _call("queue.post_queue", "POST", "/queue", _nothing, body=QueueRequest.from_dict(body))


def post_interrupt(prompt_id: str | None) -> Call[None]:
    from comfyui_openapi.models import InterruptRequest

    body = {"prompt_id": prompt_id} if prompt_id else {}
    return _call(
        "queue.post_interrupt",
        "POST",
        "/interrupt",
        _nothing,
        body=InterruptRequest.from_dict(body),
    )


def post_free(unload_models: bool, free_memory: bool) -> Call[None]:
    from comfyui_openapi.models import FreeRequest

    body = {"unload_models": unload_models, "free_memory": free_memory}
    return _call("queue.post_free", "POST", "/free", _nothing, body=FreeRequest.from_dict(body))


def get_history(max_items: int | None, offset: int | None) -> Call[dict[str, Any]]:
    return _call(
        "history.get_history",
        "GET",
        "/history",
        _json,
        max_items=_unset(max_items),
        offset=_unset(offset),
    )


def get_history_by_id(prompt_id: str) -> Call[dict[str, Any]]:
    """``/history/{id}``: ``{}`` or ``{id: entry}``; any other body is an error, not "no entry"."""

    def interpret(call: Call[Any], response: Response[Any]) -> dict[str, Any]:
        body = _json(call, response)
        if not history_readable(prompt_id, body):
            raise _unreadable(call, body)
        return dict(body)

    return _call(
        "history.get_history_by_id", "GET", f"/history/{prompt_id}", interpret, prompt_id=prompt_id
    )


def post_history(clear: bool = False, delete: list[str] | None = None) -> Call[None]:
    from comfyui_openapi.models import HistoryRequest

    body: dict[str, Any] = {"clear": True} if clear else {}
    if delete is not None:
        body["delete"] = delete
    return _call(
        "history.post_history", "POST", "/history", _nothing, body=HistoryRequest.from_dict(body)
    )


# -- server information ----------------------------------------------------------------------------


def get_system_stats() -> Call[Any]:
    return _model_call("system.get_system_stats", "GET", "/system_stats", _parsed)


def get_features() -> Call[Any]:
    return _model_call("system.get_features", "GET", "/features", _parsed)


def get_embeddings() -> Call[list[str]]:
    return _call("system.get_embeddings", "GET", "/embeddings", _json)


def get_extensions() -> Call[list[str]]:
    return _call("system.get_extensions", "GET", "/extensions", _json)


def get_models(folder: str | None) -> Call[list[str]]:
    if folder is None:
        return _call("models.get_models", "GET", "/models", _json)
    return _call("models.get_models_by_folder", "GET", f"/models/{folder}", _json, folder=folder)


def get_object_info(node_class: str | None) -> Call[dict[str, Any]]:
    if node_class is None:
        return _call("nodes.get_object_info", "GET", "/object_info", _json)
    return _call(
        "nodes.get_object_info_by_class",
        "GET",
        f"/object_info/{node_class}",
        _json,
        node_class=node_class,
    )


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
    return _model_call(endpoint, "POST", path, _parsed, body=body)


def upload_image(
    name: str, image: UploadSource, subfolder: str | None, overwrite: bool, type: str
) -> Call[Any]:
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
    original_ref: Mapping[str, str],
    subfolder: str | None,
    overwrite: bool,
    type: str,
) -> Call[Any]:
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
        original_ref=json.dumps(dict(original_ref)),
    )


def get_view(filename: str, subfolder: str | None, type: str | None) -> Call[OutputImage | None]:
    def interpret(call: Call[Any], response: Response[Any]) -> OutputImage:
        _expect(call, response)
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

    return _call(
        "files.get_view",
        "GET",
        "/view",
        _none_on_404(interpret),
        filename=filename,
        subfolder=_unset(subfolder),
        type_=_unset(type),
    )


def get_view_metadata(folder_name: str, filename: str) -> Call[dict[str, str] | None]:
    return _call(
        "files.get_view_metadata",
        "GET",
        f"/view_metadata/{folder_name}",
        _none_on_404(_json),
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


def download_request(file: OutputFile | str) -> DownloadRequest:
    if isinstance(file, str):
        file = OutputFile(
            filename=file, subfolder="", type="output", node_id="", kind="", content_type=""
        )
    params = file.view_params()
    call = _call("files.get_view", "GET", "/view", _nothing)
    return DownloadRequest(call, "/view", params, file.filename)


def download_target(request: DownloadRequest, dest: Path) -> Path:
    """Where a download goes: ``dest`` itself, or the file's own name inside a directory."""
    if dest.is_dir():
        name = Path(request.filename).name
        if not name or name in (".", ".."):
            raise ValueError(f"refusing to write a file named {request.filename!r}")
        return dest / name
    dest.parent.mkdir(parents=True, exist_ok=True)
    return dest


def _guess_type(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


# -- users, settings, user data ---------------------------------------------------------------------


def get_users() -> Call[Any]:
    return _model_call("users.get_users", "GET", "/users", _parsed)


def post_users(username: str) -> Call[str]:
    from comfyui_openapi.models import CreateUserRequest

    return _call(
        "users.post_users",
        "POST",
        "/users",
        _json,
        body=CreateUserRequest.from_dict({"username": username}),
    )


def get_settings() -> Call[dict[str, Any]]:
    return _call("settings.get_settings", "GET", "/settings", _json)


def get_setting(setting_id: str) -> Call[Any]:
    return _call("settings.get_setting", "GET", f"/settings/{setting_id}", _json, id=setting_id)


def post_settings(settings: Mapping[str, Any]) -> Call[None]:
    from comfyui_openapi.models import PostSettingsBody

    return _call(
        "settings.post_settings",
        "POST",
        "/settings",
        _nothing,
        body=PostSettingsBody.from_dict(dict(settings)),
    )


def post_setting(setting_id: str, value: Any) -> Call[None]:
    return _call(
        "settings.post_setting",
        "POST",
        f"/settings/{setting_id}",
        _nothing,
        id=setting_id,
        body=value,
    )


def list_userdata(dir: str, recurse: bool, full_info: bool, split: bool) -> Call[list[Any]]:
    return _call(
        "userdata.list_userdata",
        "GET",
        "/userdata",
        _json,
        dir_=dir,
        recurse=_flag(recurse),
        full_info=_flag(full_info),
        split=_flag(split),
    )


def list_userdata_v2(path: str | None) -> Call[list[Any]]:
    return _call("userdata.list_userdata_v2", "GET", "/v2/userdata", _json, path=_unset(path))


def get_userdata_file(file: str) -> Call[bytes]:
    def interpret(call: Call[bytes], response: Response[Any]) -> bytes:
        _expect(call, response)
        return bytes(response.content)

    return _call(
        "userdata.get_userdata_file",
        "GET",
        f"/userdata/{_segment(file)}",
        interpret,
        file=_segment(file),
    )


def post_userdata_file(file: str, data: bytes | str, overwrite: bool, full_info: bool) -> Call[Any]:
    raw = data.encode() if isinstance(data, str) else bytes(data)
    return _call(
        "userdata.post_userdata_file",
        "POST",
        f"/userdata/{_segment(file)}",
        _json,
        file=_segment(file),
        # bytes, not a file object: the async httpx client refuses file objects as content
        body=File(payload=raw, file_name=Path(file).name),  # type: ignore[arg-type]
        overwrite=overwrite,
        full_info=full_info,
    )


def delete_userdata_file(file: str) -> Call[None]:
    return _call(
        "userdata.delete_userdata_file",
        "DELETE",
        f"/userdata/{_segment(file)}",
        _nothing,
        file=_segment(file),
    )


def move_userdata_file(file: str, dest: str, overwrite: bool, full_info: bool) -> Call[Any]:
    return _call(
        "userdata.move_userdata_file",
        "POST",
        f"/userdata/{_segment(file)}/move/{_segment(dest)}",
        _json,
        file=_segment(file),
        dest=_segment(dest),
        overwrite=overwrite,
        full_info=full_info,
    )


def _segment(path: str) -> str:
    """User-data paths are one URL segment: ``/`` travels as ``%2F``."""
    return quote(path, safe="")


def _flag(value: bool) -> Any:
    return "true" if value else UNSET


# -- jobs (newer ComfyUI) -----------------------------------------------------------------------------


def _jobs(inner: Callable[[Call[T], Response[Any]], T]) -> Callable[[Call[T], Response[Any]], T]:
    """A 404 for the jobs list means the server predates the jobs API: say so."""

    def interpret(call: Call[T], response: Response[Any]) -> T:
        if response.status_code == HTTPStatus.NOT_FOUND and call.path == "/api/jobs":
            raise ComfyHTTPError(
                404,
                call.method,
                call.path,
                response.content,
                message="this ComfyUI has no jobs API (GET /api/jobs answered 404); it needs a newer server",
            )
        return inner(call, response)

    return interpret


def list_jobs(**filters: Any) -> Call[Any]:
    return _model_call(
        "jobs.list_jobs",
        "GET",
        "/api/jobs",
        _jobs(_parsed),
        **{k: _unset(v) for k, v in filters.items()},
    )


def get_job(job_id: str) -> Call[Any]:
    return _model_call("jobs.get_job", "GET", f"/api/jobs/{job_id}", _jobs(_parsed), job_id=job_id)


def cancel_job(job_id: str) -> Call[bool]:
    return _call(
        "jobs.cancel_job",
        "POST",
        f"/api/jobs/{job_id}/cancel",
        _jobs(lambda c, r: bool(_json(c, r)["cancelled"])),
        job_id=job_id,
    )


def cancel_jobs(job_ids: list[str]) -> Call[bool]:
    from comfyui_openapi.models import CancelJobsRequest

    return _call(
        "jobs.cancel_jobs",
        "POST",
        "/api/jobs/cancel",
        _jobs(lambda c, r: bool(_json(c, r)["cancelled"])),
        body=CancelJobsRequest.from_dict({"job_ids": job_ids}),
    )
