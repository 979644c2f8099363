"""The HTTP side of a Comfy API v2 client: sends its requests, uploads input files as assets,
reads job event streams, downloads outputs.

It implements the requests half of the seam (``seam.py``) for v2, as ``requester.py`` does for
ComfyUI's native API; a native request (the queue, the history, ``/object_info``...) raises
``NotAvailableError``. This file is the source of ``../_sync/v2_requester.py``
(``scripts/unasync.py``).
"""

from __future__ import annotations

import functools
import logging
import os
from collections import OrderedDict
from collections.abc import AsyncGenerator, Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import comfy_api_v2_openapi
import httpx

from ..calls.assets import asset_hash
from ..calls.files import DownloadRequest, download_target, missing_output
from ..calls.spill import OutputSink
from ..calls.transport import (
    Call,
    Deadline,
    httpx_kwargs,
    may_have_arrived,
    request_deadline,
    transport_errors,
)
from ..core import v2_jobs as jobs
from ..core.cancel import CancelJob, CancelStep
from ..core.options import ClientOptions
from ..core.results import OutputFile, PromptResult
from ..core.saving import open_new, replacing
from ..core.sse import SseDecoder, SseEvent
from ..core.timing import RETRY_DELAYS, Retry
from ..errors import (
    ClientClosedError,
    ComfyConnectionError,
    ComfyError,
    ComfyHTTPError,
    ComfyTimeoutError,
    NotAvailableError,
    RateLimitedError,
)
from ..v2 import API_NAME, inputs
from ..v2 import calls as v2
from .backend import Closing, bounded, sleep
from .requester import closed_errors, copy_body, error_body, retried, send_bounded

logger = logging.getLogger("comfy_api_client")

T = TypeVar("T")

#: What ``api=`` names Comfy API v2 in messages.
#: Times a request answered 429 is sent again (after the wait the server asks for).
RATE_LIMIT_RETRIES = 5
#: The longest wait for a 429 the client sits out; a longer ``Retry-After`` is raised at once.
RATE_LIMIT_MAX_WAIT = 60.0
#: Attempts at a job submission that failed in transit (the same idempotency key each time).
SUBMIT_ATTEMPTS = 3
#: Redirects followed to an output's bytes (signed URLs).
MAX_REDIRECTS = 5
#: Output links remembered (asset id -> URL), oldest forgotten first.
_LINKS_KEPT = 10_000


