"""The asyncio ComfyUI client.

This file is the source of ``../_sync/client.py`` (``scripts/unasync.py``): write it so that
dropping ``async``/``await`` gives the blocking client. What differs between the two lives
in ``backend.py``, ``tracker.py`` and ``bridge.py`` of each package.
"""

from __future__ import annotations

import inspect
import logging
import os
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import comfyui_openapi

from ..calls import files as file_calls
from ..calls import native as calls
from ..calls import transport
from ..calls.transport import Call
from ..calls.uploads import UploadResult, UploadSource
from ..core.options import ClientOptions, client_only
from ..core.queue_state import QueueState
from ..core.results import OutputFile, OutputImage, PromptResult
from ..core.server_info import ServerInfo, ServerInfoCache
from ..core.tracker_core import ServerState
from ..errors import (
    ClientClosedError,
    ComfyError,
    InvalidArgumentError,
    NotAvailableError,
    PromptNotFinishedError,
    PromptValidationError,
)
from ..events import Event
from ..v2 import API_NAME
from ..workflows.submission import build_prompt_request, prepare
from ..workflows.validation import (
    may_be_stale,
    node_classes,
    refuse_unfilled,
    validate_workflow,
)
from ..workflows.workflow import Workflow
from .assets import AsyncAssetMethods
from .backend import Lock, concurrently, sleep
from .bridge import AsyncBridge
from .lifecycle import Lifecycle
from .prompt import AsyncPrompt
from .requester import AsyncRequester
from .seam import AsyncPromptRequests, AsyncPromptTracker
from .tracker import AsyncTracker

if TYPE_CHECKING:  # the generated models take long to import: only for type hints
    from comfyui_openapi.models import Features, Job, JobList, SystemStats

logger = logging.getLogger("comfy_api_client")

T = TypeVar("T")


