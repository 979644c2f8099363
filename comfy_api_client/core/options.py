"""Client configuration shared by the sync and async clients."""

from __future__ import annotations

import base64
import json
import os
import ssl
import types
import uuid
from collections import abc
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    TypedDict,
    Union,
    Unpack,
    get_args,
    get_origin,
    get_type_hints,
)

import httpx

from ..errors import InvalidArgumentError
from .address import ServerAddress

if TYPE_CHECKING:
    from ..events import Event

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


@dataclass(frozen=True, slots=True)
class CliFlag:
    """How an option is given on the command line: ``value`` (``--flag V``, typed as the
    option), ``off`` (a switch that sets it False), ``on`` (a switch that sets it True) or
    ``pairs`` (repeatable ``NAME:VALUE``)."""

    flag: str
    help: str
    kind: Literal["value", "off", "on", "pairs"] = "value"
    metavar: str | None = None


def _meta(
    doc: str,
    *,
    keyword: bool = True,
    tunable: bool = False,
    accepts: object = None,
    cli: CliFlag | None = None,
    positive: bool = False,
) -> dict[str, Any]:
    """What the rest of the package derives from a field of :class:`ClientOptions`: ``doc``;
    ``keyword`` (a keyword of ``create_client``, typed in :class:`ClientKeywords`); ``tunable``
    (set through ``state_tracker_kwargs``); ``accepts`` (the keyword's type where it is wider
    than the field's); ``cli`` (a flag of the command line); ``positive`` (a bound: a number
    above 0, kept as the default's type)."""
    meta = {"doc": doc, "keyword": keyword, "tunable": tunable, "accepts": accepts, "cli": cli}
    return meta | {"positive": positive}


