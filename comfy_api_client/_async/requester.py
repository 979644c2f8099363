"""The HTTP side of one client: sends calls, retries, downloads.

The client owns it and hands it to the tracker, so the tracker's requests (history, queue,
downloads) never go through the client. This file is the source of ``../_sync/requester.py``
(``scripts/unasync.py``).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import comfyui_openapi
import httpx

from ..calls import files as file_calls
from ..calls import native as calls
from ..calls.files import DownloadRequest
from ..calls.spill import OutputSink
from ..calls.transport import (
    BodyBuffer,
    Call,
    Deadline,
    borrowed,
    http_error,
    httpx_kwargs,
    may_have_arrived,
    preload_in_background,
    request_deadline,
    transport_errors,
)
from ..core.cancel import CancelStep, Dequeue, Interrupt
from ..core.locate import Location, Where, locate, post_answer
from ..core.options import ClientOptions
from ..core.results import OutputFile, PromptResult, result_from_history_body
from ..core.saving import open_new, replacing
from ..core.timing import RETRY_DELAYS, Retry
from ..core.tracker_core import Finish, TrackerCore
from ..errors import (
    ClientClosedError,
    ComfyConnectionError,
    ComfyError,
    ComfyHTTPError,
    ComfyTimeoutError,
)
from .backend import Closing, Gate, bounded, offload, sleep

logger = logging.getLogger("comfy_api_client")

T = TypeVar("T")
#: Where a download's chunks go (a file's or an :class:`OutputSink`'s ``write``).
Writable = Callable[[bytes], object]
#: Whether a failed attempt (error, 0-based attempt) is the last (``retrying``'s ``gives_up``).
GivesUp = Callable[[ComfyError, int], bool]
#: Bytes of an error answer to a download kept for the error's message.
ERROR_BODY_LIMIT = 1 << 16


class AsyncRequester:
    """Sends one client's requests over one httpx pool; retries with backoff until closed."""

    def __init__(self, options: ClientOptions) -> None:
        self.options = options
        self.address = options.address
        #: The generated client (``comfyui_openapi``) the calls are sent with.
        self.api = comfyui_openapi.Client(base_url=options.address.base_url)
        self._http: httpx.AsyncClient | None = None
        self._stopped = False
        self._closing = Closing()

    @property
    def is_open(self) -> bool:
        return self._http is not None

    def open(self) -> None:
        """Create the HTTP pool (inside the running loop, for the async client)."""
        if self._http is None:
            given = self.options.http_client
            if isinstance(given, httpx.AsyncClient):
                self._http = borrowed(given, self.options)
            else:
                self._http = httpx.AsyncClient(**httpx_kwargs(self.options))
            self.api.set_async_httpx_client(self._http)
            preload_in_background()

    def stop(self) -> None:
        """The client is closing: nothing is retried any more (retry loops end with None) and
        requests under way end with ``ClientClosedError``."""
        self._stopped = True
        self._closing.set()

    async def close(self) -> None:
        self.stop()
        if self._http is not None and self._http is not self.options.http_client:
            await self._http.aclose()

    async def call(self, call: Call[T]) -> T:
        """Send one generated-endpoint request and interpret its response (a large answer
        off the event loop), within ``http_deadline`` and ``response_size_limit``."""
        assert self._http is not None, "the client is not open"
        with closed_errors(self._closing, call), transport_errors(call, self.address):
            response = await send_bounded(self._http, call, self.options, self.api, self._closing)
            if call.large:
                return await offload(call.finish, response)
            return call.finish(response)

    async def retrying(
        self,
        call: Call[T],
        attempts: int | None = None,
        gives_up: Callable[[ComfyError, int], bool] | None = None,
        gate: Gate | None = None,
    ) -> T | None:
        """``call`` retried with backoff (at most ``attempts`` times, or until it succeeds or
        ``gives_up`` says an error is final); None once stopped. The last error is raised
        when attempts run out. Each attempt holds a place of ``gate``, if given; the waits
        between attempts hold none."""
        send = functools.partial(self.call, call)
        return await self._retry(call, send, attempts, gives_up, gate)

    async def _retry(
        self,
        call: Call[Any],
        send: Callable[[], Any],
        attempts: int | None,
        gives_up: Callable[[ComfyError, int], bool] | None,
        gate: Gate | None,
    ) -> Any:
        """``send()`` retried as :meth:`retrying` says; None once stopped."""
        if self._stopped:
            return None
        plan = Retry(attempts, gives_up=gives_up, stopped=self.is_stopped)
        try:
            return await retried(send, plan, f"{call.method} {call.path}", gate)
        except ComfyError:
            if self._stopped:
                return None
            raise

    def is_stopped(self) -> bool:
        """Whether the client is closing (nothing is tried again)."""
        return self._stopped

    # -- what the tracker asks for ----------------------------------------------------------

    async def history(
        self, prompt_id: str, gate: Gate | None = None, gives_up: GivesUp | None = None
    ) -> dict[str, Any] | None:
        """``/history/{id}`` for the tracker (the last error once ``gives_up``, by default
        ``TrackerCore.history_gives_up``, says so)."""
        call = calls.get_history_by_id(prompt_id)
        gives_up = gives_up or TrackerCore.history_gives_up
        return await self.retrying(call, gives_up=gives_up, gate=gate)

    async def queue_body(self, gives_up: GivesUp | None = None) -> object | None:
        """``/queue`` for the tracker, read strictly (until ``gives_up`` says an error is
        final); None once stopped."""
        return await self.retrying(calls.get_queue_raw(), gives_up=gives_up)

    async def early_download(self, file: OutputFile) -> bytes | None:
        """One try at an output a node announced; None if it failed or is too large to keep
        in memory (the finish fetches it)."""
        sink = OutputSink(self.options.output_memory_limit, file.filename, spill=False)
        try:
            found = await self._fetch_output(file, sink)
        except ComfyError as exc:
            logger.debug("early download of %s failed: %s", file.filename, exc)
            found = False
        return sink.take() if found else None

    async def finalize(self, effect: Finish) -> tuple[PromptResult | None, BaseException | None]:
        """Download a finished prompt's files (if wanted) before its future completes; a
        client closed first fails it with ``ClientClosedError`` (never a result without its
        files' bytes)."""
        if effect.error is not None or effect.result is None:
            return None, effect.error
        if self.options.download_outputs:
            try:
                await self.download_outputs(effect.result)
            except ComfyError as exc:
                return None, exc
        return effect.result, None

    async def download_outputs(self, result: PromptResult) -> None:
        """Fill in the bytes of every output file of ``result`` that has none yet (an output
        over ``output_memory_limit`` goes to a temporary file)."""
        for file in result.files:
            if not file.downloaded and file.type != "websocket":
                sink = OutputSink(self.options.output_memory_limit, file.filename)
                request = file_calls.download_request(file)
                send = functools.partial(self._fetch_output, file, sink)
                try:
                    found = await self._retry(request.call, send, len(RETRY_DELAYS), None, None)
                except BaseException:
                    sink.discard()
                    raise
                if found is None:
                    sink.discard()
                    raise ClientClosedError(
                        f"the client was closed while downloading the outputs of prompt "
                        f"{result.prompt_id}"
                    )
                if not found:
                    sink.discard()
                    raise file_calls.missing_output(file)
                sink.into(file)

    async def _fetch_output(self, file: OutputFile, sink: OutputSink) -> bool:
        """One try at ``GET /view`` for ``file`` into ``sink``; False when the server has no
        such file."""
        sink.reset()
        try:
            await self._download_into(file_calls.download_request(file), sink.write)
        except ComfyHTTPError as exc:
            if exc.status == 404:
                return False
            raise
        return True

    # -- what the client asks for -----------------------------------------------------------

    async def probe(self) -> None:
        """``GET /prompt``: fail early and clearly when the server cannot be reached."""
        await self.call(calls.get_prompt())

    async def submit(self, request: dict[str, Any]) -> dict[str, Any]:
        """``POST /prompt``; after a failure in transit, the server's answer all the same when
        it queued the prompt (see :meth:`landed`)."""
        pid: str = request["prompt_id"]
        try:
            return await self.call(calls.post_prompt(request))
        except (ComfyConnectionError, ComfyTimeoutError) as exc:
            found = await self.landed(pid, exc) if may_have_arrived(exc) else None
            if found is None:
                raise
            return found

    async def result(self, prompt_id: str) -> PromptResult:
        """A finished prompt's result from ``/history`` (``PromptNotFinishedError`` before)."""
        body = await self.call(calls.get_history_by_id(prompt_id))
        return result_from_history_body(prompt_id, body)

    async def download_file(
        self, file: OutputFile | str, dest: str | os.PathLike[str], overwrite: bool = False
    ) -> Path:
        """Stream an output file (``/view``) to ``dest``; one that came over the WebSocket is
        written from the bytes the client kept."""
        return await self.download(file_calls.download_request(file), dest, overwrite)

    async def landed(self, prompt_id: str, error: ComfyError) -> dict[str, Any] | None:
        """After ``POST /prompt`` failed in transit: did the server queue the prompt anyway?

        Asks ``/queue``, then ``/history/{id}``; the answer the post would have given when
        the server has it, else None (and a note on ``error`` saying what was found).
        """
        queue = functools.partial(self.call, calls.get_queue_raw())
        try:
            found = await locate_prompt(prompt_id, queue, self._history_body)
        except ComfyError as exc:
            error.add_note(f"prompt {prompt_id}: could not check whether it was queued ({exc})")
            return None
        answer = post_answer(prompt_id, found)
        if answer is None:
            error.add_note(
                f"prompt {prompt_id} was in neither the queue nor the history right after; "
                "a server still reading the request could queue it later"
            )
            return None
        logger.warning(
            "POST /prompt for %s failed in transit (%s), but the server has the prompt: "
            "following it",
            prompt_id,
            error,
        )
        return answer

    async def _history_body(self, prompt_id: str) -> dict[str, Any]:
        return await self.call(calls.get_history_by_id(prompt_id))

    async def cancel(self, steps: list[CancelStep]) -> None:
        """Send the requests the core chose to cancel a prompt, in order."""
        for step in steps:
            if isinstance(step, Dequeue):
                await self.call(calls.post_queue(delete=[step.prompt_id]))
            elif isinstance(step, Interrupt):
                await self.call(calls.post_interrupt(step.prompt_id))
            else:
                await self.call(calls.cancel_job(step.prompt_id))

    async def download(
        self, request: DownloadRequest, dest: str | os.PathLike[str], overwrite: bool = False
    ) -> Path:
        """Stream a file to ``dest`` (a file path, or a directory to put it in).

        Bytes already at hand (``request.kept``: images sent over the WebSocket, which the
        server never stored) are written without a request.
        """
        claimed = file_calls.download_target(request, dest, overwrite)  # the naming rule
        with replacing(claimed, "download") as tmp, open_new(tmp) as out:
            if request.kept is not None:
                out.write(request.kept)
            else:
                await self._download_into(request, out.write)
        return claimed.path

    async def _download_into(self, request: DownloadRequest, out: Writable) -> None:
        """Stream ``request`` into ``out`` within ``http_deadline``."""
        deadline = request_deadline(request.call, self.options)
        with (
            closed_errors(self._closing, request.call),
            transport_errors(request.call, self.address),
        ):
            work = self._stream(request, out, deadline)
            await bounded(work, deadline, self._closing, deadline.what)

    async def _stream(self, request: DownloadRequest, out: Writable, deadline: Deadline) -> int:
        """Bytes written: the answer to ``request`` into ``out``, checking ``deadline``."""
        assert self._http is not None, "the client is not open"
        extensions = self._closing.extensions()
        async with self._http.stream(
            "GET", request.path, params=request.params, extensions=extensions
        ) as response:
            if response.status_code != 200:
                error = await error_body(response, deadline)
                raise http_error(request.call, response.status_code, error)
            return await copy_body(response, out, deadline)