class AsyncComfyClient(AsyncBridge, AsyncAssetMethods, Lifecycle):
    """A ComfyUI client for asyncio.

    Create it with ``create_async_client(...)`` and use it as ``async with``. The asyncio
    client opens its HTTP pool and WebSocket inside the event loop that opens it: share it
    between that loop's tasks, never with another loop or thread. The blocking client
    (threads) may be used from any thread, also inside a running event loop (a notebook).
    """

    def __init__(self, options: ClientOptions) -> None:
        self.options = options
        self.address = options.address
        self._native: AsyncRequester | None = None
        #: Sends every request of this client; the tracker gets it too.
        self._requester: AsyncPromptRequests
        #: Owns the prompt state (the protocol core); follows prompts once started.
        self._tracker: AsyncPromptTracker
        self._speak("v2" if options.api == "v2" else "native")
        self._closed = False
        self._definitions: dict[str, Any] | None = None
        #: Definitions fetched class by class (None: the server does not know the class).
        self._class_definitions: dict[str, Any] = {}
        self._server_info = ServerInfoCache()
        self._replacements: dict[str, Any] | None = None
        self._definitions_lock = Lock()  # one /object_info fetch for concurrent submissions

    def _speak(self, api: str) -> None:
        """Choose the API behind the seam (``seam.py``): ComfyUI's native one, or Comfy API v2
        (``v2_requester.py``, ``v2_tracker.py``)."""
        if api == "v2":  # imported here: a client of the native API never loads them
            from .v2_requester import AsyncV2Requester
            from .v2_tracker import AsyncV2Tracker

            v2 = AsyncV2Requester(self.options)
            self._native = None
            self._requester, self._tracker = v2, AsyncV2Tracker(self.options, v2)
        else:
            requester = AsyncRequester(self.options)
            self._native = requester
            self._requester, self._tracker = requester, AsyncTracker(self.options, requester)

    @property
    def speaks_v2(self) -> bool:
        """Whether this client speaks Comfy API v2 (``api="v2"``, or ``"auto"`` once open)."""
        return self._native is None

    @property
    def api(self) -> comfyui_openapi.Client:
        """The generated client (``comfyui_openapi``) for any route the facade does not wrap."""
        if self._native is None:
            raise NotAvailableError("client.api (the native bindings)", API_NAME)
        return self._native.api

    @property
    def server_state(self) -> ServerState:
        """The server's load as this client sees it (socket up, its queue, prompts in flight)."""
        return self._tracker.server_state()

    @property
    def client_id(self) -> str:
        """The ``clientId`` of the current WebSocket connection (prompts are posted with it)."""
        return self._tracker.client_id

    # -- life cycle ---------------------------------------------------------------------

    async def open(self) -> None:
        """Open the HTTP pool and start the state tracker (done by ``async with``)."""
        if self._closed:
            raise ClientClosedError("this client was closed; create a new one")
        if self._requester.is_open:
            return
        if self.options.api == "auto" and not self.speaks_v2:
            from .v2_requester import detect_api

            self._speak(await detect_api(self.options))
        self._requester.open()
        mode = self.options.start_state_tracker
        logger.info("client %s for %s (tracker: %s)", self.options.client_id, self.address, mode)
        try:
            if mode != "websocket":
                await self._requester.probe()  # fail early and clearly if unreachable
            await self._tracker.start()
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        """Stop the tracker, fail prompts still waiting with ``ClientClosedError``, close the pool."""
        if self._closed:
            return
        self._closed = True
        self._requester.stop()
        await self._tracker.stop()
        await self._requester.close()
        logger.info("client %s closed", self.options.client_id)

    async def _ensure_open(self) -> None:
        if self._closed:
            raise ClientClosedError("this client was closed; create a new one")
        if not self._requester.is_open:
            await self.open()

    async def _call(self, call: Call[T]) -> T:
        """Send one request (opening the client first if needed)."""
        await self._ensure_open()
        return await self._requester.call(call)

    # -- prompts ----------------------------------------------------------------------------

    async def submit_workflow(
        self,
        workflow: Mapping[str, Any] | Workflow,
        return_future: bool = True,
        *,
        on_event: Callable[[Event], None] | None = None,
        prompt_id: str | None = None,
        extra_data: Mapping[str, Any] | None = None,
        front: bool = False,
        number: float | None = None,
        partial_execution_targets: Iterable[str] | None = None,
        validate: bool | None = None,
    ) -> AsyncPrompt:
        """Queue a workflow (a ``Workflow``, an API-format dict, or a UI-format dict, which is
        converted); its ``future`` gives the ``PromptResult``.

        Unless ``validate=False`` (or the client's ``validate=False``), the workflow is first
        checked against the server's node definitions and every problem is raised at once as
        ``PromptValidationError`` without sending anything. The prompt id is generated here and
        the tracker follows it before it is posted. Raises ``PromptValidationError`` when the
        server rejects the workflow (and, with ``strict=True``, when it accepted only some
        outputs).
        """
        await self._ensure_open()
        api, extra_data, targets = await self._prepare(
            workflow, extra_data, partial_execution_targets, validate
        )
        request = build_prompt_request(
            api,
            client_id=self._tracker.client_id,
            prompt_id=prompt_id,
            extra_data=extra_data,
            front=front,
            number=number,
            partial_execution_targets=targets,
        )
        pid: str = request["prompt_id"]
        tracker = self._tracker if return_future and self._tracker.following else None
        future = tracker.register(pid, request["prompt"], on_event, True) if tracker else None
        try:
            body = await self._requester.submit(request)
        except BaseException:
            if tracker is not None:
                tracker.submit_failed(pid)
            raise
        info = calls.prompt_info(pid, body)
        prompt = AsyncPrompt(self, self._tracker, info, future, request["prompt"])
        logger.info("submitted prompt %s (number %s)", prompt.prompt_id, prompt.number)
        if tracker is not None:
            tracker.submitted(pid, body)
        if prompt.node_errors:
            error = PromptValidationError.partial(pid, body, request["prompt"])
            logger.warning("%s", error)
            if self.options.strict:
                await self.cancel_prompt(pid)
                raise error
        return prompt

    async def _prepare(
        self,
        workflow: Mapping[str, Any] | Workflow,
        extra_data: Mapping[str, Any] | None,
        targets: Iterable[str] | None,
        validate: bool | None,
    ) -> tuple[dict[str, Any], Mapping[str, Any] | None, list[str] | None]:
        """Convert (UI format) and validate a workflow: the graph, extra_data, targets to send."""
        prepared = prepare(workflow, extra_data, targets)
        api = prepared.api
        if api is None:
            assert prepared.ui is not None
            logger.info(
                "converting a UI-format workflow (%d nodes) to the API format",
                len(prepared.ui.get("nodes") or []),
            )
            api = (await self.convert_ui(prepared.ui)).nodes
        if not self.options.allow_placeholders:
            refuse_unfilled(api)
        wanted = self.options.validate if validate is None else validate
        if wanted and self.speaks_v2 and self.options.node_definitions is None:
            logger.debug("not validated: Comfy API v2 publishes no node definitions")
        elif wanted:
            await self._check(api, prepared.targets)
        return api, prepared.extra_data, prepared.targets

    async def _check(self, api: Mapping[str, Any], targets: list[str] | None) -> None:
        body = validate_workflow(api, await self._definitions_for(api), targets)
        if may_be_stale(body):  # a file uploaded or a node installed since they were fetched
            body = validate_workflow(api, await self._definitions_for(api, refresh=True), targets)
        if body is not None:
            raise PromptValidationError.client_side(body, api)

    async def _definitions_for(
        self, api: Mapping[str, Any], refresh: bool = False
    ) -> Mapping[str, Any]:
        """The definitions of the node classes ``api`` uses: from the whole map when the
        client holds it, else each class from ``/object_info/{class}``, fetched once per
        client (concurrently) and again only when ``refresh``; those given
        as ``node_definitions=`` to the client instead, when given."""
        if self.options.node_definitions is not None:
            return self.options.node_definitions
        if self._definitions is not None and not refresh:
            return self._definitions
        classes = node_classes(api)
        async with self._definitions_lock:
            known = self._class_definitions
            missing = [c for c in classes if refresh or c not in known]
            bodies = await concurrently(self._class_definition, missing)
            for name, body in zip(missing, bodies, strict=True):
                known[name] = body.get(name) if isinstance(body, dict) else None
        return {c: known[c] for c in classes if known.get(c) is not None}

    async def _class_definition(self, node_class: str) -> Any:
        return await self._call(calls.get_object_info(node_class))

    async def node_definitions(self, refresh: bool = False) -> dict[str, Any]:
        """The server's node definitions (``/object_info``), fetched once and kept; those given
        as ``node_definitions=`` to the client instead, when given."""
        if self.options.node_definitions is not None:
            return self.options.node_definitions
        if self.speaks_v2:
            raise NotAvailableError(
                "node definitions (/object_info)",
                API_NAME,
                "give them as create_client(..., node_definitions=<object_info dict or JSON "
                "file>) to convert UI-format workflows and validate before sending",
            )
        seen = self._definitions
        if seen is not None and not refresh:
            return seen
        async with self._definitions_lock:
            if self._definitions is None or self._definitions is seen:  # nobody fetched meanwhile
                self._definitions = await self.get_object_info()
            return self._definitions

    async def convert_ui(self, ui: Mapping[str, Any]) -> Workflow:
        """Convert a UI-format workflow (as the editor saves it) with the server's node
        definitions and, where the server publishes them, its node replacements; raises
        ``ConversionError`` naming the node it cannot convert."""
        definitions = await self.node_definitions()
        return Workflow.from_ui(ui, definitions, await self._node_replacements())

    async def _node_replacements(self) -> dict[str, Any] | None:
        """``/node_replacements`` where the server has them (read once), else None."""
        if self._replacements is None:
            try:
                info = await self.server_info()
                found = await self.get_node_replacements() if info.applies_node_replacements else {}
            except ComfyError as exc:
                logger.debug("node replacements unavailable: %s", exc)
                found = {}
            self._replacements = found
        return self._replacements or None

    async def validate_workflow(
        self,
        workflow: Mapping[str, Any] | Workflow,
        partial_execution_targets: Iterable[str] | None = None,
    ) -> Workflow:
        """Check a workflow against the server's node definitions without sending it.

        Returns the API-format ``Workflow`` that would be sent (a new one: converted if
        ``workflow`` was in the UI format, with its partial execution targets), when valid.
        Raises ``PromptValidationError`` listing every problem (``.problems``) otherwise.
        """
        api, _, targets = await self._prepare(workflow, None, partial_execution_targets, True)
        return Workflow(api, partial_execution_targets=targets)

    async def run(
        self,
        workflow: Mapping[str, Any] | Workflow,
        timeout: float | None = None,
        *,
        progress: bool = False,
        cancel_on_abandon: bool = False,
        **kwargs: Any,
    ) -> PromptResult:
        """Submit ``workflow`` and wait for its result (``ComfyTimeoutError`` after ``timeout`` s).

        ``progress`` and ``cancel_on_abandon`` are those of ``Prompt.result``; other keywords
        go to ``submit_workflow``. The client's options (``download_outputs``...) are given
        to ``create_client``: a ``TypeError`` here names it.
        """
        client_only(kwargs, "run", _SUBMIT_KEYWORDS)
        prompt = await self.submit_workflow(workflow, **kwargs)
        return await prompt.result(timeout, progress=progress, cancel_on_abandon=cancel_on_abandon)

    async def fetch_results(self, prompt: AsyncPrompt | str) -> PromptResult:
        """Get a finished prompt's result from ``/history`` (no tracker needed).

        Raises ``PromptNotFinishedError`` while it is queued or running, ``ExecutionError`` or
        ``ExecutionInterrupted`` when it failed.
        """
        pid = prompt if isinstance(prompt, str) else prompt.prompt_id
        await self._ensure_open()
        result = await self._requester.result(pid)
        if self.options.download_outputs:
            await self._requester.download_outputs(result)
        return result

    async def wait_for_result(
        self, prompt: AsyncPrompt | str, timeout: float | None = None
    ) -> PromptResult:
        """Wait for a prompt's result by polling ``/history`` (for prompts without a future)."""
        pid = prompt if isinstance(prompt, str) else prompt.prompt_id
        waited = 0.0
        while True:
            try:
                return await self.fetch_results(pid)
            except PromptNotFinishedError:
                if timeout is not None and waited >= timeout:
                    raise transport.timeout_error(f"prompt {pid}", timeout) from None
            await sleep(self.options.poll_interval)
            waited += self.options.poll_interval

    async def cancel_prompt(self, prompt: AsyncPrompt | str) -> None:
        """Cancel one prompt: remove it if pending, interrupt it if running (others untouched)."""
        pid = prompt if isinstance(prompt, str) else prompt.prompt_id
        jobs_api = False
        try:
            jobs_api = (await self.server_info()).has_jobs_api
        except ComfyError as exc:  # the old sequence works everywhere
            logger.debug("server info unavailable (%s): cancelling with /queue and /interrupt", exc)
        await self._requester.cancel(self._tracker.cancel_steps(pid, jobs_api))
        self._tracker.cancel_sent(pid)

    async def cancel_prompts(self, prompt_ids: Iterable[str]) -> None:
        """Remove pending prompts from the queue (running ones are not touched)."""
        await self._call(calls.post_queue(delete=list(prompt_ids)))

    async def clear_queue(self) -> None:
        """Remove every pending prompt (the running one keeps running)."""
        await self._call(calls.post_queue(clear=True))

    async def interrupt_processing(self, prompt_id: str | None = None) -> None:
        """Interrupt the running prompt; with ``prompt_id`` only if that one is running."""
        await self._call(calls.post_interrupt(prompt_id))

    async def free_memory(self, unload_models: bool = False, free_memory: bool = False) -> None:
        """Ask the server to unload models and/or free memory after the current prompt."""
        await self._call(calls.post_free(unload_models, free_memory))

    # -- queue and history ------------------------------------------------------------------

    async def get_queue(self) -> QueueState:
        """The running and pending prompts (``QueueEntry`` fields parsed by position)."""
        return await self._call(calls.get_queue())

    async def get_queue_remaining(self) -> int:
        """How many prompts are pending or running."""
        return await self._call(calls.get_prompt())

    async def get_history(
        self,
        prompt_id: str | None = None,
        max_items: int | None = None,
        offset: int | None = None,
    ) -> dict[str, Any]:
        """History entries keyed by prompt id (one prompt's, the newest ``max_items``, or all)."""
        if prompt_id is not None:
            return await self._call(calls.get_history_by_id(prompt_id))
        return await self._call(calls.get_history(max_items, offset))

    async def clear_history(self) -> None:
        """Delete every history entry."""
        await self._call(calls.post_history(clear=True))

    async def remove_from_history(self, prompt_ids: Iterable[str]) -> None:
        """Delete these prompts' history entries."""
        await self._call(calls.post_history(delete=list(prompt_ids)))

    # -- server information -----------------------------------------------------------------

    async def get_system_stats(self) -> SystemStats:
        """Versions, RAM and devices (``comfyui_openapi`` model)."""
        return await self._call(calls.get_system_stats())

    async def get_features(self) -> Features:
        """The server's feature flags."""
        return await self._call(calls.get_features())

    async def get_embeddings(self) -> list[str]:
        """Names of the embeddings the server has."""
        return await self._call(calls.get_embeddings())

    async def get_extensions(self) -> list[str]:
        """URLs of the frontend extension scripts."""
        return await self._call(calls.get_extensions())

    async def get_models(self, folder: str | None = None) -> list[str]:
        """Model folder names, or the files in one folder."""
        return await self._call(calls.get_models(folder))

    async def server_info(self, refresh: bool = False) -> ServerInfo:
        """The server's version and features (``/system_stats``, ``/features``), read once and
        kept (read again after the WebSocket reconnected); the client picks its requests by it
        where server versions differ."""
        reconnects = self._tracker.server_state().reconnects  # a restart may change them
        info = None if refresh else self._server_info.current(reconnects)
        if info is None:
            stats_call, features_call = calls.server_info_bodies()
            stats = await self._call(stats_call)
            features = await self._call(features_call)
            info = self._server_info.keep(ServerInfo.from_bodies(stats, features), reconnects)
        return info

    async def get_node_replacements(self) -> dict[str, Any]:
        """Deprecated node classes and their replacements, with input mappings (0.33+)."""
        return await self._call(calls.get_node_replacements())

    async def get_global_subgraphs(self) -> dict[str, Any]:
        """The subgraph blueprints the server offers: id -> ``{source, name, info}`` (0.8+)."""
        return await self._call(calls.get_global_subgraphs())

    async def get_global_subgraph(self, subgraph_id: str) -> dict[str, Any] | None:
        """One blueprint, its ``data`` (a UI-format subgraph) parsed; None if unknown (0.8+)."""
        return await self._call(calls.get_global_subgraph(subgraph_id))

    async def get_object_info(self, node_class: str | None = None) -> dict[str, Any]:
        """Node definitions (all, or one class; ``{}`` for an unknown class)."""
        return await self._call(calls.get_object_info(node_class))

    # -- files --------------------------------------------------------------------------------

    async def upload_image(
        self,
        name: str,
        image: UploadSource,
        subfolder: str | None = None,
        overwrite: bool = True,
        type: str = "input",
    ) -> UploadResult:
        """Upload an image (bytes, path, binary file or PIL image) for ``LoadImage``; the
        result's ``name``, ``subfolder`` and ``type`` say where the server stored it."""
        return await self._call(file_calls.upload_image(name, image, subfolder, overwrite, type))

    async def upload_mask(
        self,
        name: str,
        image: UploadSource,
        original_ref: UploadResult | Mapping[str, str] | None = None,
        subfolder: str | None = None,
        overwrite: bool = True,
        type: str = "input",
        *,
        original_reference: UploadResult | Mapping[str, str] | None = None,
    ) -> UploadResult:
        """Upload a mask whose alpha channel is applied to the image ``original_ref`` names
        (what ``upload_image`` returned, or ``{"filename", "subfolder", "type"}``;
        ``original_reference`` is the first release's name for it)."""
        original = original_ref if original_ref is not None else original_reference
        if original is None or (original_ref is not None and original_reference is not None):
            raise InvalidArgumentError(
                "original_ref", original, "give the original image once (original_ref)"
            )
        return await self._call(
            file_calls.upload_mask(name, image, original, subfolder, overwrite, type)
        )

    async def retrieve_image(
        self, filename: str, subfolder: str | None = None, type: str | None = None
    ) -> OutputImage | None:
        """Download an image from ``/view`` into memory; None when the server has no such
        file (over ``response_size_limit``: ``ResponseTooLargeError``; :meth:`download`
        streams to disk)."""
        return await self._call(file_calls.get_view(filename, subfolder, type))

    async def retrieve_metadata(self, folder_name: str, filename: str) -> dict[str, str] | None:
        """A safetensors file's ``__metadata__``; None when missing."""
        return await self._call(file_calls.get_view_metadata(folder_name, filename))

    async def download(
        self, file: OutputFile | str, dest: str | os.PathLike[str], overwrite: bool = False
    ) -> Path:
        """Stream an output file to ``dest``: a folder when it ends with a separator or is a
        directory (created as needed; the file's subfolder kept; a counter before the
        extension when the name is taken, unless ``overwrite``), else that file path (an
        existing file is refused with ``OutputPathError`` unless ``overwrite=True``).

        The body is written in chunks to a temporary file that is renamed when complete, so
        large outputs never sit in memory and a failed download leaves nothing behind. An
        image that came over the WebSocket is written from the bytes the client kept. On
        Comfy API v2 the server's link is followed (redirects to signed URLs on another host
        get neither the API key nor the configured headers); a string is an output's asset id.
        """
        await self._ensure_open()
        return await self._requester.download_file(file, dest, overwrite)

    async def _download(
        self, request: file_calls.DownloadRequest, dest: str | os.PathLike[str]
    ) -> Path:
        await self._ensure_open()
        return await self._requester.download(request, dest)

    # -- users, settings, user data ---------------------------------------------------------------

    async def get_users(self) -> Any:
        """Storage mode and (with ``--multi-user``) the users."""
        return await self._call(calls.get_users())

    async def create_user(self, username: str) -> str:
        """Create a user; returns its id."""
        return await self._call(calls.post_users(username))

    async def get_settings(self) -> dict[str, Any]:
        """All settings of the current user."""
        return await self._call(calls.get_settings())

    async def get_setting(self, setting_id: str) -> Any:
        """One setting's value (None when unset)."""
        return await self._call(calls.get_setting(setting_id))

    async def update_settings(self, settings: Mapping[str, Any]) -> None:
        """Merge ``settings`` into the stored settings."""
        await self._call(calls.post_settings(settings))

    async def set_setting(self, setting_id: str, value: Any) -> None:
        """Store one setting."""
        await self._call(calls.post_setting(setting_id, value))

    async def list_userdata(
        self, dir: str, recurse: bool = False, full_info: bool = False, split: bool = False
    ) -> list[Any]:
        """Files in a user-data directory (paths, ``[path, *parts]`` or info objects)."""
        return await self._call(file_calls.list_userdata(dir, recurse, full_info, split))

    async def list_userdata_v2(self, path: str | None = None) -> list[Any]:
        """Everything below ``path`` in the user's directory, directories first."""
        return await self._call(file_calls.list_userdata_v2(path))

    async def get_userdata_file(self, file: str) -> bytes:
        """A user-data file's bytes (``file`` is a path relative to the user directory)."""
        return await self._call(file_calls.get_userdata_file(file))

    async def save_userdata_file(
        self, file: str, data: bytes | str, overwrite: bool = True, full_info: bool = False
    ) -> Any:
        """Write a user-data file; returns its path (or its info with ``full_info``)."""
        return await self._call(file_calls.post_userdata_file(file, data, overwrite, full_info))

    async def delete_userdata_file(self, file: str) -> None:
        """Delete a user-data file."""
        await self._call(file_calls.delete_userdata_file(file))

    async def move_userdata_file(
        self, file: str, dest: str, overwrite: bool = True, full_info: bool = False
    ) -> Any:
        """Move or rename a user-data file."""
        return await self._call(file_calls.move_userdata_file(file, dest, overwrite, full_info))

    # -- jobs (newer ComfyUI) ---------------------------------------------------------------------

    async def list_jobs(self, **filters: Any) -> JobList:
        """One page of jobs (``status``, ``workflow_id``, ``sort_by``, ``sort_order``,
        ``limit``, ``offset`` as keyword filters; ``status`` may be a list)."""
        return await self._call(calls.list_jobs(**filters))

    async def iter_jobs(self, page_size: int = 100, **filters: Any) -> AsyncIterator[Job]:
        """Every job matching the filters of :meth:`list_jobs`, page after page; ``limit``
        caps how many are yielded in all (pages ask for no more than that)."""
        offset = int(filters.pop("offset", 0) or 0)
        left = filters.pop("limit", None)
        if left is not None and (type(left) is not int or left < 0):
            raise InvalidArgumentError("limit", left, "a number of jobs (0 or more)")
        while left is None or left > 0:
            size = page_size if left is None else min(page_size, left)
            page = await self._call(calls.list_jobs(**filters, limit=size, offset=offset))
            jobs = page.jobs if left is None else page.jobs[:left]
            for job in jobs:
                yield job
            if not page.pagination.has_more or not page.jobs:
                return
            offset += len(page.jobs)
            left = None if left is None else left - len(jobs)

    async def get_job(self, job_id: str) -> Job:
        """One job, with its outputs when finished (``JobStatus(job.status)`` types it)."""
        return await self._call(calls.get_job(job_id))

    async def cancel_job(self, job_id: str) -> bool:
        """Cancel a job (interrupt if running, dequeue if pending); True if anything changed."""
        return await self._call(calls.cancel_job(job_id))

    async def cancel_jobs(self, job_ids: Iterable[str]) -> bool:
        """Cancel several jobs at once."""
        return await self._call(calls.cancel_jobs(list(job_ids)))


#: What ``run`` passes on to ``submit_workflow``.
_SUBMIT_KEYWORDS = frozenset(inspect.signature(AsyncComfyClient.submit_workflow).parameters)