@dataclass(slots=True)
class ClientOptions:
    """Everything ``create_client`` / ``create_async_client`` accept, validated once.

    This is the one declaration of the client's options: their defaults, docs, which are
    keywords (:class:`ClientKeywords` types them; a test keeps the two equal) and which are
    command-line flags."""

    address: ServerAddress = field(metadata=_meta("The server's address.", keyword=False))
    headers: dict[str, str] = field(
        default_factory=dict,
        repr=False,
        metadata=_meta(
            "Extra headers for every HTTP request and the WebSocket handshake (e.g. auth at a proxy).",
            accepts=Mapping[str, str],
            cli=CliFlag(
                "--header",
                "an extra HTTP header (auth at a proxy); repeatable; never printed",
                "pairs",
                "NAME:VALUE",
            ),
        ),
    )
    http_timeout: float | None = field(
        default=DEFAULT_HTTP_TIMEOUT,
        metadata=_meta(
            "Seconds for connecting, reading, writing and pool waits of every HTTP request.",
            keyword=False,
            cli=CliFlag(
                "--http-timeout",
                f"timeout of each HTTP request (default {DEFAULT_HTTP_TIMEOUT:g} s)",
            ),
        ),
    )
    verify: bool | str = field(
        default=True,
        metadata=_meta(
            "TLS verification: True, False, or a CA bundle path.",
            cli=CliFlag("--insecure", "do not verify TLS certificates", "off"),
        ),
    )
    start_state_tracker: TrackerMode | None = field(
        default="websocket",
        metadata=_meta("``websocket``, ``http`` (polling) or None (no futures).", keyword=False),
    )
    client_id: str = field(
        default_factory=lambda: uuid.uuid4().hex,
        metadata=_meta("The WebSocket ``clientId`` (default: a new random id)."),
    )
    on_event: Callable[[Event], None] | None = field(
        default=None,
        metadata=_meta(
            "Called with a typed event for every server message (from the tracker's thread/task)."
        ),
    )
    strict: bool = field(
        default=False,
        metadata=_meta(
            "Treat partial acceptance (a 200 with ``node_errors``) as ``PromptValidationError``."
        ),
    )
    download_outputs: bool = field(
        default=True, metadata=_meta("Download output files into ``PromptResult.files[i].data``.")
    )
    validate: bool = field(
        default=True,
        metadata=_meta("Check workflows against the server's node definitions before sending."),
    )
    allow_placeholders: bool = field(
        default=False,
        metadata=_meta(
            "Send ``{{name}}`` placeholders left unfilled as text. By default a workflow that "
            "still has some is refused with ``WorkflowError`` before anything is sent.",
            cli=CliFlag(
                "--allow-placeholders", "send unfilled {{NAME}} placeholders as text", "on"
            ),
        ),
    )
    fetch_history: bool = field(
        default=True,
        metadata=_meta(
            "Read every finished prompt's ``/history`` entry. With False, a run the WebSocket "
            "reported from start to end completes from those messages alone, one HTTP request "
            "fewer per prompt; its ``result.history`` is None."
        ),
    )
    poll_interval: float = field(
        default=0.5,
        metadata=_meta(
            "Seconds between two polls of the HTTP tracker.", keyword=False, tunable=True
        ),
    )
    watchdog_interval: float = field(
        default=30.0,
        metadata=_meta(
            "Seconds without any WebSocket traffic before the watchdog checks the server.",
            keyword=False,
            tunable=True,
        ),
    )
    reconnect_delays: tuple[float, ...] = field(
        default=(0.1, 0.5, 1.0, 2.0, 5.0),
        metadata=_meta(
            "Seconds before each WebSocket reconnect attempt.", keyword=False, tunable=True
        ),
    )
    ws_connect_timeout: float = field(
        default=10.0,
        metadata=_meta("Seconds the WebSocket handshake may take.", keyword=False, tunable=True),
    )
    ws_max_size: int = field(
        default=WS_MAX_SIZE,
        metadata=_meta(
            "The largest WebSocket frame (message) taken, in bytes; a larger one is dropped with "
            "its socket (logged; the tracker reconnects). Real previews and SaveImageWebsocket PNGs "
            "are a few MB.",
            keyword=False,
            tunable=True,
        ),
    )
    httpx_args: dict[str, object] = field(
        default_factory=dict,
        repr=False,
        metadata=_meta(
            "Extra keyword arguments for the ``httpx`` client (e.g. ``transport``, ``proxy``).",
            accepts=Mapping[str, object],
        ),
    )
    http_client: httpx.Client | httpx.AsyncClient | None = field(
        default=None,
        repr=False,
        metadata=_meta(
            "An httpx client to send with instead of the client's own (``httpx.AsyncClient`` for "
            "the asyncio client); its owner closes it.",
            keyword=False,
        ),
    )
    api: ApiMode = field(
        default="native",
        metadata=_meta(
            "``native`` (ComfyUI's API), ``v2`` (Comfy API v2: Comfy Cloud, comfy-api-proxy) or "
            "``auto`` (v2 when the server answers ``/api/v2/health``)."
        ),
    )
    has_api_key: bool = field(
        default=False,
        metadata=_meta(
            "Whether an API key (or bearer token) is sent; the key itself is only in ``headers``.",
            keyword=False,
        ),
    )
    node_definitions: dict[str, object] | None = field(
        default=None,
        repr=False,
        metadata=_meta(
            "Node definitions (``/object_info`` as a dict, or a path to its JSON) for converting "
            "UI-format workflows and validating, where the server does not publish them (v2).",
            accepts=Mapping[str, object] | str | os.PathLike[str],
        ),
    )
    http_deadline: float = field(
        default=DEFAULT_HTTP_DEADLINE,
        metadata=_meta(
            "Seconds one HTTP request may take in all, answer included (``http_timeout`` bounds "
            "each connect/read/write). Past it: ``ComfyTimeoutError``.",
            cli=CliFlag(
                "--http-deadline",
                f"seconds one HTTP request may take in all (default {DEFAULT_HTTP_DEADLINE:g} s)",
            ),
            positive=True,
        ),
    )
    output_memory_limit: int = field(
        default=DEFAULT_OUTPUT_MEMORY_LIMIT,
        metadata=_meta(
            "Bytes of an output file kept in ``OutputFile.data``; larger outputs go to a temporary "
            "file (``OutputFile.local_path``).",
            positive=True,
        ),
    )
    response_size_limit: int = field(
        default=DEFAULT_RESPONSE_SIZE_LIMIT,
        metadata=_meta(
            "Bytes of one API answer read into memory; larger: ``ResponseTooLargeError``.",
            positive=True,
        ),
    )

    @classmethod
    def build(
        cls,
        address: str | ServerAddress | None = None,
        http_timeout: float | None = DEFAULT_HTTP_TIMEOUT,
        start_state_tracker: TrackerMode | None = "websocket",
        state_tracker_kwargs: Mapping[str, object] | None = None,
        **options: Unpack[ClientKeywords],
    ) -> ClientOptions:
        """Validate the user's arguments (see :class:`ClientKeywords` for the keywords)."""

        given: dict[str, Any] = check_keywords(options)
        addr = address if isinstance(address, ServerAddress) else ServerAddress.parse(address)
        if start_state_tracker not in ("websocket", "http", None):
            raise InvalidArgumentError(
                "start_state_tracker",
                start_state_tracker,
                "unknown state tracker; use 'websocket', 'http' or None",
            )
        all_headers = dict(given.pop("headers", {}))
        if addr.credentials and not any(k.lower() == "authorization" for k in all_headers):
            token = base64.b64encode(":".join(addr.credentials).encode()).decode()
            all_headers["Authorization"] = f"Basic {token}"
        api_key = given.pop("api_key", None)
        if api_key is None and given.get("api") == "v2":
            api_key = os.environ.get("COMFY_API_KEY") or None
        if api_key is not None:
            if not api_key.strip():
                raise InvalidArgumentError(
                    "api_key", "<hidden>", "an API key is a non-empty string"
                )
            if any(k.lower() == "authorization" for k in all_headers):
                raise InvalidArgumentError(
                    "api_key", "<hidden>", "give an API key or an Authorization header, not both"
                )
            all_headers["Authorization"] = f"Bearer {api_key.strip()}"
        if "httpx_args" in given:
            given["httpx_args"] = dict(given["httpx_args"])
        for name in POSITIVE & given.keys():
            given[name] = type(_DEFAULTS[name])(given[name])
        if "node_definitions" in given:
            given["node_definitions"] = _definitions(given["node_definitions"])
        opts = cls(
            address=addr,
            headers=all_headers,
            http_timeout=http_timeout,
            start_state_tracker=start_state_tracker,
            has_api_key=api_key is not None,
            **given,
        )
        for key, value in (state_tracker_kwargs or {}).items():
            if key == "update_interval":  # the seed's name for the HTTP tracker's interval
                key = "poll_interval"
            if key not in TUNABLE:
                raise TypeError(f"unknown state tracker option {key!r}; known: {sorted(TUNABLE)}")
            setattr(opts, key, value)
        return opts

    def httpx_timeout(self) -> httpx.Timeout:
        """The timeout for HTTP requests (``None`` means wait forever, which we never default to)."""
        return httpx.Timeout(self.http_timeout)