async def retried(send: Callable[[], Any], plan: Retry, what: str, gate: Gate | None = None) -> Any:
    """``send()``'s answer, sent again after a failure for as long as ``plan`` says (each
    attempt holding a place of ``gate``, if given; the waits between none); the last error
    is raised when ``plan`` gives up, or once it says the client stopped. The one retry loop
    of both requesters."""
    attempt = 0
    while True:
        try:
            async with gate if gate is not None else contextlib.nullcontext():
                return await send()
        except ComfyError as exc:
            delay = plan.delay(exc, attempt)
            if delay is None:
                raise
            logger.log(plan.level, "%s failed (%s); retrying in %.1f s", what, exc, delay)
            await sleep(delay)
            if plan.stopped():
                raise
            attempt += 1


async def locate_prompt(
    prompt_id: str, queue: Callable[[], Any], history: Callable[[str], Any]
) -> Location:
    """Where a server has ``prompt_id``: asks its queue (``queue()``, a ``/queue`` body or a
    ``QueueState``), then, unless queued, its history (``history(prompt_id)``, a
    ``/history/{id}`` body)."""
    found = locate(prompt_id, await queue())
    if found.where is Where.UNKNOWN:
        found = locate(prompt_id, None, await history(prompt_id))
    return found


async def send_bounded(
    http: httpx.AsyncClient, call: Call[Any], options: ClientOptions, api: Any, closing: Closing
) -> Any:
    """``call``'s answer (as its generated endpoint gives it, ``api`` being the generated
    client) read in chunks within ``http_deadline`` and ``response_size_limit``; ended by
    ``closing``. Both requesters (native and v2) send with it."""
    deadline = request_deadline(call, options)
    work = _read_answer(http, call, options, api, deadline, closing)
    return await bounded(work, deadline, closing, deadline.what)


