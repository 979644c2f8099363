"""The I/O-free helpers of the tracker shell (``_async/tracker.py``) and the requesters:
completing futures, how long to wait between attempts and before reconnecting, what a failed
WebSocket means."""

from __future__ import annotations

import concurrent.futures
import logging
import sys
from collections.abc import Iterable
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from ..errors import (
    ClientClosedError,
    ComfyConnectionError,
    ComfyError,
    ComfyHTTPError,
    PromptCancelledError,
)
from .address import unreachable
from .options import ClientOptions
from .results import OutputFile
from .tracker_core import Effect, Finish, ServerState

logger = logging.getLogger("comfy_api_client")


class ResultFuture(Protocol):
    """What both ``asyncio.Future`` and ``concurrent.futures.Future`` offer."""

    def done(self) -> bool: ...
    def cancel(self) -> bool: ...
    def set_result(self, result: Any, /) -> None: ...
    def set_exception(self, exception: BaseException, /) -> None: ...
    def exception(self) -> BaseException | None: ...


class ShellCore(Protocol):
    """What the tracker shell asks of a core (the native ``TrackerCore``, v2's ``JobCore``)."""

    def get(self, key: str, /) -> Any: ...
    def track(self, key: str, prompt: dict[str, Any] | None, on_event: Any, /) -> Any: ...
    def submit_failed(self, key: str, /) -> None: ...
    def server_state(self) -> ServerState: ...
    def close(self, error: BaseException, /) -> list[Effect]: ...


FileKey = tuple[str, str, str]


def file_key(file: OutputFile) -> FileKey:
    """What identifies an output file on the server: ``/view`` coordinates."""
    return (file.filename, file.subfolder, file.type)


def prefetchable(files: Iterable[OutputFile]) -> list[OutputFile]:
    """The files ``/view`` can serve (not images that came over the WebSocket)."""
    return [f for f in files if f.type != "websocket"]


def settle(future: ResultFuture | None, effect: Finish, result: Any, error: Any) -> None:
    """Complete a prompt's future as the core's :class:`Finish` says."""
    if future is None or future.done():
        return
    if effect.cancelled or _is_cancellation(error):
        _fail(future, PromptCancelledError(effect.prompt_id))
    elif error is None:
        future.set_result(result)
    else:
        _fail(future, error)


def _fail(future: ResultFuture, error: BaseException) -> None:
    """Fail ``future`` with ``error``, marked as seen: whoever awaits it still gets the error,
    but a prompt nobody waits for any more (a wait timed out, then the client closed) makes
    asyncio print no "Future exception was never retrieved"."""
    future.set_exception(error)
    future.exception()


def _is_cancellation(error: object) -> bool:
    if isinstance(error, concurrent.futures.CancelledError):
        return True
    # asyncio's own kind; a sync program never loads asyncio, so never meets one
    asyncio = sys.modules.get("asyncio")
    return asyncio is not None and isinstance(error, asyncio.CancelledError)


def fail_waiting(futures: Iterable[ResultFuture]) -> None:
    """Fail the futures still waiting when the client closes."""
    for future in futures:
        if not future.done():
            _fail(future, ClientClosedError("the client was closed before the prompt finished"))


#: How the sync reader's refusal of a frame over ``ws_max_size`` begins (close code 1009).
FRAME_TOO_BIG = "1009 (message too big)"


def lost_reason(error: BaseException, options: ClientOptions) -> str:
    """Why the socket was lost, for the log; a frame over ``ws_max_size`` (close code 1009,
    "message too big") says which setting refused it."""
    text = str(error)
    sent = getattr(error, "sent", None)  # websockets: the close frame this client sent
    if getattr(sent, "code", None) == 1009 or text.startswith(FRAME_TOO_BIG):
        text += f" (a frame over ws_max_size={options.ws_max_size} bytes was dropped)"
    return text


def redacted_url(url: str) -> str:
    """``url`` without credentials or query string, for logs and messages."""
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def first_connect_error(error: BaseException, options: ClientOptions) -> ComfyError | None:
    """The error to fail the client's opening with, when the first WebSocket attempt's
    ``error`` means retrying cannot help; None when it may be passing (a timeout).

    Nothing listening or an unknown host: ``ComfyConnectionError`` naming the address; so is
    a TLS handshake that cannot succeed (``https://`` to a plain HTTP port, a certificate
    that does not verify). The server answering the handshake with an HTTP status:
    ``ComfyHTTPError`` saying what the status means (a 404 at the root is a server that is
    not ComfyUI; below a path, the path may be wrong).
    """
    url = redacted_url(options.address.ws_url)
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None) or getattr(error, "status_code", None)
    if isinstance(status, int):
        return ComfyHTTPError(status, "GET", url, None, _handshake_hint(status, url, options))
    if isinstance(error.__cause__, ValueError) and not isinstance(error, OSError):
        # websockets: an answer that is no HTTP/1.1 response (``HTTP/1.0 404``): no ComfyUI
        url_hint = _handshake_hint(0, url, options)
        return ComfyConnectionError(f"{url_hint} ({error.__cause__})")
    return unreachable(error, options.address)


def _handshake_hint(status: int, url: str, options: ClientOptions) -> str:
    if status in (401, 403):
        return (
            f"the server refused the WebSocket {url} ({status}): check the headers or credentials"
        )
    path = options.address.path
    where = f"the server at {options.address.netloc} answered the WebSocket handshake at {url} " + (
        f"with {status}" if status else "with something that is not an HTTP/1.1 response"
    )
    if status not in (404, 200, 0):
        return where
    if path in ("", "/api"):  # ComfyUI serves /ws at both: neither can be the wrong path
        return f"{where}: it is not ComfyUI (is this the right host and port?)"
    return (
        f"{where}: the address's path {path!r} is probably wrong (ComfyUI serves /ws at its "
        "root, and under /api), or the server is not ComfyUI"
    )
