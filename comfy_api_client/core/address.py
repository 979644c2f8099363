"""Server addresses: ``host:port``, ``http(s)://host:port[/base]``, and the derived WebSocket URL."""

from __future__ import annotations

import errno
import os
import re
import socket
import ssl
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit, urlunsplit

from ..errors import ComfyConnectionError, InvalidArgumentError

DEFAULT_ADDRESS = "127.0.0.1:8188"
ENV_VAR = "COMFYUI_URL"
#: What the command line's ``--server`` (or ``$COMFYUI_URL``) takes for its built-in test double.
EMBEDDED = "embedded"
#: A scheme missing its colon or a slash (``http//``, ``https:/``, ``ws:``).
_MANGLED_SCHEME = re.compile(r"(?i)(https?|wss?)(//|:/(?!/)|:(?=[^/\d]))")


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """Where a ComfyUI server lives.

    ``base_url`` is the HTTP base every route is relative to (``http://host:8188`` or, behind a
    proxy or with ComfyUI's ``/api`` alias, ``https://host/comfy/api``); ``ws_url`` is the
    matching WebSocket endpoint (``ws://`` for ``http://``, ``wss://`` for ``https://``).
    """

    scheme: str
    netloc: str
    path: str = ""
    #: ``(user, password)`` given in the URL (``http://user:pw@host``); sent as Basic auth, never shown.
    credentials: tuple[str, str] | None = field(default=None, repr=False, compare=False)
    #: The HTTP base URL, without a trailing slash (built once: every request names it).
    base_url: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "base_url", urlunsplit((self.scheme, self.netloc, self.path, "", ""))
        )

    @classmethod
    def parse(cls, address: str | None = None) -> ServerAddress:
        """Parse ``address``; ``None`` means ``$COMFYUI_URL`` or ``127.0.0.1:8188``.

        A malformed address (a misspelt scheme, no host, a bad port) raises
        ``InvalidArgumentError`` (a ``ComfyError`` and a ``ValueError``) naming it.
        """
        argument = "comfy_url"
        if address is None:
            address = os.environ.get(ENV_VAR) or DEFAULT_ADDRESS
            argument = f"${ENV_VAR}" if os.environ.get(ENV_VAR) else argument
        if isinstance(address, ServerAddress):
            return address
        if not isinstance(address, str):
            raise InvalidArgumentError(argument, address, "expected a str such as 'host:8188'")
        text = address.strip()
        shown = without_credentials(address)  # what errors repeat: never the password
        if not text:
            raise InvalidArgumentError(argument, shown, "empty ComfyUI server address")
        if text.lower() == EMBEDDED:
            raise InvalidArgumentError(
                argument,
                shown,
                "'embedded' names the command line's built-in test double, not a server; in "
                "Python, start comfy_api_client.testing.ComfyTestServer and pass its .url",
            )
        mangled = _MANGLED_SCHEME.match(text)
        if mangled:  # ``http//host``, ``http:/host``: the host would be "http"
            fixed = f"{mangled[1].lower()}://{text[mangled.end() :]}"
            raise InvalidArgumentError(
                argument, shown, f"malformed scheme {mangled[0]!r}: did you mean {fixed!r}?"
            )
        if "://" not in text:
            text = "http://" + text
        parts = urlsplit(text)
        scheme = {"ws": "http", "wss": "https"}.get(parts.scheme.lower(), parts.scheme.lower())
        if scheme not in ("http", "https"):
            raise InvalidArgumentError(
                argument,
                shown,
                f"unsupported scheme {parts.scheme!r}; use http://, https:// or host:port",
            )
        if not parts.hostname:
            raise InvalidArgumentError(argument, shown, "no host in the address")
        try:
            parts.port  # noqa: B018 - raises for a port that is not a number in range
        except ValueError as exc:
            raise InvalidArgumentError(argument, shown, f"bad port ({exc})") from None
        path = parts.path.rstrip("/")
        if path.endswith("/ws"):  # a WebSocket URL was given: keep its base
            path = path[: -len("/ws")]
        credentials = None
        if parts.username is not None:
            credentials = (unquote(parts.username), unquote(parts.password or ""))
        netloc = parts.netloc.rsplit("@", 1)[-1]
        return cls(scheme=scheme, netloc=netloc, path=path, credentials=credentials)

    @property
    def ws_url(self) -> str:
        """The WebSocket endpoint (``/ws`` below the base; ComfyUI serves it under ``/api`` too)."""
        scheme = "wss" if self.scheme == "https" else "ws"
        return urlunsplit((scheme, self.netloc, self.path + "/ws", "", ""))

    @property
    def has_api_prefix(self) -> bool:
        """True when the base already ends in ComfyUI's ``/api`` alias."""
        return self.path.endswith("/api")

    def request_path(self, path: str) -> str:
        """The path of a request, ``path`` being the base's path plus a route: a route that
        exists only under ComfyUI's ``/api`` (``/api/jobs``, ``/api/assets``) is not
        prefixed twice when the base ends in ``/api`` already (a proxy forwarding only
        ``/api``): ``/comfy/api/api/jobs`` is ``/comfy/api/jobs``."""
        doubled = self.path + "/api/"
        if self.has_api_prefix and path.startswith(doubled):
            return self.path + path[len(doubled) - 1 :]
        return path

    def __str__(self) -> str:
        return self.base_url