class _Keywords(TypedDict, total=False):
    """The keywords a client and a pool's clients share (a pool's ``on_event`` is its own)."""

    headers: Mapping[str, str]
    verify: bool | str
    client_id: str
    strict: bool
    download_outputs: bool
    validate: bool
    allow_placeholders: bool
    fetch_history: bool
    httpx_args: Mapping[str, object]
    api: ApiMode
    #: Sent as ``Authorization: Bearer <key>`` to the server (never to another host). With
    #: ``api="v2"`` it defaults to ``$COMFY_API_KEY``. (Not kept: ``has_api_key`` says it was.)
    api_key: str
    node_definitions: Mapping[str, object] | str | os.PathLike[str]
    http_deadline: float
    output_memory_limit: int
    response_size_limit: int


class ClientKeywords(_Keywords, total=False):
    """Keyword options of ``create_client`` / ``create_async_client``, typed for checkers;
    each is documented on the :class:`ClientOptions` field of its name (``api_key`` below)."""

    on_event: Callable[[Event], None]


class PoolClientKeywords(_Keywords, total=False):
    """What ``create_pool`` / ``create_async_pool`` pass to each server's client: the
    :class:`ClientKeywords` (but ``on_event``: the pool's own reports every server's events)
    and ``create_client``'s other arguments, by name."""

    http_timeout: float | None
    start_state_tracker: TrackerMode | None
    state_tracker_kwargs: Mapping[str, object]


