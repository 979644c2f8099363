"""Client configuration shared by the sync and async clients."""

from __future__ import annotations

import base64
import json
import os
import ssl
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypedDict

import httpx

from .address import ServerAddress
from .errors import InvalidArgumentError

if TYPE_CHECKING:
    from .events import Event

TrackerMode = Literal["websocket", "http"]
#: Which HTTP API the client speaks: ComfyUI's own, Comfy API v2 (Comfy Cloud,
#: comfy-api-proxy), or whichever the server answers (``/api/v2/health`` decides).
ApiMode = Literal["native", "v2", "auto"]

#: Seconds for connecting, reading, writing and pool waits of every HTTP request.
DEFAULT_HTTP_TIMEOUT = 30.0
#: The default ``ws_max_size``: 16 MiB. The socket layer holds at most a few frames (about
#: 64 MiB however fast the server sends).
WS_MAX_SIZE = 16 * 2**20
#: Seconds one HTTP request may take in all, from sending it to the last byte of its answer
#: (a download of a large video included: 300 MB at 1 MB/s fits).
DEFAULT_HTTP_DEADLINE = 600.0
#: Bytes of one output file kept in memory (``OutputFile.data``); a larger output is
#: streamed to a temporary file (``OutputFile.local_path``). 16 MiB: a 4K PNG fits, a video
#: does not; reading one into memory takes at most twice this.
DEFAULT_OUTPUT_MEMORY_LIMIT = 16 * 2**20
#: Bytes of one API answer read into memory (JSON such as ``/object_info``, user data). A
#: real ComfyUI 0.33.0 ``/object_info`` is ~2 MB (887 nodes); installs with many custom
#: nodes reach tens of MB: 128 MiB leaves room for those (60 times a stock install) and stops
#: a runaway answer before its parsing takes gigabytes (JSON parsing peaks at ~7 times the
#: body).
DEFAULT_RESPONSE_SIZE_LIMIT = 128 * 2**20


class ClientKeywords(TypedDict, total=False):
    """Keyword options of ``create_client`` / ``create_async_client``."""

    #: Extra headers for every HTTP request and the WebSocket handshake (e.g. auth at a proxy).
    headers: Mapping[str, str]
    #: TLS verification: True, False, or a CA bundle path.
    verify: bool | str
    #: The WebSocket ``clientId`` (default: a new random id).
    client_id: str
    #: Called with a typed event for every server message (from the tracker's thread/task).
    on_event: Callable[[Event], None]
    #: Treat partial acceptance (a 200 with ``node_errors``) as ``PromptValidationError``.
    strict: bool
    #: Download output files into ``PromptResult.files[i].data`` (default True).
    download_outputs: bool
    #: Check workflows against the server's node definitions before sending (default True).
    validate: bool
    #: Read every finished prompt's ``/history`` entry (default True). With False, a run the
    #: WebSocket reported from start to end completes from those messages alone, one HTTP
    #: request fewer per prompt; its ``result.history`` is None.
    fetch_history: bool
    #: Extra keyword arguments for the ``httpx`` client (e.g. ``transport``, ``proxy``).
    httpx_args: Mapping[str, object]
    #: ``"native"`` (ComfyUI's API, the default), ``"v2"`` (Comfy API v2: Comfy Cloud,
    #: comfy-api-proxy) or ``"auto"`` (v2 when the server answers ``/api/v2/health``).
    api: ApiMode
    #: Sent as ``Authorization: Bearer <key>`` to the server (never to another host). With
    #: ``api="v2"`` it defaults to ``$COMFY_API_KEY``.
    api_key: str
    #: Node definitions (``/object_info`` as a dict, or a path to its JSON) for converting
    #: UI-format workflows and validating, where the server does not publish them (v2).
    node_definitions: Mapping[str, object] | str | os.PathLike[str]
    #: Seconds one HTTP request may take in all, answer included (default 600; ``http_timeout``
    #: bounds each connect/read/write). Past it: ``ComfyTimeoutError``.
    http_deadline: float
    #: Bytes of an output file kept in ``OutputFile.data`` (default 16 MiB); larger outputs go
    #: to a temporary file (``OutputFile.local_path``).
    output_memory_limit: int
    #: Bytes of one API answer read into memory (default 128 MiB); larger:
    #: ``ResponseTooLargeError``.
    response_size_limit: int


