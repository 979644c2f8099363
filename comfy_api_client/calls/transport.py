"""Sending a request and reading its answer: the :class:`Call` both clients send, the httpx
client they build, TLS, how transport failures become this package's typed errors, and the
readers (status checks, JSON) and small builders every request module uses.

A :class:`Call` names a generated endpoint, its arguments, and how to read the answer; the
clients stream the request it describes (within :class:`Deadline` and :class:`BodyBuffer`'s
limits) and hand the answer back.
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
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from types import ModuleType
from typing import Any, Generic, TypeVar

import httpx
from comfyui_openapi.types import UNSET, Response

from ..core.address import ServerAddress, keeps_headers, unreachable
from ..core.options import ClientOptions
from ..core.server_info import first_version, route_of, route_since
from ..errors import (
    ComfyConnectionError,
    ComfyError,
    ComfyHTTPError,
    ComfyTimeoutError,
    ResponseTooLargeError,
    RouteNotAvailableError,
    UnreadableResponseError,
    error_from_response,
)

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

    def finish(self, response: Response[Any]) -> T:
        return self.interpret(self, response)

    def request(self) -> dict[str, Any]:
        """The generated endpoint's request (method, url, params, body) for ``httpx.stream``."""
        return _endpoint(self.endpoint_name)._get_kwargs(**self.kwargs)

    def response(
        self, status: int, headers: httpx.Headers, content: bytes, api: Any
    ) -> Response[Any]:
        """The answer read in full as the generated endpoint would give it (its model parsed
        for a ``model`` call; ``api`` is the generated client it is parsed for)."""
        parsed = None
        if self.model:
            kind = {"content-type": headers.get("content-type", "application/json")}
            plain = httpx.Response(status, headers=kind, content=content)
            parsed = _endpoint(self.endpoint_name)._parse_response(client=api, response=plain)
        return Response(
            status_code=HTTPStatus(status), content=content, headers=headers, parsed=parsed
        )


@dataclass(frozen=True, slots=True)
class JsonBody:
    """A request body the client built and checked itself, given to a generated endpoint in
    place of its model: the endpoint only calls ``to_dict()``. For ``POST /prompt`` the model
    round trip (every node into a model and back) cost CPU on each submission, and the first
    paid for importing the models."""

    body: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.body)


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
    from ..core.options import ssl_context

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
        *([ApiPrefixOnce(options.address)] if options.address.has_api_prefix else []),
    ]
    kwargs["event_hooks"] = hooks
    return kwargs


class _Done:
    """Awaiting it does nothing: what lets one hook serve httpx's sync and async clients."""

    def __await__(self) -> Any:
        return iter(())


class OffOriginHeaders:
    """httpx request hook: a request that leaves the server's origin (a redirect elsewhere)
    carries none of the headers the user configured, nor cookies. httpx itself drops only
    ``Authorization``; an ``X-Api-Key`` would follow."""

    def __init__(self, base_url: str, names: Iterable[str]) -> None:
        self._base_url = base_url
        url = httpx.URL(base_url)
        self._origin = (url.scheme, url.host, url.port)  # httpx normalizes all three
        self._names = {*names, "authorization", "cookie", "proxy-authorization"}

    def __call__(self, request: httpx.Request) -> _Done:
        url = request.url
        same = (url.scheme, url.host, url.port) == self._origin  # every request but redirects
        if not same and not keeps_headers(self._base_url, str(url)):
            for name in self._names:
                request.headers.pop(name, None)
        return _Done()


class ApiPrefixOnce:
    """httpx request hook, for a base ending in ``/api``: the routes that exist only under
    ``/api`` are requested once prefixed (:meth:`ServerAddress.request_path`), whichever
    requester, download or generated endpoint built the URL."""

    def __init__(self, address: ServerAddress) -> None:
        self._address = address
        self._host = httpx.URL(address.base_url).host

    def __call__(self, request: httpx.Request) -> _Done:
        path = self._address.request_path(request.url.path)
        if path != request.url.path and request.url.host == self._host:
            request.url = request.url.copy_with(path=path)
        return _Done()


HttpxClient = TypeVar("HttpxClient", httpx.Client, httpx.AsyncClient)


def borrowed(client: HttpxClient, options: ClientOptions) -> HttpxClient:
    """A user's httpx client made ready for the generated calls' relative paths: it gets the
    server's address as ``base_url`` when it has none, and the client's headers."""
    if not str(client.base_url):
        client.base_url = httpx.URL(options.address.base_url)
    for name, value in options.headers.items():
        client.headers.setdefault(name, value)
    if options.address.has_api_prefix:
        hooks: dict[str, list[Any]] = dict(client.event_hooks)
        hooks["request"] = [*hooks.get("request", []), ApiPrefixOnce(options.address)]
        client.event_hooks = hooks
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


# -- bounds -------------------------------------------------------------------------------


class Deadline:
    """The total time one request may take (``http_deadline``), answer included.

    The async client waits for the whole request under it; the sync one, whose reads cannot
    be interrupted, checks it between chunks (each read is bounded by ``http_timeout``).
    """

    __slots__ = ("end", "seconds", "what")

    def __init__(self, seconds: float, what: str) -> None:
        self.seconds = seconds
        self.what = what
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def check(self) -> None:
        """Raise :meth:`error` once the deadline has passed."""
        if time.monotonic() >= self.end:
            raise self.error()

    def error(self) -> ComfyTimeoutError:
        return ComfyTimeoutError(
            f"{self.what} did not finish within {self.seconds:g} s (http_deadline)"
        )


def request_deadline(call: Call[Any], options: ClientOptions) -> Deadline:
    return Deadline(options.http_deadline, f"{call.method} {options.address.base_url}{call.path}")