class AsyncV2Requester:
    """Sends one v2 client's requests over one httpx pool (and a bare one for other hosts)."""

    def __init__(self, options: ClientOptions) -> None:
        self.options = options
        self.address = options.address
        #: The generated client (``comfy_api_v2_openapi``) the calls are sent with.
        self.api = comfy_api_v2_openapi.Client(base_url=options.address.base_url)
        self._http: httpx.AsyncClient | None = None
        #: For URLs on other hosts (signed output links): no API key, no configured header.
        self._bare: httpx.AsyncClient | None = None
        self._stopped = False
        self._closing = Closing()
        self._links: OrderedDict[str, str] = OrderedDict()

    @property
    def is_open(self) -> bool:
        return self._http is not None

    def open(self) -> None:
        """Create the HTTP pools (inside the running loop, for the async client)."""
        if self._http is None:
            self._http = httpx.AsyncClient(**httpx_kwargs(self.options))
            self.api.set_async_httpx_client(self._http)
            bare = {k: v for k, v in httpx_kwargs(self.options).items() if k != "base_url"}
            bare["headers"] = {}
            self._bare = httpx.AsyncClient(**bare)

    def stop(self) -> None:
        """From now on nothing is retried; requests under way end with ``ClientClosedError``."""
        self._stopped = True
        self._closing.set()

    async def close(self) -> None:
        self.stop()
        if self._http is not None:
            await self._http.aclose()
        if self._bare is not None:
            await self._bare.aclose()

    async def call(self, call: Call[T]) -> T:
        """Send a v2 request (429 sent again after the wait the server asks for); a request
        of the native API raises ``NotAvailableError``."""
        if not call.endpoint_name.startswith(v2.PACKAGE + ":"):
            raise not_available(call)
        assert self._http is not None, "the client is not open"
        plan = Retry(
            RATE_LIMIT_RETRIES + 1,
            (RateLimitedError,),
            stopped=self.is_stopped,
            max_asked_wait=RATE_LIMIT_MAX_WAIT,
            level=logging.INFO,
        )
        return await retried(
            functools.partial(self._send, call), plan, f"{call.method} {call.path}"
        )

    async def _send(self, call: Call[T]) -> T:
        assert self._http is not None, "the client is not open"
        with closed_errors(self._closing, call), transport_errors(call, self.address):
            response = await send_bounded(self._http, call, self.options, self.api, self._closing)
        return call.finish(response)

    def is_stopped(self) -> bool:
        """Whether the client is closing (nothing is tried again)."""
        return self._stopped

    async def probe(self) -> None:
        """Fail early and clearly when the server cannot be reached."""
        await self.health()

    async def health(self) -> dict[str, Any]:
        """``GET /api/v2/health``."""
        return await self.call(v2.health())

    # -- prompts -------------------------------------------------------------------------------

    async def submit(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """Post a prompt request (as ``build_prompt_request`` makes it) as a v2 job.

        Its ``prompt_id`` is the idempotency key: a submission that failed in transit is sent
        again with it, and the server creates one job at most. Input files in the workflow are
        uploaded as assets first. Answers a ``POST /prompt``-like body whose ``prompt_id`` is
        the server's job id (``job``: the job itself).
        """
        for name in ("front", "number", "partial_execution_targets"):
            if name in request:
                raise no_counterpart(name, request[name])
        key = str(request["prompt_id"])
        workflow = request["prompt"]
        extra_data = inputs.v2_extra_data(request.get("extra_data"))
        uploaded = {}
        for found in inputs.input_files(workflow):
            asset = await self.upload(found.data, found.name, found.content_type)
            logger.info(
                "input %s of node %s uploaded as asset %s",
                found.input_name,
                found.node_id,
                asset.get("id"),
            )
            uploaded[(found.node_id, found.input_name)] = asset
        sent = inputs.with_references(workflow, uploaded) if uploaded else workflow
        job = await self._post_job(v2.submit_job(sent, extra_data, key, workflow), key)
        self.remember(job)
        return {
            "prompt_id": str(job["id"]),
            "number": job.get("queue_position") or 0,
            "node_errors": {},
            "job": job,
        }

    async def _post_job(self, call: Call[dict[str, Any]], key: str) -> dict[str, Any]:
        first: list[ComfyError] = []  # the first failure that may have reached the server

        async def send() -> dict[str, Any]:
            try:
                return await self.call(call)
            except (ComfyConnectionError, ComfyTimeoutError) as exc:
                if not first and may_have_arrived(exc):
                    first.append(exc)
                raise

        transit = (ComfyConnectionError, ComfyTimeoutError)
        plan = Retry(SUBMIT_ATTEMPTS, transit, stopped=self.is_stopped, level=logging.WARNING)
        try:
            return await retried(send, plan, f"submitting job {key} (in transit)")
        except ComfyHTTPError as exc:
            if exc.code == "idempotency_key_reuse" and first:
                exc.add_note(
                    f"an earlier attempt with idempotency key {key} failed in transit "
                    f"({first[0]}) but reached the server, which created the job; Comfy API v2 "
                    "keys are single-use and the server does not say which job it was"
                )
            raise

    async def upload(self, data: bytes, name: str, content_type: str) -> dict[str, Any]:
        """Store bytes as an asset: the hash is asked for first, so bytes the server already
        has are not sent again."""
        digest = asset_hash(data)
        if await self.call(v2.has_hash(digest)):
            try:
                return await self.call(v2.asset_from_hash(digest))
            except ComfyHTTPError as exc:
                if exc.status != 404:  # gone since the check: upload them after all
                    raise
        return await self.call(v2.upload_asset(data, name, content_type, digest))

    async def job(self, job_id: str) -> dict[str, Any]:
        """``GET /api/v2/jobs/{id}`` (its output links remembered)."""
        body = await self.call(v2.get_job(job_id))
        self.remember(body)
        return body

    async def result(self, prompt_id: str) -> PromptResult:
        """A finished job's result (``PromptNotFinishedError`` while it is queued or running).

        ``expired`` is asked again once before it counts: a proxy says so for a moment about
        a prompt it finds in neither ComfyUI's queue nor its history."""
        body = await self.job(prompt_id)
        if jobs.job_status(body) == "expired":
            await sleep(self.options.poll_interval)
            body = await self.job(prompt_id)
        return jobs.result_of(prompt_id, body)

    async def cancel(self, steps: list[CancelStep]) -> None:
        """Send the cancel requests the tracker chose."""
        for step in steps:
            if not isinstance(step, CancelJob):
                raise NotAvailableError(type(step).__name__, API_NAME)
            job = await self.call(v2.cancel_job(step.prompt_id))
            self.remember(job)
            ignored = jobs.cancel_ignored(step.prompt_id, job, API_NAME)
            if ignored is not None:
                raise ignored

    async def events(self, job_id: str) -> AsyncGenerator[SseEvent, None]:
        """The job's event stream, event by event, until the server ends it (a stream that
        stays silent longer than the watchdog interval raises ``ComfyTimeoutError``)."""
        assert self._http is not None
        path = v2.events_path(job_id)
        call = Call(f"{v2.PACKAGE}:jobs.get_job_events", {}, "GET", path, _unused)
        timeout = httpx.Timeout(self.options.http_timeout, read=self.options.watchdog_interval * 2)
        decoder = SseDecoder()
        with transport_errors(call, self.address):
            async with self._http.stream(
                "GET", path, headers={"Accept": "text/event-stream"}, timeout=timeout
            ) as response:
                if response.status_code != 200:
                    await response.aread()
                    raise v2.v2_error(
                        call,
                        response.status_code,
                        response.content,
                        response.headers.get("retry-after"),
                    )
                async for line in response.aiter_lines():
                    event = decoder.feed(line)
                    if event is None:
                        continue
                    if event.name == "output" and isinstance(event.data, Mapping):
                        self._links_from([event.data])
                    yield event

    # -- outputs -------------------------------------------------------------------------------

    def remember(self, job: Mapping[str, Any]) -> None:
        """Keep the links of a job's outputs (the client follows them, never builds them)."""
        self._links_from(jobs.outputs_of(job))

    def _links_from(self, outputs: list[Mapping[str, Any]]) -> None:
        for asset_id, url in jobs.links_of(outputs).items():
            self._links[asset_id] = url
            self._links.move_to_end(asset_id)
        while len(self._links) > _LINKS_KEPT:
            self._links.popitem(last=False)

    def _url_of(self, file: OutputFile | str) -> str:
        asset_id = file if isinstance(file, str) else file.asset_id
        if not asset_id:
            raise NotAvailableError(
                f"downloading {file.filename!r} by /view coordinates"
                if isinstance(file, OutputFile)
                else "downloading by file name",
                API_NAME,
                "give an output of a v2 job's result (it carries its asset id)",
            )
        return self._links.get(asset_id) or v2.content_path(asset_id)

    async def download_outputs(self, result: PromptResult) -> None:
        """Fill in the bytes of every output file of ``result`` that has none yet."""
        for file in result.files:
            if not file.downloaded:
                sink = OutputSink(self.options.output_memory_limit, file.filename)
                try:
                    await self._fetch_output(file, sink)
                except BaseException:
                    sink.discard()
                    raise
                sink.into(file)

    async def _fetch_output(self, file: OutputFile, sink: OutputSink) -> None:
        async def send() -> None:
            sink.reset()
            await self._stream(self._url_of(file), sink.write)

        transit = (ComfyConnectionError, ComfyTimeoutError)
        plan = Retry(len(RETRY_DELAYS), transit, stopped=self.is_stopped)
        try:
            await retried(send, plan, f"downloading {file.filename!r}")
        except transit as exc:
            if self._stopped:
                raise ClientClosedError(
                    f"the client was closed while downloading {file.filename!r}"
                ) from exc
            raise missing_output(file) from exc

    async def download_file(
        self, file: OutputFile | str, dest: str | os.PathLike[str], overwrite: bool = False
    ) -> Path:
        """Stream an output (or an asset, by id) to ``dest`` (a file, or a directory to put it in)."""
        name, sub = (file.filename, file.subfolder) if isinstance(file, OutputFile) else (file, "")
        request = DownloadRequest(_content_call(""), "", {}, name, sub)
        return await self._stream_to_file(self._url_of(file), request, dest, overwrite)

    async def download(
        self, request: DownloadRequest, dest: str | os.PathLike[str], overwrite: bool = False
    ) -> Path:
        """Stream a v2 download to ``dest``; native ones (``/view``) are not available."""
        if not request.path.startswith("/api/v2/"):
            raise not_available(request.call)
        return await self._stream_to_file(request.path, request, dest, overwrite)

    async def _stream_to_file(
        self, url: str, request: DownloadRequest, dest: str | os.PathLike[str], overwrite: bool
    ) -> Path:
        claimed = download_target(request, dest, overwrite)  # the naming rule
        with replacing(claimed, "download") as tmp, open_new(tmp) as out:
            await self._stream(url, out.write)
        return claimed.path

    async def _stream(self, url: str, sink: Callable[[bytes], object]) -> None:
        """GET ``url`` in chunks into ``sink`` within ``http_deadline``, following redirects
        by hand: the API key and the configured headers go only to the server's own origin,
        never to another host."""
        call = _content_call(url)
        deadline = request_deadline(call, self.options)
        with closed_errors(self._closing, call):
            work = self._follow(url, sink, deadline)
            await bounded(work, deadline, self._closing, deadline.what)

    async def _follow(self, url: str, sink: Callable[[bytes], object], deadline: Deadline) -> int:
        """Bytes written: ``url``'s content (redirects followed) into ``sink``."""
        assert self._http is not None and self._bare is not None
        base = self.address.base_url
        for _ in range(MAX_REDIRECTS + 1):
            absolute = urljoin(base + "/", url)
            own = _origin(absolute) == _origin(base)
            http = self._http if own else self._bare
            call = _content_call(urlsplit(absolute).path if own else "<signed URL>")
            with transport_errors(call, self.address):
                extensions = self._closing.extensions()
                async with http.stream(
                    "GET", absolute, follow_redirects=False, extensions=extensions
                ) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(absolute, response.headers["location"])
                        continue
                    if response.status_code not in (200, 206):
                        raise v2.v2_error(
                            call,
                            response.status_code,
                            await error_body(response, deadline),
                            response.headers.get("retry-after"),
                        )
                    return await copy_body(response, sink, deadline)
        raise ComfyConnectionError(f"more than {MAX_REDIRECTS} redirects fetching an output")


def no_counterpart(name: str, value: object) -> NotAvailableError:
    """The error for an argument of ``submit_workflow`` Comfy API v2 has no counterpart for."""
    return NotAvailableError(
        f"submit_workflow({name}={value!r})",
        API_NAME,
        "a v2 job has no queue number, front of the queue or partial execution",
    )


def not_available(call: Call[Any]) -> NotAvailableError:
    """The error for a native request on a v2 client."""
    return NotAvailableError(
        f"{call.method} {call.path}",
        API_NAME,
        "it has no queue, history, node definitions, /view or server settings; "
        "use api='native' against a ComfyUI for that",
    )


def _content_call(path: str) -> Call[None]:
    return Call(f"{v2.PACKAGE}:assets.get_asset_content", {}, "GET", path, _unused)


def _unused(call: Call[Any], response: Any) -> Any:  # streamed by hand, never interpreted
    raise AssertionError(call.path)


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc.rsplit("@", 1)[-1].lower()


async def detect_api(options: ClientOptions) -> str:
    """``"v2"`` when the server answers ``GET /api/v2/health`` as Comfy API v2, else
    ``"native"`` (for ``api="auto"``)."""
    try:
        async with httpx.AsyncClient(**httpx_kwargs(options)) as http:
            response = await http.get("/api/v2/health")
    except httpx.HTTPError as exc:
        raise ComfyConnectionError(
            f"GET {options.address.base_url}/api/v2/health failed: {exc or type(exc).__name__}"
        ) from exc
    try:
        body = response.json() if response.status_code == 200 else None
    except ValueError:
        body = None
    found = "v2" if isinstance(body, dict) and "status" in body else "native"
    logger.info("%s speaks %s", options.address.base_url, API_NAME if found == "v2" else found)
    return found