@dataclass(slots=True)
class ClientOptions:
    """Everything ``create_client`` / ``create_async_client`` accept, validated once."""

    address: ServerAddress
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    http_timeout: float | None = DEFAULT_HTTP_TIMEOUT
    verify: bool | str = True
    start_state_tracker: TrackerMode | None = "websocket"
    client_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    on_event: Callable[[Event], None] | None = None
    strict: bool = False
    download_outputs: bool = True
    validate: bool = True
    fetch_history: bool = True
    poll_interval: float = 0.5
    #: Seconds without any WebSocket traffic before the watchdog checks the server.
    watchdog_interval: float = 30.0
    reconnect_delays: tuple[float, ...] = (0.1, 0.5, 1.0, 2.0, 5.0)
    ws_connect_timeout: float = 10.0
    #: The largest WebSocket frame (message) taken, in bytes; a larger one is dropped with its
    #: socket (logged; the tracker reconnects). Real previews and SaveImageWebsocket PNGs are
    #: a few MB.
    ws_max_size: int = WS_MAX_SIZE
    #: Extra keyword arguments for the httpx client (e.g. ``transport`` in tests).
    httpx_args: dict[str, object] = field(default_factory=dict, repr=False)
    #: An httpx client to send with instead of the client's own (``httpx.AsyncClient`` for the
    #: asyncio client); its owner closes it.
    http_client: httpx.Client | httpx.AsyncClient | None = field(default=None, repr=False)
    api: ApiMode = "native"
    #: Whether an API key (or bearer token) is sent; the key itself is only in ``headers``.
    has_api_key: bool = False
    node_definitions: dict[str, object] | None = field(default=None, repr=False)
    #: Seconds one HTTP request may take in all, from sending to the last byte of its answer.
    http_deadline: float = DEFAULT_HTTP_DEADLINE
    #: Bytes of one output file kept in memory; larger outputs stream to a temporary file.
    output_memory_limit: int = DEFAULT_OUTPUT_MEMORY_LIMIT
    #: Bytes of one API answer (JSON, user data) read into memory.
    response_size_limit: int = DEFAULT_RESPONSE_SIZE_LIMIT

    @classmethod
    def build(
        cls,
        address: str | ServerAddress | None = None,
        http_timeout: float | None = DEFAULT_HTTP_TIMEOUT,
        start_state_tracker: TrackerMode | None = "websocket",
        state_tracker_kwargs: Mapping[str, object] | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        verify: bool | str = True,
        client_id: str | None = None,
        on_event: Callable[[Event], None] | None = None,
        strict: bool = False,
        download_outputs: bool = True,
        validate: bool = True,
        fetch_history: bool = True,
        httpx_args: Mapping[str, object] | None = None,
        api: ApiMode = "native",
        api_key: str | None = None,
        node_definitions: Mapping[str, object] | str | os.PathLike[str] | None = None,
        http_deadline: float = DEFAULT_HTTP_DEADLINE,
        output_memory_limit: int = DEFAULT_OUTPUT_MEMORY_LIMIT,
        response_size_limit: int = DEFAULT_RESPONSE_SIZE_LIMIT,
    ) -> ClientOptions:
        """Validate the user's arguments (see ``create_client`` for their meaning)."""

        addr = address if isinstance(address, ServerAddress) else ServerAddress.parse(address)
        if api not in ("native", "v2", "auto"):
            raise InvalidArgumentError("api", api, "use 'native', 'v2' or 'auto'")
        if start_state_tracker not in ("websocket", "http", None):
            raise InvalidArgumentError(
                "start_state_tracker",
                start_state_tracker,
                "unknown state tracker; use 'websocket', 'http' or None",
            )
        _positive("http_deadline", http_deadline)
        _positive("output_memory_limit", output_memory_limit)
        _positive("response_size_limit", response_size_limit)
        all_headers = dict(headers or {})
        if addr.credentials and not any(k.lower() == "authorization" for k in all_headers):
            token = base64.b64encode(":".join(addr.credentials).encode()).decode()
            all_headers["Authorization"] = f"Basic {token}"
        if api_key is None and api == "v2":
            api_key = os.environ.get("COMFY_API_KEY") or None
        if api_key is not None:
            if not isinstance(api_key, str) or not api_key.strip():
                raise InvalidArgumentError(
                    "api_key", "<hidden>", "an API key is a non-empty string"
                )
            if any(k.lower() == "authorization" for k in all_headers):
                raise InvalidArgumentError(
                    "api_key", "<hidden>", "give an API key or an Authorization header, not both"
                )
            all_headers["Authorization"] = f"Bearer {api_key.strip()}"
        opts = cls(
            address=addr,
            headers=all_headers,
            http_timeout=http_timeout,
            verify=verify,
            start_state_tracker=start_state_tracker,
            client_id=client_id or uuid.uuid4().hex,
            on_event=on_event,
            strict=strict,
            download_outputs=download_outputs,
            validate=validate,
            fetch_history=fetch_history,
            httpx_args=dict(httpx_args or {}),
            api=api,
            has_api_key=api_key is not None,
            node_definitions=_definitions(node_definitions),
            http_deadline=float(http_deadline),
            output_memory_limit=int(output_memory_limit),
            response_size_limit=int(response_size_limit),
        )
        for key, value in (state_tracker_kwargs or {}).items():
            if key == "update_interval":  # the seed's name for the HTTP tracker's interval
                key = "poll_interval"
            if key not in _TUNABLE:
                raise TypeError(f"unknown state tracker option {key!r}; known: {sorted(_TUNABLE)}")
            setattr(opts, key, value)
        return opts

    def httpx_timeout(self) -> httpx.Timeout:
        """The timeout for HTTP requests (``None`` means wait forever, which we never default to)."""
        return httpx.Timeout(self.http_timeout)


def _positive(name: str, value: object) -> None:
    """Refuse a deadline or size that is not a positive number (every wait stays bounded)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise InvalidArgumentError(name, value, "must be a positive number")


def _definitions(
    given: Mapping[str, object] | str | os.PathLike[str] | None,
) -> dict[str, object] | None:
    """``node_definitions`` as a dict (read from a JSON file when a path is given)."""

    if given is None:
        return None
    if isinstance(given, Mapping):
        return dict(given)
    try:
        with open(given, encoding="utf-8") as f:
            loaded = json.load(f)
    except (OSError, ValueError) as exc:
        raise InvalidArgumentError("node_definitions", given, f"cannot be read: {exc}") from exc
    if not isinstance(loaded, dict):
        raise InvalidArgumentError("node_definitions", given, "is not a JSON object")
    return loaded


_TUNABLE = {
    "poll_interval",
    "watchdog_interval",
    "reconnect_delays",
    "ws_connect_timeout",
    "ws_max_size",
}


def ssl_context(options: ClientOptions) -> ssl.SSLContext | None:
    """The TLS context for ``https``/``wss`` (honouring ``verify``), or None for plain HTTP."""
    if options.address.scheme != "https":
        return None
    if options.verify is False:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        return ctx
    if isinstance(options.verify, str):
        return ssl.create_default_context(cafile=options.verify)
    return ssl.create_default_context()
