"""comfy-api-client: a typed client for the ComfyUI server API.

>>> from comfy_api_client import create_client
>>> with create_client("localhost:8188") as client:          # blocking, thread-based tracker
...     result = client.run(workflow, timeout=120)

>>> async with create_async_client("localhost:8188") as client:  # asyncio, task-based tracker
...     prompt = await client.submit_workflow(workflow)
...     result = await prompt.future
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Unpack

from . import errors
from .core.options import DEFAULT_HTTP_TIMEOUT
from .errors import (
    AuthenticationError,
    ClientClosedError,
    ComfyConnectionError,
    ComfyError,
    ComfyHTTPError,
    ComfyTimeoutError,
    ConversionError,
    ExecutionError,
    ExecutionInterrupted,
    InvalidArgumentError,
    NoEligibleServerError,
    NoServerAvailableError,
    NotAvailableError,
    OutputNotDownloadedError,
    OutputPathError,
    PaymentRequiredError,
    PermissionDeniedError,
    PromptCancelledError,
    PromptLostError,
    PromptNotFinishedError,
    PromptUnconfirmedError,
    PromptValidationError,
    RateLimitedError,
    ResponseTooLargeError,
    RouteNotAvailableError,
    UnreadableResponseError,
    WorkflowError,
)

if TYPE_CHECKING:
    from ._async.client import AsyncComfyClient
    from ._async.pool import AsyncComfyPool
    from ._async.pool_prompt import AsyncPoolPrompt
    from ._async.prompt import AsyncPrompt
    from ._sync.client import ComfyClient
    from ._sync.pool import ComfyPool
    from ._sync.pool_prompt import PoolPrompt
    from ._sync.prompt import Prompt
    from .compat import utils
    from .compat.api_client import ComfyAPIClient
    from .core.address import ServerAddress
    from .core.job_status import JobStatus
    from .core.options import ClientKeywords, ClientOptions, PoolClientKeywords, TrackerMode
    from .core.pool_core import (
        PoolCallback,
        PoolEvent,
        PoolOptions,
        PoolResult,
        PromptMovedEvent,
        ServerEvent,
        ServerHealth,
        ServerStateEvent,
        ServerStatus,
    )
    from .core.queue_state import QueueEntry, QueueState
    from .core.results import OutputFile, OutputImage, PromptResult
    from .core.server_info import ServerInfo
    from .core.tracker_core import Progress, PromptStatus, ServerState
    from .events import Event
    from .workflows.convert import ui_to_api
    from .workflows.graph import Graph
    from .workflows.validation import is_ui_format
    from .workflows.workflow import Workflow

#: Where each name not imported above lives: loaded on first use (PEP 562), so that a
#: program pays only for the parts it uses (a sync script never loads asyncio's client or
#: the pools).
_LAZY: dict[str, str] = {
    "AsyncComfyClient": "._async.client",
    "AsyncComfyPool": "._async.pool",
    "AsyncPoolPrompt": "._async.pool_prompt",
    "AsyncPrompt": "._async.prompt",
    "ComfyClient": "._sync.client",
    "ComfyPool": "._sync.pool",
    "PoolPrompt": "._sync.pool_prompt",
    "Prompt": "._sync.prompt",
    "ServerAddress": ".core.address",
    "ComfyAPIClient": ".compat.api_client",
    "ui_to_api": ".workflows.convert",
    "Event": ".events",
    "is_ui_format": ".workflows.validation",
    "JobStatus": ".core.job_status",
    "ClientKeywords": ".core.options",
    "ClientOptions": ".core.options",
    "PoolClientKeywords": ".core.options",
    "TrackerMode": ".core.options",
    "PoolCallback": ".core.pool_core",
    "PoolEvent": ".core.pool_core",
    "PoolOptions": ".core.pool_core",
    "PoolResult": ".core.pool_core",
    "PromptMovedEvent": ".core.pool_core",
    "ServerEvent": ".core.pool_core",
    "ServerHealth": ".core.pool_core",
    "ServerStateEvent": ".core.pool_core",
    "ServerStatus": ".core.pool_core",
    "Progress": ".core.tracker_core",
    "PromptStatus": ".core.tracker_core",
    "ServerState": ".core.tracker_core",
    "QueueEntry": ".core.queue_state",
    "QueueState": ".core.queue_state",
    "OutputFile": ".core.results",
    "OutputImage": ".core.results",
    "PromptResult": ".core.results",
    "ServerInfo": ".core.server_info",
    "PromptResponse": "._async.prompt",
    "ImageItem": ".core.results",
    "Workflow": ".workflows.workflow",
    "Graph": ".workflows.graph",
}

#: The installed version (kept equal to ``pyproject.toml``'s by a test).
__version__ = "0.2.0"

# A library logs and lets the application decide where it goes: without this, Python's
# last-resort handler would print our warnings to stderr when no logging is configured.
logging.getLogger("comfy_api_client").addHandler(logging.NullHandler())


#: Names of the first release, kept working (``comfy_api_client.compat.first_release`` has the rest).
_RENAMED = {"PromptResponse": "AsyncPrompt", "ImageItem": "OutputImage"}


def __getattr__(name: str) -> Any:
    """The public names of :data:`_LAZY` and the ``utils`` module, imported on first use."""
    if name == "utils":
        return importlib.import_module(".compat.utils", __name__)
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(where, __name__), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


#: Names of the first release, kept working (``comfy_api_client.compat.first_release`` has the rest).
ComfyExecutionError = ExecutionError


def create_client(
    comfy_url: str | ServerAddress | None = None,
    http_timeout: float | None = DEFAULT_HTTP_TIMEOUT,
    start_state_tracker: TrackerMode | None = "websocket",
    state_tracker_kwargs: Mapping[str, Any] | None = None,
    **options: Unpack[ClientKeywords],
) -> ComfyClient:
    """A blocking ComfyUI client; use it as ``with create_client(...) as client``.

    ``async with create_client(...)`` gives the asyncio client instead (as in the first
    release). ``comfy_url`` is ``host:port`` or ``http(s)://host:port[/base]`` (default
    ``$COMFYUI_URL`` or ``127.0.0.1:8188``). ``start_state_tracker``: ``"websocket"``
    (default), ``"http"`` (polling) or None (no futures; use ``fetch_results``).
    ``http_timeout`` bounds every HTTP request (seconds). The keyword options are typed by
    :class:`ClientKeywords` and documented on :class:`ClientOptions`' fields (``headers``,
    ``verify``, ``on_event``, ``validate``, ``http_deadline``, ...); an unknown one, or one of
    the wrong type, raises ``InvalidArgumentError`` naming it.
    """
    from ._sync.client import ComfyClient
    from .core.options import ClientOptions

    return ComfyClient(
        ClientOptions.build(
            comfy_url, http_timeout, start_state_tracker, state_tracker_kwargs, **options
        )
    )


def create_async_client(
    comfy_url: str | ServerAddress | None = None,
    http_timeout: float | None = DEFAULT_HTTP_TIMEOUT,
    start_state_tracker: TrackerMode | None = "websocket",
    state_tracker_kwargs: Mapping[str, Any] | None = None,
    **options: Unpack[ClientKeywords],
) -> AsyncComfyClient:
    """An asyncio ComfyUI client; use it as ``async with create_async_client(...) as client``.

    Takes the same arguments as :func:`create_client`.
    """
    from ._async.client import AsyncComfyClient
    from .core.options import ClientOptions

    return AsyncComfyClient(
        ClientOptions.build(
            comfy_url, http_timeout, start_state_tracker, state_tracker_kwargs, **options
        )
    )


def create_pool(
    servers: Sequence[str | ServerAddress],
    *,
    weights: Mapping[str, float] | None = None,
    on_event: PoolCallback | None = None,
    max_attempts: int = 3,
    failover_after: float = 10.0,
    probe_interval: float = 1.0,
    probe_timeout: float = 5.0,
    **client_options: Unpack[PoolClientKeywords],
) -> ComfyPool:
    """A blocking pool of ComfyUI servers; use it as ``with create_pool([...]) as pool``.

    ``servers``: addresses as for :func:`create_client` (each becomes the server's name in
    ``prompt.server``, ``result.server``, events and ``pool.servers``; credentials left out).
    ``weights``: server name -> relative capacity (default 1). ``on_event``: every
    :data:`PoolEvent` (each server's messages as ``ServerEvent``, ``ServerStateEvent``,
    ``PromptMovedEvent``). ``max_attempts``: posts of one prompt under its id, at most.
    ``failover_after``: seconds a server stays unreachable before its prompts move.
    ``probe_interval``/``probe_timeout``: how servers that look down are checked.
    Every other keyword (:class:`PoolClientKeywords`: ``http_timeout``, ``headers``,
    ``validate``, ...) goes to each server's client, as :func:`create_client` takes it.
    """
    from ._sync.pool import ComfyPool

    args = _pool_args(max_attempts, failover_after, probe_interval, probe_timeout, client_options)
    return ComfyPool(servers, args[0], weights=weights, on_event=on_event, options=args[1])


def create_async_pool(
    servers: Sequence[str | ServerAddress],
    *,
    weights: Mapping[str, float] | None = None,
    on_event: PoolCallback | None = None,
    max_attempts: int = 3,
    failover_after: float = 10.0,
    probe_interval: float = 1.0,
    probe_timeout: float = 5.0,
    **client_options: Unpack[PoolClientKeywords],
) -> AsyncComfyPool:
    """An asyncio pool of ComfyUI servers; use it as ``async with create_async_pool([...])``.

    Takes the same arguments as :func:`create_pool`.
    """
    from ._async.pool import AsyncComfyPool

    args = _pool_args(max_attempts, failover_after, probe_interval, probe_timeout, client_options)
    return AsyncComfyPool(servers, args[0], weights=weights, on_event=on_event, options=args[1])


def _pool_args(
    max_attempts: int,
    failover_after: float,
    probe_interval: float,
    probe_timeout: float,
    client_options: Mapping[str, object],
) -> tuple[dict[str, object], PoolOptions]:
    """The pool's options and its clients' keywords, checked before anything connects."""
    from .core.options import check_keywords
    from .core.pool_core import PoolOptions

    checked = check_keywords(client_options, pool=True)
    return checked, PoolOptions(max_attempts, failover_after, probe_interval, probe_timeout)


__all__ = [
    "AsyncComfyClient",
    "AsyncComfyPool",
    "AsyncPoolPrompt",
    "AsyncPrompt",
    "AuthenticationError",
    "ClientClosedError",
    "ClientKeywords",
    "ClientOptions",
    "ComfyAPIClient",
    "ComfyClient",
    "ComfyConnectionError",
    "ComfyError",
    "ComfyExecutionError",
    "ComfyHTTPError",
    "ComfyPool",
    "ComfyTimeoutError",
    "ConversionError",
    "Event",
    "ExecutionError",
    "ExecutionInterrupted",
    "Graph",
    "ImageItem",
    "InvalidArgumentError",
    "JobStatus",
    "NoEligibleServerError",
    "NoServerAvailableError",
    "NotAvailableError",
    "OutputFile",
    "OutputImage",
    "OutputNotDownloadedError",
    "OutputPathError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "PoolCallback",
    "PoolClientKeywords",
    "PoolEvent",
    "PoolOptions",
    "PoolPrompt",
    "PoolResult",
    "Progress",
    "Prompt",
    "PromptCancelledError",
    "PromptLostError",
    "PromptMovedEvent",
    "PromptNotFinishedError",
    "PromptResponse",
    "PromptResult",
    "PromptStatus",
    "PromptUnconfirmedError",
    "PromptValidationError",
    "QueueEntry",
    "QueueState",
    "RateLimitedError",
    "ResponseTooLargeError",
    "RouteNotAvailableError",
    "ServerAddress",
    "ServerEvent",
    "ServerHealth",
    "ServerInfo",
    "ServerState",
    "ServerStateEvent",
    "ServerStatus",
    "UnreadableResponseError",
    "Workflow",
    "WorkflowError",
    "__version__",
    "create_async_client",
    "create_async_pool",
    "create_client",
    "create_pool",
    "errors",
    "is_ui_format",
    "ui_to_api",
    "utils",
]