class BodyBuffer:
    """An answer read chunk by chunk into memory, refused past ``limit`` bytes."""

    __slots__ = ("chunks", "limit", "size", "what")

    def __init__(self, limit: int, call: Call[Any], address: ServerAddress) -> None:
        self.limit = limit
        self.what = (call.method, address.base_url + call.path)
        self.chunks: list[bytes] = []
        self.size = 0

    def expect(self, headers: httpx.Headers) -> None:
        """Refuse at once an answer whose ``Content-Length`` is over the limit."""
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limit:
            raise ResponseTooLargeError(*self.what, self.limit)

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            self.chunks.clear()
            raise ResponseTooLargeError(*self.what, self.limit)
        self.chunks.append(chunk)

    def content(self) -> bytes:
        content = b"".join(self.chunks)
        self.chunks.clear()
        return content


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
        known = unreachable(exc, address) if isinstance(exc, httpx.ConnectError) else None
        if known is not None:  # told as the WebSocket's first contact tells it
            raise ComfyConnectionError(f"{known} ({call.method} {call.path})") from exc
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
    """The typed error for an unexpected status (a whole answer's or a download's):
    ``RouteNotAvailableError`` when the server has no such route (a bare 404 or 405 for a
    route newer than the oldest server described), else ``ComfyHTTPError`` or
    ``PromptValidationError``."""
    if status in (404, 405) and not _is_json(body):
        operation = call.endpoint_name.rpartition(".")[2]
        since = route_since(operation)
        if since is not None and since != first_version():
            text = body.decode("utf-8", "replace")
            return RouteNotAvailableError(
                status, call.method, call.path, text, route_of(operation), since
            )
    if status == 404 and call.method == "GET" and call.endpoint_name in EVERY_COMFYUI:
        return ComfyHTTPError(
            status,
            call.method,
            call.path,
            _decode(body),
            f"{call.method} {call.path} answered 404: every ComfyUI serves {call.path}, so the "
            "server at this address is not ComfyUI (or the address's path is wrong)",
        )
    return error_from_response(status, call.method, call.path, _decode(body), call.prompt)


def timeout_error(what: str, timeout: float | None) -> ComfyTimeoutError:
    return ComfyTimeoutError(f"{what} did not finish within {timeout} s")


def _decode(body: bytes) -> object:
    try:
        return json.loads(body)
    except ValueError:
        return body.decode("utf-8", errors="replace")


# -- reading answers ---------------------------------------------------------------------


def expect(call: Call[Any], response: Response[Any], ok: tuple[int, ...] = (200,)) -> None:
    """Raise the typed error (:func:`http_error`) for a status other than ``ok``."""
    status = int(response.status_code)
    if status not in ok:
        raise http_error(call, status, response.content)


#: Routes every ComfyUI serves: a 404 there means the server is not ComfyUI.
EVERY_COMFYUI = frozenset(
    {"prompt.get_prompt", "queue.get_queue", "system.get_system_stats", "nodes.get_object_info"}
)


def _is_json(body: bytes) -> bool:
    try:
        json.loads(body)
    except ValueError:
        return False
    return True


def read_json(call: Call[Any], response: Response[Any]) -> Any:
    expect(call, response)
    return json.loads(response.content)


def read_object(call: Call[Any], response: Response[Any]) -> dict[str, Any]:
    """The answer's JSON object; anything else (a list, a string, null) is unreadable, so a
    cache such as the node definitions never keeps it."""
    body = read_json(call, response)
    if not isinstance(body, dict):
        raise unreadable(call, body, f"a JSON object was expected, not {type(body).__name__}")
    return body


def unreadable(call: Call[Any], body: object, reason: str = "") -> UnreadableResponseError:
    return UnreadableResponseError(call.method, call.path, body, reason)


def parsed(call: Call[Any], response: Response[Any]) -> Any:
    expect(call, response)
    if response.parsed is None:
        raise ComfyError(f"{call.method} {call.path}: unexpected answer {response.content[:200]!r}")
    return response.parsed


def nothing(call: Call[Any], response: Response[Any]) -> None:
    expect(call, response, (200, 204))


def none_on_404(
    inner: Callable[[Call[T], Response[Any]], T],
) -> Callable[[Call[T | None], Response[Any]], T | None]:
    def interpret(call: Call[Any], response: Response[Any]) -> T | None:
        if response.status_code == HTTPStatus.NOT_FOUND:
            return None
        return inner(call, response)

    return interpret


def call(
    endpoint: str, method: str, path: str, interpret: Callable[..., Any], /, **kwargs: Any
) -> Call[Any]:
    return Call(endpoint, kwargs, method, path, interpret)


def model_call(
    endpoint: str, method: str, path: str, interpret: Callable[..., Any], /, **kwargs: Any
) -> Call[Any]:
    """A call whose answer is read as the generated model (``response.parsed``)."""
    return replace(Call(endpoint, kwargs, method, path, interpret), model=True)


def model(kind: Any, ok: tuple[int, ...] = (200,)) -> Callable[[Call[Any], Response[Any]], Any]:
    """Read the answer as the generated model ``kind`` (built here from the JSON, after the
    status check, so that an error status is never parsed as a model)."""

    def interpret(call: Call[Any], response: Response[Any]) -> Any:
        expect(call, response, ok)
        return kind.from_dict(json.loads(response.content))

    return interpret


def unset(value: Any) -> Any:
    return UNSET if value is None else value


def flag(value: bool) -> Any:
    """A query flag ComfyUI reads as present-and-true, or left out."""
    return "true" if value else UNSET