#: The options set through ``state_tracker_kwargs``.
TUNABLE = frozenset(f.name for f in fields(ClientOptions) if f.metadata["tunable"])
#: The bounds (deadlines, sizes): positive numbers.
POSITIVE = frozenset(f.name for f in fields(ClientOptions) if f.metadata["positive"])
_DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(ClientOptions)}


def keyword_types() -> dict[str, Any]:
    """Each keyword of :class:`ClientKeywords` and :class:`PoolClientKeywords` and its type,
    resolved at first use (it needs :mod:`.events`)."""
    global _KEYWORD_TYPES
    if _KEYWORD_TYPES is None:
        from ..events import Event

        found = get_type_hints(PoolClientKeywords)
        _KEYWORD_TYPES = found | get_type_hints(ClientKeywords, localns={"Event": Event})
    return _KEYWORD_TYPES


_KEYWORD_TYPES: dict[str, Any] | None = None
#: Keywords whose None means "the default" (they took None before they were typed).
_NONE_IS_DEFAULT = frozenset(
    {"headers", "client_id", "on_event", "httpx_args", "api_key", "node_definitions"}
)


def check_keywords(options: Mapping[str, object], pool: bool = False) -> dict[str, object]:
    """The keywords given, minus those None stands for the default of; an unknown one, or one
    of the wrong type, raises ``InvalidArgumentError`` naming it (before anything connects)."""
    types = keyword_types()
    known = (PoolClientKeywords if pool else ClientKeywords).__optional_keys__
    kept: dict[str, object] = {}
    for name, value in options.items():
        if name not in known:
            raise InvalidArgumentError(
                name, value, f"unknown option; known: {', '.join(sorted(known))}"
            )
        if value is None and name in _NONE_IS_DEFAULT:
            continue
        if not conforms(value, types[name]):
            shown = "<hidden>" if name == "api_key" else value
            raise InvalidArgumentError(name, shown, f"expected {_type_name(types[name])}")
        kept[name] = value
    for name in POSITIVE & kept.keys():
        _positive(name, kept[name])
    return kept


def client_only(keywords: abc.Iterable[str], call: str, accepted: abc.Iterable[str]) -> None:
    """Raise ``TypeError`` naming ``create_client`` for a keyword given to one ``call`` that
    is an option of the whole client (``run(wf, download_outputs=False)``), not of ``call``."""
    misplaced = sorted(set(keywords) & ClientKeywords.__optional_keys__ - set(accepted))
    if misplaced:
        name = misplaced[0]
        raise TypeError(
            f"{call}() got an unexpected keyword argument {name!r}: it is an option of the "
            f"client, not of one call; give it to create_client(..., {name}=...)"
        )


def conforms(value: object, kind: Any) -> bool:
    """Whether ``value`` is of the type ``kind`` (the few forms option types use)."""
    origin = get_origin(kind)
    args = get_args(kind)
    if kind is Any or kind is object:
        return True
    if kind is None or kind is type(None):
        return value is None
    if origin in (Union, types.UnionType):
        return any(conforms(value, arg) for arg in args)
    if origin is Literal:
        return value in args
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin is abc.Callable:
        return callable(value)
    if origin is abc.Mapping:
        return isinstance(value, abc.Mapping) and all(
            conforms(k, args[0]) and conforms(v, args[1]) for k, v in value.items()
        )
    if origin is tuple:
        return isinstance(value, tuple) and all(conforms(v, args[0]) for v in value)
    return isinstance(value, origin or kind)


def _type_name(kind: Any) -> str:
    """The type as a user reads it: ``float``, ``bool | str``, ``one of 'native', 'v2'``."""
    if get_origin(kind) is Literal:
        return "one of " + ", ".join(repr(arg) for arg in get_args(kind))
    if isinstance(kind, type):
        return kind.__name__
    return str(kind).replace("typing.", "").replace("collections.abc.", "")


ClientKeywords.__doc__ = (ClientKeywords.__doc__ or "") + "".join(
    f"\n\n``{f.name}``: {f.metadata['doc']}" for f in fields(ClientOptions) if f.metadata["keyword"]
)


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