async def _read_answer(
    http: httpx.AsyncClient,
    call: Call[Any],
    options: ClientOptions,
    api: Any,
    deadline: Deadline,
    closing: Closing,
) -> Any:
    body = BodyBuffer(options.response_size_limit, call, options.address)
    async with http.stream(**call.request(), extensions=closing.extensions()) as answer:
        body.expect(answer.headers)
        async for chunk in answer.aiter_bytes():
            body.add(chunk)
            deadline.check()
        return call.response(answer.status_code, answer.headers, body.content(), api)


@contextlib.contextmanager
def closed_errors(closing: Closing, call: Call[Any]) -> Iterator[None]:
    """A request that failed because the client closed under it: ``ClientClosedError``."""
    try:
        yield
    except (ComfyConnectionError, ComfyTimeoutError) as exc:
        if not closing.is_set:
            raise
        raise ClientClosedError(f"{call.method} {call.path}: the client was closed") from exc


async def copy_body(response: httpx.Response, out: Writable, deadline: Deadline) -> int:
    """Bytes written: a download's answer into ``out``, checking ``deadline`` per chunk."""
    size = 0
    async for chunk in response.aiter_bytes():
        out(chunk)
        size += len(chunk)
        deadline.check()
    return size


async def error_body(response: httpx.Response, deadline: Deadline) -> bytes:
    """The first :data:`ERROR_BODY_LIMIT` bytes of an error answer to a download (for the
    error's message; the rest is not read)."""
    error = b""
    async for chunk in response.aiter_bytes():
        error += chunk[: ERROR_BODY_LIMIT - len(error)]
        deadline.check()
        if len(error) >= ERROR_BODY_LIMIT:
            break
    return error