_DEFAULT_PORTS = {"http": 80, "ws": 80, "https": 443, "wss": 443}


def same_origin(a: str, b: str) -> bool:
    """Whether URLs ``a`` and ``b`` share scheme (``ws`` counting as ``http``), host and port."""

    def origin(url: str) -> tuple[str, str, int | None]:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        try:
            port = parts.port or _DEFAULT_PORTS.get(scheme)
        except ValueError:
            port = None
        return {"ws": "http", "wss": "https"}.get(scheme, scheme), (parts.hostname or ""), port

    return origin(a) == origin(b)


def keeps_headers(origin_url: str, target: str) -> bool:
    """Whether a request to ``target``, redirected from ``origin_url``, may carry the headers
    the user configured: same origin, or the same host moving from ``http`` to ``https`` on
    the default ports (httpx's rule for ``Authorization``)."""
    if same_origin(origin_url, target):
        return True
    a, b = urlsplit(origin_url), urlsplit(target)
    upgrade = a.scheme.lower() in ("http", "ws") and b.scheme.lower() in ("https", "wss")
    try:
        default_ports = a.port in (None, 80) and b.port in (None, 443)
    except ValueError:
        return False
    return upgrade and default_ports and a.hostname == b.hostname


def without_credentials(address: str) -> str:
    """``address`` as given, minus any ``user:password@`` (with or without a scheme) and any
    query string or fragment (where tokens travel)."""
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "", address
    rest = rest.split("#", 1)[0].split("?", 1)[0]
    authority, slash, tail = rest.partition("/")
    authority = authority.rsplit("@", 1)[-1]
    return f"{scheme}{sep}{authority}{slash}{tail}"


def unreachable(error: BaseException, address: ServerAddress) -> ComfyConnectionError | None:
    """The error for a first contact that cannot succeed however often it is tried, told
    alike for the WebSocket and HTTP requests: nothing listening, an unknown host, a TLS
    handshake with a server that does not speak TLS or a certificate that does not verify.
    None: the failure may be passing (a timeout, a reset)."""
    cause = _os_cause(error)
    refused = isinstance(cause, ConnectionRefusedError) or (
        isinstance(cause, OSError)
        and (cause.errno == errno.ECONNREFUSED or str(cause).startswith("Multiple exceptions"))
    )
    if refused:
        what = "nothing is listening"
    elif isinstance(cause, socket.gaierror):
        what = "unknown host"
    elif isinstance(cause, ssl.SSLCertVerificationError):
        what = "its TLS certificate does not verify (the verify option takes a CA bundle)"
    elif isinstance(cause, ssl.SSLError) and getattr(cause, "reason", None) in _NOT_TLS:
        what = "the server does not speak TLS on this port (use http:// instead of https://)"
    else:
        return None
    return ComfyConnectionError(f"cannot reach ComfyUI at {address.base_url}: {what} ({cause})")


#: OpenSSL's reasons for a handshake answered by a server that does not speak TLS.
_NOT_TLS = frozenset({"WRONG_VERSION_NUMBER", "HTTP_REQUEST", "PACKET_LENGTH_TOO_LONG"})


def _os_cause(error: BaseException) -> BaseException:
    """The OS or TLS error behind ``error``: websocket-client wraps the resolver's error in
    its own exception (as its first argument), httpx and others chain it."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError):
            return current
        inner = current.args[0] if current.args else None
        current = (
            inner
            if isinstance(inner, BaseException)
            else (current.__cause__ or current.__context__)
        )
    return error
