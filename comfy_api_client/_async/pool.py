"""A pool of ComfyUI servers: one client per server, routing, health, failover.

This file is the source of ``../_sync/pool.py`` (``scripts/unasync.py``). Every decision is
made by the I/O-free :class:`~comfy_api_client.core.pool_core.PoolCore`; this shell only asks the
servers, posts prompts, waits and completes futures. What differs between the two shells
(tasks or threads) lives in ``pool_jobs.py`` of each package.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..calls.transport import may_have_arrived
from ..core.address import ServerAddress
from ..core.locate import Where, locate
from ..core.options import ClientOptions
from ..core.pool_core import (
    AskAgain,
    CleanUp,
    Deliver,
    Emit,
    Fail,
    GiveUp,
    Move,
    Poll,
    PoolCallback,
    PoolCore,
    PoolEffect,
    PoolEvent,
    PoolOptions,
    PoolPromptView,
    PoolResult,
    Post,
    Probe,
    ServerEvent,
    ServerStatus,
    Submission,
    call_safely,
    describe,
    server_name,
    with_server,
)
from ..core.routing import requirements
from ..errors import (
    ClientClosedError,
    ComfyConnectionError,
    ComfyError,
    ComfyTimeoutError,
    InvalidArgumentError,
    NoEligibleServerError,
    NoServerAvailableError,
    PromptCancelledError,
    PromptLostError,
    PromptNotFinishedError,
)
from ..events import Event
from ..workflows.submission import check_prompt_id, prepare
from ..workflows.workflow import Workflow
from .backend import Lock
from .client import AsyncComfyClient
from .lifecycle import Lifecycle
from .pool_jobs import Jobs, new_future
from .pool_prompt import AsyncPoolPrompt
from .requester import locate_prompt

logger = logging.getLogger("comfy_api_client")


class AsyncComfyPool(Lifecycle):
    """Several ComfyUI servers behind the surface of one client (``create_pool([...])``,
    ``create_async_pool([...])``; a context manager). Each workflow goes to a server that has
    every node class and file it names, the least loaded for its weight; a server whose
    socket and HTTP both fail is left out until it answers again, and its prompts are
    resubmitted elsewhere under the same prompt id (never twice where the old server can be
    asked)."""

    def __init__(
        self,
        servers: Sequence[str | ServerAddress],
        client_options: Mapping[str, Any] | None = None,
        *,
        weights: Mapping[str, float] | None = None,
        on_event: PoolCallback | None = None,
        options: PoolOptions | None = None,
    ) -> None:
        self.options = options or PoolOptions()
        names = [server_name(s) for s in servers]
        self._addresses = dict(zip(names, servers, strict=True))
        client_options = dict(client_options or {})
        if client_options.get("api", "native") != "native":
            raise InvalidArgumentError(
                "api",
                client_options["api"],
                "a pool speaks ComfyUI's native API (it routes by /object_info and asks "
                "/queue and /history)",
            )
        self._client_args = client_options
        opts = self.options
        self._core = PoolCore(
            names,
            weights,
            max_attempts=opts.max_attempts,
            failover_after=opts.failover_after,
            probe_interval=opts.probe_interval,
        )
        #: The core owns every prompt and server record; it is read and changed only under
        #: this lock (sync: many threads), and its effects are carried out outside it.
        self._lock = threading.Lock()
        self._clients: dict[str, AsyncComfyClient | None] = dict.fromkeys(names)
        self._on_event = on_event
        self._jobs = Jobs()
        self._open_lock = Lock()
        self._opened = False
        self._closed = False

    # -- life cycle ---------------------------------------------------------------------------

    async def open(self) -> None:
        """Probe every server, connect to those that answer, start the health monitor.

        Servers that do not answer are down until a probe reaches them; the pool works
        with the others meanwhile (with none, submissions raise ``NoServerAvailableError``).
        """
        async with self._open_lock:  # submissions meanwhile wait for the first probes
            if self._closed:
                raise ClientClosedError("this pool was closed; create a new one")
            if self._opened:
                return
            await self._jobs.each(self._probe, self._core.names)
            up = [s.name for s in self.servers if s.state == "up"]
            logger.info("pool of %d servers open (%d up)", len(self._clients), len(up))
            self._jobs.spawn(self._monitor)
            self._opened = True

    async def close(self) -> None:
        """Stop the monitor, close every client; prompts still waiting fail with
        ``ClientClosedError``."""
        if self._closed:
            return
        self._closed = True
        with self._lock:
            waiting = self._core.close()
        await self._jobs.stop()
        for name, client in list(self._clients.items()):
            if client is not None:
                await client.close()
            self._clients[name] = None
        self._carry_out(waiting)

    async def _ensure_open(self) -> None:
        if self._closed:
            raise ClientClosedError("this pool was closed; create a new one")
        if not self._opened:
            await self.open()

    # -- what users see -------------------------------------------------------------------------

    @property
    def servers(self) -> list[ServerStatus]:
        """Every server with its state (up/down/recovering), socket, queue and prompts here."""
        states = {
            name: client.server_state
            for name, client in self._clients.items()
            if client is not None
        }  # read outside the pool's lock: a client's state has a lock of its own
        found = []
        with self._lock:
            for name in self._core.names:
                state = states.get(name)
                found.append(
                    self._core.status(
                        name,
                        state.connected if state is not None else False,
                        state.queue_remaining if state is not None else None,
                    )
                )
        return found

    def client(self, server: str) -> AsyncComfyClient | None:
        """The client of one server (None while the pool has not reached it)."""
        PoolCore.check_names([server], self._core.names, "server")
        return self._clients.get(server)

    # -- prompts --------------------------------------------------------------------------------

    async def submit_workflow(
        self,
        workflow: Mapping[str, Any] | Workflow,
        *,
        on_event: PoolCallback | None = None,
        prompt_id: str | None = None,
        include: Iterable[str] | None = None,
        exclude: Iterable[str] | None = None,
        reattach: bool = False,
        extra_data: Mapping[str, Any] | None = None,
        front: bool = False,
        partial_execution_targets: Iterable[str] | None = None,
        validate: bool | None = None,
    ) -> AsyncPoolPrompt:
        """Queue a workflow on the best server for it; the prompt's ``future`` gives a
        ``PoolResult`` (``result.server`` names the server that ran it).

        ``include``/``exclude``: server names (as given to the pool) this prompt may or may
        not go to. ``reattach=True`` (with ``prompt_id``): every server in scope, up or down,
        is asked first; one that has the prompt (queued, running, finished) is followed; it is
        posted only once all said they have not, else ``PromptUnconfirmedError`` (retryable).
        Raises ``NoEligibleServerError``, ``PromptValidationError`` as a client does."""
        await self._ensure_open()
        if prompt_id is not None:
            check_prompt_id(prompt_id)
        pid = prompt_id or str(uuid.uuid4())
        with self._lock:
            following: AsyncPoolPrompt | None = self._core.waiter(pid)
            if reattach and following is not None:  # this pool follows it already
                return following
            view = self._core.new_prompt(pid, include, exclude, on_event)
        prompt = AsyncPoolPrompt(self, view, new_future())
        try:
            payload = await self._submission(
                pid, workflow, extra_data, partial_execution_targets, front, validate
            )
            with self._lock:
                self._core.prepared(pid, payload, prompt)
            if not (reattach and await self._reattach(prompt)):
                await self._post(prompt)
        except BaseException as exc:
            with self._lock:  # raised here: the prompt was never handed out, nobody waits
                self._core.fail(pid, exc)
            raise
        return prompt

    async def run(
        self, workflow: Mapping[str, Any] | Workflow, timeout: float | None = None, **kwargs: Any
    ) -> PoolResult:
        """Submit ``workflow`` and wait for its result (``ComfyTimeoutError`` after
        ``timeout`` s)."""
        prompt = await self.submit_workflow(workflow, **kwargs)
        return await prompt.result(timeout)

    async def validate_workflow(
        self,
        workflow: Mapping[str, Any] | Workflow,
        *,
        include: Iterable[str] | None = None,
        exclude: Iterable[str] | None = None,
    ) -> Workflow:
        """Check that some server can run the workflow and that it validates there.

        Returns the API-format ``Workflow`` that would be sent, when valid; raises
        ``NoEligibleServerError`` or ``PromptValidationError`` otherwise."""
        await self._ensure_open()
        pid = str(uuid.uuid4())
        with self._lock:
            self._core.new_prompt(pid, include, exclude)
        try:
            submission = await self._submission(pid, workflow, None, None, False, True)
            name, _token = await self._choose(pid, submission, assign=False)
        finally:
            with self._lock:  # nobody waits for it
                self._core.fail(pid, ClientClosedError("validation only"))
        client = self._require_client(name)
        return await client.validate_workflow(submission.workflow, submission.targets)

    async def cancel_prompt(self, prompt: AsyncPoolPrompt | str) -> None:
        """Cancel a prompt of this pool wherever it is; it never moves again."""
        pid = prompt if isinstance(prompt, str) else prompt.prompt_id
        with self._lock:
            name = self._core.cancel(pid)
        if name is not None:
            await self._require_client(name).cancel_prompt(pid)

    # -- placing prompts ------------------------------------------------------------------------

    async def _submission(
        self,
        prompt_id: str,
        workflow: Mapping[str, Any] | Workflow,
        extra_data: Mapping[str, Any] | None,
        targets: Iterable[str] | None,
        front: bool,
        validate: bool | None,
    ) -> Submission:
        """The API-format workflow (a UI-format one converted by a server in scope) and
        what to post with it."""
        prepared = prepare(workflow, extra_data, targets)
        api = prepared.api
        if api is None:
            assert prepared.ui is not None
            converter = await self._any_client(prompt_id)
            api = (await converter.convert_ui(prepared.ui)).nodes
        return Submission(
            workflow=api,
            needs=requirements(api),
            extra_data=prepared.extra_data,
            targets=prepared.targets,
            front=front,
            validate=validate,
        )

    async def _any_client(self, prompt_id: str) -> AsyncComfyClient:
        with self._lock:
            scope = self._core.in_scope(prompt_id)
            up = self._core.up_in_scope(prompt_id)
        for name in up:
            client = self._clients.get(name)
            if client is not None:
                return client
        raise NoServerAvailableError({n: ["down"] for n in scope}, "a UI-format workflow")

    async def _read_definitions(self, names: Iterable[str], refresh: bool = False) -> None:
        """Read (or re-read) the node definitions of these servers; one that fails is down."""

        async def read(name: str) -> None:
            client = self._clients.get(name)
            if client is None:
                return
            try:
                definitions = await client.node_definitions(refresh=refresh)
            except (ComfyConnectionError, ComfyTimeoutError) as exc:
                self._down(name, describe(exc))
                return
            with self._lock:
                self._core.learn(name, definitions)

        await self._jobs.each(read, list(names))

    async def _choose(
        self, prompt_id: str, submission: Submission, assign: bool
    ) -> tuple[str, int]:
        """The server for the prompt (counted there when ``assign``) and the placement's
        token; node definitions are read where missing, and re-read once when no server has
        what the workflow needs."""
        with self._lock:
            unknown = self._core.unknown_capabilities(prompt_id)
        if unknown:
            await self._read_definitions(unknown)
        for again in (False, True):
            try:
                reported = self._reported()
                with self._lock:
                    return self._core.place(prompt_id, submission.needs, reported, assign)
            except NoServerAvailableError:
                raise
            except NoEligibleServerError:
                if again:
                    raise
                with self._lock:
                    scope = self._core.up_in_scope(prompt_id)
                await self._read_definitions(scope, refresh=True)  # a file added since?
        raise AssertionError("unreachable")

    def _reported(self) -> dict[str, int | None]:
        reported: dict[str, int | None] = {}
        for name, client in self._clients.items():
            reported[name] = client.server_state.queue_remaining if client is not None else None
        return reported

    async def _post(self, prompt: AsyncPoolPrompt) -> None:
        """Post the prompt to the best server for it, under its id; a server that cannot be
        reached is marked down and the next one tried."""
        pid = prompt.prompt_id
        with self._lock:
            submission: Submission = self._core.payload(pid)
        while True:
            name, token = await self._choose(pid, submission, assign=True)
            client = self._require_client(name)
            try:
                inner = await client.submit_workflow(
                    submission.workflow,
                    on_event=functools.partial(self._prompt_message, prompt, name),
                    prompt_id=pid,
                    extra_data=submission.extra_data,
                    front=submission.front,
                    partial_execution_targets=submission.targets,
                    validate=submission.validate,
                )
            except (ComfyConnectionError, ComfyTimeoutError) as exc:
                sent = not isinstance(exc, ComfyConnectionError) or may_have_arrived(exc)
                with self._lock:
                    left = self._core.unplace(pid, name, sent)
                self._down(name, describe(exc))
                if not left:
                    raise
                continue
            except BaseException:
                with self._lock:
                    self._core.unplace(pid, name, False)
                raise
            prompt.inner = inner
            logger.info("pool: prompt %s on %s", pid, name)
            if not inner.tracked:  # the client follows nothing: poll for it
                self._jobs.spawn(self._follow_by_polling, prompt, name, token)
            else:
                inner.future.add_done_callback(
                    functools.partial(self._settled, prompt, name, token)
                )
            return

    def _require_client(self, name: str) -> AsyncComfyClient:
        client = self._clients.get(name)
        if client is None:
            raise ComfyConnectionError(f"the pool has no connection to {name}")
        return client

    # -- outcomes --------------------------------------------------------------------------------

    def _settled(self, prompt: AsyncPoolPrompt, name: str, token: int, future: Any) -> None:
        """The client's future of placement ``token`` completed (on its tracker)."""
        if future.cancelled():
            error: BaseException | None = PromptCancelledError(prompt.prompt_id)
            result = None
        else:
            error = future.exception()
            result = None if error is not None else future.result()
        self._decide(prompt, token, result, error)

    def _decide(
        self, prompt: AsyncPoolPrompt, token: int, result: Any, error: BaseException | None
    ) -> None:
        with self._lock:
            effects = self._core.settle(prompt.prompt_id, token, result, error)
        self._carry_out(effects)

    def _carry_out(self, effects: list[PoolEffect]) -> None:
        """Carry out what the core asked for (never while holding the pool's lock)."""
        for effect in effects:
            if isinstance(effect, Deliver):
                if effect.waiter is not None:
                    effect.waiter.end(effect.view, with_server(effect.result, effect.server), None)
            elif isinstance(effect, Fail):
                if effect.waiter is not None:
                    effect.waiter.end(effect.view, None, effect.error)
            elif isinstance(effect, Move):
                if effect.waiter is not None:
                    self._jobs.spawn(self._move, effect.waiter, effect)
            elif isinstance(effect, Post):
                self._jobs.spawn(self._post_again, effect.waiter, effect)
            elif isinstance(effect, Poll):
                self._jobs.spawn(
                    self._follow_by_polling, effect.waiter, effect.server, effect.token
                )
            elif isinstance(effect, Probe):
                self._jobs.spawn(self._probe, effect.server)
            elif isinstance(effect, CleanUp):
                self._jobs.spawn(self._recover, effect.server, effect.prompt_ids)
            elif isinstance(effect, Emit):
                self._emit(effect.event, effect.also, effect.to_pool)

    async def _move(self, prompt: AsyncPoolPrompt, move: Move) -> None:
        """Resubmit a lost prompt elsewhere, unless its old server (asked first, when it can
        be) still has it or finished it."""
        pid = move.prompt_id
        prompt.inner = None
        found, asked = None, False
        if move.ask_old:
            try:
                found = await self._locate(move.old, pid)
                asked = True
            except ComfyError as exc:
                logger.info("pool: cannot ask %s about %s: %s", move.old, pid, exc)
        with self._lock:
            effects = self._core.located(pid, move.old, move.reason, found, asked)
        self._carry_out(effects)

    async def _post_again(self, prompt: AsyncPoolPrompt, post: Post) -> None:
        """Post a prompt that moved; the prompt fails with what posting raised."""
        try:
            await self._post(prompt)
        except BaseException as exc:
            with self._lock:
                effects = self._core.fail(post.prompt_id, exc)
        else:
            with self._lock:
                effects = self._core.moved_to(post.prompt_id, post.old, post.reason)
        self._carry_out(effects)

    async def _locate(self, name: str, prompt_id: str) -> str | None:
        """Where ``name`` has ``prompt_id``: ``"queued"`` (pending or running), ``"finished"``
        (in its history), or None; asked through a client of its own when the pool has none."""
        client = self._clients.get(name)
        asked = client or AsyncComfyClient(self._client_options(name, probe=True))
        try:
            await asked.open()
            found = (await locate_prompt(prompt_id, asked.get_queue, asked.get_history)).where
        finally:
            if asked is not client:
                await asked.close()
        return "queued" if found.queued else "finished" if found is Where.FINISHED else None

    async def _reattach(self, prompt: AsyncPoolPrompt) -> bool:
        """Follow the prompt where a server in scope has it (True); False once every one (up
        or down) said it has not. See ``PoolCore.reattach``."""
        pid = prompt.prompt_id
        with self._lock:
            asking = self._core.in_scope(pid)
        found: dict[str, str | None] = {}
        rounds = 0
        while True:
            failed: dict[str, str] = {}
            for name in asking:
                try:
                    found[name] = await self._locate(name, pid)
                except ComfyError as exc:
                    if self._closed:
                        raise
                    logger.info("pool: cannot ask %s about %s: %s", name, pid, exc)
                    failed[name] = describe(exc)
            with self._lock:
                step = self._core.reattach(pid, found, failed, rounds)
            if isinstance(step, AskAgain):
                await self._jobs.sleep(step.delay)
                asking, rounds = step.servers, rounds + 1
                continue
            if isinstance(step, GiveUp):
                raise step.error
            if step is None:
                return False
            with self._lock:
                effects = self._core.reattached(pid, step)
            self._carry_out(effects)
            return True

    async def _follow_by_polling(self, prompt: AsyncPoolPrompt, name: str, token: int) -> None:
        """Follow a prompt the pool did not post (or whose client gave up on it) through
        ``/history`` and ``/queue`` until it ends there or moves."""
        pid = prompt.prompt_id
        while self._current(pid, token) and not self._jobs.stopping:
            client = self._clients.get(name)
            if client is None:  # found on a server not connected yet: the monitor connects it
                await self._jobs.sleep(self.options.poll_interval)
                continue
            try:
                result = await client.fetch_results(pid)
            except PromptNotFinishedError:
                try:
                    queue = await client.get_queue()
                    if locate(pid, queue).where.queued:
                        await self._jobs.sleep(self.options.poll_interval)
                        continue
                    result = await client.fetch_results(pid)  # ended meanwhile?
                except PromptNotFinishedError as exc:
                    self._decide(prompt, token, None, PromptLostError(exc.prompt_id))
                    return
                except (ComfyConnectionError, ComfyTimeoutError):
                    await self._jobs.sleep(self.options.poll_interval)
                    continue  # the monitor moves it if the server stays down
                except ComfyError as exc:
                    self._decide(prompt, token, None, exc)
                    return
            except (ComfyConnectionError, ComfyTimeoutError):
                await self._jobs.sleep(self.options.poll_interval)
                continue
            except ComfyError as exc:
                self._decide(prompt, token, None, exc)
                return
            self._decide(prompt, token, result, None)
            return

    # -- health ---------------------------------------------------------------------------------

    async def _monitor(self) -> None:
        """Probe servers that look down, move prompts off servers down for too long."""
        while not self._jobs.stopping:
            await self._jobs.sleep(self.options.monitor_interval)
            connected = {
                name: client is not None and client.server_state.connected
                for name, client in self._clients.items()
            }
            now = time.monotonic()
            with self._lock:
                effects = self._core.tick(now, connected)
            self._carry_out(effects)

    async def _probe(self, name: str) -> None:
        """One HTTP request to ``name`` (a client of its own, no socket); connect the pool's
        client to it once it answers."""
        ok, reason = True, None
        probe = AsyncComfyClient(self._client_options(name, probe=True))
        try:
            await probe.open()  # GET /prompt, nothing else
        except ComfyError as exc:
            ok, reason = False, describe(exc)
        finally:
            await probe.close()
        if ok and self._clients.get(name) is None and not self._closed:
            ok, reason = await self._connect(name)
        with self._lock:
            effects = self._core.probed(name, ok, reason, time.monotonic())
        self._carry_out(effects)

    async def _connect(self, name: str) -> tuple[bool, str | None]:
        client = AsyncComfyClient(self._client_options(name))
        try:
            await client.open()
        except ComfyError as exc:
            return False, describe(exc)
        if self._closed:
            await client.close()
            return False, "the pool is closed"
        self._clients[name] = client
        return True, None

    async def _recover(self, name: str, prompt_ids: list[str]) -> None:
        """Remove from ``name`` the prompts that moved away while it could not be asked."""
        client = self._require_client(name)
        cleaned = []
        for pid in prompt_ids:
            try:
                found = (await locate_prompt(pid, client.get_queue, client.get_history)).where
                if found.queued:  # cancelled as the client cancels: the jobs API if it has it
                    await client.cancel_prompt(pid)
                    logger.warning(
                        "pool: cancelled prompt %s (%s) on %s (it moved away)",
                        pid,
                        found.value,
                        name,
                    )
                elif found is Where.FINISHED:
                    logger.warning(
                        "pool: prompt %s ran on %s while it was unreachable, and elsewhere",
                        pid,
                        name,
                    )
            except ComfyError as exc:
                logger.info("pool: could not clean up %s on %s: %s", pid, name, exc)
                continue
            cleaned.append(pid)
        with self._lock:
            effects = self._core.recovered(name, cleaned)
        self._carry_out(effects)

    def _down(self, name: str, reason: str) -> None:
        with self._lock:
            effects = self._core.went_down(name, reason, time.monotonic())
        self._carry_out(effects)

    def _client_options(self, name: str, probe: bool = False) -> ClientOptions:
        args = dict(self._client_args)
        if probe:
            args.update(start_state_tracker=None, http_timeout=self.options.probe_timeout)
            args.pop("state_tracker_kwargs", None)
        else:
            args["on_event"] = functools.partial(self._server_message, name)
        return ClientOptions.build(self._addresses[name], **args)

    # -- events ---------------------------------------------------------------------------------

    def _server_message(self, name: str, event: Event) -> None:
        if self._on_event is not None:
            self._emit(ServerEvent(name, event))

    def _prompt_message(self, prompt: AsyncPoolPrompt, name: str, event: Event) -> None:
        with self._lock:
            self._core.saw(prompt.prompt_id, name, event)
        self._emit(ServerEvent(name, event), prompt.on_event, to_pool=False)

    def _current(self, prompt_id: str, token: int) -> bool:
        with self._lock:
            return self._core.current(prompt_id, token)

    def view(self, prompt: AsyncPoolPrompt | str) -> PoolPromptView | None:
        """A snapshot of an unfinished prompt of this pool (None: it follows no such prompt)."""
        if isinstance(prompt, str):
            with self._lock:
                return self._core.view(prompt)
        with self._lock:
            return self._core.view(prompt.prompt_id, prompt)

    def _emit(
        self, event: PoolEvent, also: PoolCallback | None = None, to_pool: bool = True
    ) -> None:
        if to_pool and self._on_event is not None:
            call_safely(self._on_event, event)
        if also is not None:
            call_safely(also, event)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {', '.join(self._core.names)}>"
