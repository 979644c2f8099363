"""Sending a request: the :class:`Call` both clients send, the httpx client they build, TLS,
and how transport failures become this package's typed errors.

A :class:`Call` names a generated endpoint, its arguments, and how to read the answer; the
clients only send it (``sync_detailed`` or ``asyncio_detailed``) and hand the response back.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import json
import mimetypes
import os
import ssl
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from types import ModuleType
from typing import Any, Generic, Protocol, TypeVar

import httpx
from comfyui_openapi.types import Response

from .address import ServerAddress
from .errors import (
    ComfyConnectionError,
    ComfyError,
    ComfyHTTPError,
    ComfyTimeoutError,
    UnreadableResponseError,
    error_from_response,
)
from .options import ClientOptions
from .secrecy import OffOriginHeaders

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """One request: the generated endpoint module, its arguments, and how to read the answer."""

    #: The endpoint module under ``comfyui_openapi.api``, e.g. ``"queue.get_queue"``; another
    #: generated package's is named with its package first: ``"comfy_api_v2_openapi:jobs.get_job"``.
    endpoint_name: str
    kwargs: Mapping[str, Any]
    method: str
    path: str
    interpret: Callable[[Call[T], Response[Any]], T]
    #: The submitted workflow, so validation errors can name nodes by title.
    prompt: Mapping[str, Any] | None = field(default=None, repr=False)
    #: The answer is read as the generated model (``response.parsed``); otherwise the
    #: generated parsing is skipped and the interpreter reads the bytes itself.
    model: bool = False
    #: The answer can be megabytes (``/object_info``): the async client reads it in a thread.
    large: bool = False

    @property
    def endpoint(self) -> Endpoint:
        """What sends it: the generated endpoint module, or the same without model parsing."""
        module = _endpoint(self.endpoint_name)
        return module if self.model else _Unparsed(module)

    def finish(self, response: Response[Any]) -> T:
        return self.interpret(self, response)


@dataclass(frozen=True, slots=True)
class JsonBody:
    """A request body the client built and checked itself, given to a generated endpoint in
    place of its model: the endpoint only calls ``to_dict()``. For ``POST /prompt`` the model
    round trip (every node into a model and back) cost CPU on each submission, and the first
    paid for importing the models."""

    body: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.body)


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
    package, _, module = name.rpartition(":")
    return importlib.import_module(f"{package or 'comfyui_openapi'}.api.{module}")


#: The generated endpoints every prompt uses.
PROMPT_PATH = (
    "prompt.post_prompt",
    "nodes.get_object_info_by_class",
    "history.get_history_by_id",
    "files.get_view",
    "queue.get_queue",
)
#: What httpx's async transport imports on its first connection (httpcore picks anyio, anyio
#: its asyncio backend): about 40 ms of a fresh process's first async request. Named by
#: module, so a release of theirs that moves them only makes the preload skip them.
ASYNC_TRANSPORT = ("httpcore._backends.anyio", "anyio._backends._asyncio")
_preloaded: set[str] = set()
_preload_lock = threading.Lock()


def preload_in_background() -> None:
    """Do in a daemon thread, once per process, what a client's first prompt would otherwise
    wait for: import the endpoints every prompt uses (and, inside an event loop, the async
    transport's backend) and read the system's MIME types (results name each output's type).
    Imports are thread-safe: whatever the submission needs before the thread got to it is
    imported by whoever comes first."""
    wanted = {"prompt path"} | ({"async transport"} if _in_event_loop() else set())
    with _preload_lock:
        todo = wanted - _preloaded
        _preloaded.update(todo)
    if todo:
        threading.Thread(target=_preload, args=(todo,), name="comfy-preload", daemon=True).start()


def _preload(parts: set[str]) -> None:
    if "async transport" in parts:
        for module in ASYNC_TRANSPORT:
            with contextlib.suppress(ImportError):
                importlib.import_module(module)
    if "prompt path" in parts:
        for name in PROMPT_PATH:
            _endpoint(name)
        mimetypes.init()


def _in_event_loop() -> bool:
    asyncio = sys.modules.get("asyncio")  # a sync program never loads it
    if asyncio is None:
        return False
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


# -- client construction -----------------------------------------------------------------


def httpx_kwargs(options: ClientOptions) -> dict[str, Any]:
    """Arguments for the httpx client both facades create."""
    from .options import ssl_context

    ctx = ssl_context(options)
    if ctx is None:  # plain http (TLS only after a redirect): httpx's default context
        ctx = _default_tls(bool(options.httpx_args.get("trust_env", True)))
    kwargs: dict[str, Any] = {
        "base_url": options.address.base_url,
        "headers": options.headers,
        "timeout": options.httpx_timeout(),
        "verify": ctx,
        "follow_redirects": True,
    }
    kwargs.update(options.httpx_args)
    hooks = dict(kwargs.get("event_hooks") or {})  # ours last: it sees the user's hooks' headers
    hooks["request"] = [
        *hooks.get("request", []),
        OffOriginHeaders(options.address.base_url, options.headers),
    ]
    kwargs["event_hooks"] = hooks
    return kwargs


HttpxClient = TypeVar("HttpxClient", httpx.Client, httpx.AsyncClient)


def borrowed(client: HttpxClient, options: ClientOptions) -> HttpxClient:
    """A user's httpx client made ready for the generated calls' relative paths: it gets the
    server's address as ``base_url`` when it has none, and the client's headers."""
    if not str(client.base_url):
        client.base_url = httpx.URL(options.address.base_url)
    for name, value in options.headers.items():
        client.headers.setdefault(name, value)
    return client


def _default_tls(trust_env: bool) -> ssl.SSLContext:
    """What httpx builds for ``verify=True``, made once per process (and environment).

    Loading the CA bundle takes ~25 ms and every client has an httpx client; a context
    can be shared by any number of connections.
    """
    env = (os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR")) if trust_env else None
    return _tls_context(trust_env, env)


@functools.cache
def _tls_context(trust_env: bool, env: tuple[str | None, str | None] | None) -> ssl.SSLContext:
    return httpx.create_ssl_context(trust_env=trust_env)


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
    except json.JSONDecodeError as exc:
        raise UnreadableResponseError(call.method, url, exc.doc, f"not JSON: {exc}") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise UnreadableResponseError(
            call.method, url, None, f"{type(exc).__name__}: {exc}"
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


def _decode(body: bytes) -> object:
    try:
        return json.loads(body)
    except ValueError:
        return body.decode("utf-8", errors="replace")
