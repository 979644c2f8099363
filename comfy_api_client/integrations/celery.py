"""ComfyUI workflows as Celery tasks, for more than one process (``[celery]`` extra).

    from celery import Celery
    from comfy_api_client.integrations.celery import workflow_task

    app = Celery("render", broker="redis://...", backend="redis://...")
    render = workflow_task(app, servers=["gpu1:8188", "gpu2:8188"], output_dir="/srv/out")

    render.delay(workflow, inputs={"KSampler.seed": 42}).get(timeout=600)
    # {"prompt_id": ..., "server": "gpu2:8188", "files": ["/srv/out/<prompt id>/..."], ...}

Each worker process keeps one pool of the servers (created at its first task, closed when
the process ends). The prompt id is derived from the task id, so a task delivered again after
a worker died (the task is ``acks_late``) finds the prompt the dead worker queued, running or
finished, instead of posting it a second time.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import logging
import os
import threading
import time
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

try:
    from celery import Celery, Task, signals
    from celery.exceptions import Ignore, SoftTimeLimitExceeded
    from celery.worker import state as worker_state
except ModuleNotFoundError as exc:  # as the other extras do: say what to install
    raise ModuleNotFoundError(
        f"comfy_api_client.celery needs Celery (no module {exc.name!r}): "
        "pip install 'comfy-api-client[celery]'",
        name=exc.name,
    ) from exc

from .. import create_pool
from .._sync.pool import ComfyPool
from .._sync.pool_prompt import PoolPrompt
from ..core.address import ServerAddress
from ..core.pool_core import PoolResult
from ..errors import ComfyError, ComfyTimeoutError, PromptUnconfirmedError
from ..workflows.workflow import Workflow
from .error_json import error_fields

logger = logging.getLogger("comfy_api_client")

#: Namespace of the prompt ids derived from task ids (``uuid5``).
PROMPT_NAMESPACE = uuid.UUID("3f6c2a8e-5b1d-4c7e-9a0f-6d2b8e4c1a7f")
#: How long a task waits for its prompt unless ``timeout=`` says otherwise (seconds).
DEFAULT_TIMEOUT = 3600.0
#: Seconds before a task whose reattach could not learn whether a server holds its prompt
#: (``PromptUnconfirmedError``) runs again, and how often it does before it fails.
UNCONFIRMED_RETRY_DELAY = 10.0
UNCONFIRMED_RETRIES = 5
#: What ``task.delay(workflow, **run_options)`` accepts besides the workflow.
RUN_OPTIONS = frozenset(
    {
        "timeout",
        "inputs",
        "fill",
        "include",
        "exclude",
        "validate",
        "front",
        "extra_data",
        "partial_execution_targets",
    }
)


def prompt_id_for(task_id: str) -> str:
    """The prompt id of a task: a canonical lowercase UUID derived from the task id."""
    return str(uuid.uuid5(PROMPT_NAMESPACE, task_id))


class ComfyTaskError(Exception):
    """A ComfyUI error as a task failure: ``error_type`` names the typed error
    (``ExecutionError``, ``PromptValidationError``...), ``fields`` holds its fields as JSON.

    Built from its arguments alone, so Celery's result backend gives it back to the caller
    of ``.get()`` as it was raised.
    """

    def __init__(self, message: str, error_type: str = "", fields: Mapping[str, Any] | None = None):
        super().__init__(message, error_type, dict(fields or {}))
        self.message = message
        self.error_type = error_type
        self.fields: dict[str, Any] = dict(fields or {})

    def __str__(self) -> str:
        return f"{self.error_type}: {self.message}" if self.error_type else self.message


def task_error(error: ComfyError) -> ComfyTaskError:
    return ComfyTaskError(str(error), type(error).__name__, error_fields(error))


class WorkerPool:
    """One pool of the servers per worker process, created at its first task."""

    def __init__(self, servers: Sequence[str | ServerAddress], options: Mapping[str, Any]) -> None:
        self.servers = list(servers)
        self.options = dict(options)
        self._pool: ComfyPool | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()

    def get(self) -> ComfyPool:
        with self._lock:
            if self._pool is None or self._pid != os.getpid():  # a forked child starts anew
                pool = create_pool(self.servers, **self.options)
                pool.open()
                self._pool, self._pid = pool, os.getpid()
            return self._pool

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
            if pool is not None and self._pid == os.getpid():
                pool.close()


#: What makes a redelivered task safe: acknowledged only once it ended (a worker lost mid-task
#: gets it redelivered, and the pool's reattach finds the prompt it posted instead of posting
#: again), its state STARTED while it runs, ``self`` bound for retries.
TASK_OPTIONS: dict[str, Any] = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "track_started": True,
}


def workflow_task(
    app: Celery,
    servers: Sequence[str | ServerAddress] | None = None,
    output_dir: str | os.PathLike[str] = "comfy-outputs",
    *,
    name: str = "comfy_api_client.run_workflow",
    progress_interval: float = 0.5,
    retry_delay: float = UNCONFIRMED_RETRY_DELAY,
    max_retries: int = UNCONFIRMED_RETRIES,
    **client_options: Any,
) -> Task:
    """Register a task on ``app`` that runs a workflow on these ComfyUI servers.

    ``servers``: addresses (default ``$COMFYUI_URL`` or ``127.0.0.1:8188``); with several,
    the worker's pool routes and fails over between them. ``output_dir``: where each prompt's
    files are saved, under a directory named by its prompt id, the server's subfolders
    kept. Other keywords go to ``create_pool`` (``weights``, ``max_attempts``,
    ``failover_after``, and every client option such as ``http_timeout`` or ``headers``).

    ``task.delay(workflow, **run_options)``: ``workflow`` is an API- or UI-format dict, or a
    ``Graph`` (sent as its API-format dict);
    ``run_options``: ``timeout`` (seconds, default 3600), ``inputs`` (``{"KSampler.seed":
    42}``, as ``Workflow.update``), ``fill`` (``{{placeholders}}``), ``include``,
    ``exclude``, ``validate``, ``front``, ``extra_data``, ``partial_execution_targets``.
    The result is a JSON dict: ``prompt_id``, ``server``, ``files``, ``texts``,
    ``attempts``, ``status``. Progress is published as state ``PROGRESS``; revoking the task
    (``revoke(id)`` with a ``threads`` pool, ``revoke(id, terminate=True,
    signal="SIGUSR1")`` with ``prefork``) cancels the prompt; a ComfyUI error fails the task
    with a :class:`ComfyTaskError` carrying the typed error's fields. A task delivered again
    follows its prompt where a server has it; when a server in scope cannot say whether it
    has it (``PromptUnconfirmedError``), nothing is posted and the task is retried after
    ``retry_delay`` s, at most ``max_retries`` times (then it fails with that error).
    """
    address_list = list(servers) if servers else [os.environ.get("COMFYUI_URL") or "127.0.0.1:8188"]
    workers = WorkerPool(address_list, client_options)
    out = Path(output_dir)
    atexit.register(workers.close)
    signals.worker_process_shutdown.connect(lambda **_: workers.close(), weak=False)

    @app.task(name=name, max_retries=max_retries, default_retry_delay=retry_delay, **TASK_OPTIONS)
    def run_workflow(
        self: Task, workflow: Mapping[str, Any] | Workflow, **run_options: Any
    ) -> dict[str, Any]:
        return run(self, workers.get(), workflow, run_options, out, progress_interval)

    return run_workflow


def run(
    task: Task,
    pool: ComfyPool,
    workflow: Mapping[str, Any] | Workflow,
    run_options: Mapping[str, Any],
    output_dir: Path,
    progress_interval: float,
) -> dict[str, Any]:
    """The body of the task: submit (or find again), follow, save, report."""
    unknown = sorted(set(run_options) - RUN_OPTIONS)
    if unknown:
        raise ComfyTaskError(
            f"unknown run options {unknown}; known: {sorted(RUN_OPTIONS)}", "InvalidArgumentError"
        )
    options = dict(run_options)
    timeout = float(options.pop("timeout", None) or DEFAULT_TIMEOUT)
    task_id = str(task.request.id)
    try:
        wf = Workflow.load(workflow if isinstance(workflow, Workflow) else dict(workflow))
        if options.get("inputs"):
            wf.update(options.pop("inputs"))
        options.pop("inputs", None)
        if options.get("fill"):
            wf.fill(**options.pop("fill"))
        options.pop("fill", None)
        prompt = pool.submit_workflow(
            wf, prompt_id=prompt_id_for(task_id), reattach=True, **options
        )
        result = follow(task, pool, prompt, timeout, progress_interval)
        files = save_files(pool, result, output_dir / result.prompt_id)
    except PromptUnconfirmedError as exc:  # posting could run it twice: ask again later
        raise task.retry(exc=task_error(exc)) from None
    except ComfyError as exc:
        raise task_error(exc) from None
    return {
        "prompt_id": result.prompt_id,
        "server": result.server,
        "files": [str(path) for path in files],
        "texts": result.texts,
        "attempts": prompt.attempts,
        "status": result.status,
        "task_id": task_id,
    }


def follow(
    task: Task, pool: ComfyPool, prompt: PoolPrompt, timeout: float, interval: float
) -> PoolResult:
    """Wait for the prompt, publishing its progress and cancelling it if the task is revoked."""
    deadline = time.monotonic() + timeout
    published: dict[str, Any] | None = None
    try:
        while True:
            meta = progress_meta(prompt)
            if meta != published:
                task.update_state(state="PROGRESS", meta=meta)
                published = meta
            if task.request.id in worker_state.revoked:
                logger.info(
                    "task %s revoked: cancelling prompt %s", task.request.id, prompt.prompt_id
                )
                revoke(task, pool, prompt)
            left = deadline - time.monotonic()
            if left <= 0:
                pool.cancel_prompt(prompt)
                raise ComfyTimeoutError(
                    f"prompt {prompt.prompt_id} did not finish within {timeout} s"
                )
            try:
                result: PoolResult = prompt.future.result(min(interval, left))
                return result
            except concurrent.futures.TimeoutError:
                continue
            except concurrent.futures.CancelledError:
                revoke(task, pool, prompt)
    except SoftTimeLimitExceeded:  # revoke(terminate=True, signal="SIGUSR1") or a soft limit
        logger.info("task %s stopped: cancelling prompt %s", task.request.id, prompt.prompt_id)
        pool.cancel_prompt(prompt)
        raise


def revoke(task: Task, pool: ComfyPool, prompt: PoolPrompt) -> None:
    """Cancel the prompt and end the task as revoked."""
    try:
        pool.cancel_prompt(prompt)
    except ComfyError as exc:
        logger.warning("could not cancel prompt %s: %s", prompt.prompt_id, exc)
    task.backend.mark_as_revoked(task.request.id, reason="revoked", request=task.request)
    raise Ignore()


def progress_meta(prompt: PoolPrompt) -> dict[str, Any]:
    """What the task publishes as its ``PROGRESS`` state."""
    progress = prompt.progress
    return {
        "prompt_id": prompt.prompt_id,
        "server": prompt.server,
        "status": str(prompt.status),
        "node": progress.node if progress is not None else None,
        "value": progress.value if progress is not None else None,
        "max": progress.max if progress is not None else None,
        "attempts": prompt.attempts,
    }


def save_files(pool: ComfyPool, result: PoolResult, directory: Path) -> list[Path]:
    """Write every output file under ``directory`` (its subfolder kept, a counter on a clash:
    :mod:`comfy_api_client.core.saving`), streaming from the server the files that were not
    downloaded (``download_outputs=False``)."""
    saved = []
    for file in result.files:
        if file.downloaded:  # in memory or in a temporary file (not read to check)
            saved.append(file.save(directory).resolve())
            continue
        client = pool.client(result.server)
        if client is None:
            raise ComfyError(f"cannot download {file.filename}: {result.server} is unreachable")
        saved.append(client.download(file, f"{directory}{os.sep}").resolve())
    return saved
