"""The one tracker shell (``_async/tracker.py``, generated into ``_sync/``) behaves alike on
both sides where the hand-kept twins had drifted apart."""

from __future__ import annotations

import asyncio

from comfy_api_client._async.requester import AsyncRequester
from comfy_api_client._async.tracker import AsyncTracker
from comfy_api_client._sync.requester import SyncRequester
from comfy_api_client._sync.tracker import SyncTracker
from comfy_api_client.core.options import ClientOptions
from comfy_api_client.core.tracker_core import Reconcile
from comfy_api_client.errors import ClientClosedError


def options() -> ClientOptions:
    return ClientOptions.build("http://127.0.0.1:9", start_state_tracker="http")


def test_a_reconcile_asked_while_closing_is_given_up_on_both_sides() -> None:
    """Drift 5: the sync side told the core; the async side skipped it silently."""
    sync = SyncTracker(options(), SyncRequester(options()))
    future = sync.register("p1", {}, None, True)
    sync._core.submitted("p1", {"prompt_id": "p1", "number": 1, "node_errors": {}})
    effects = sync._core.reconcile_needed("late")
    assert effects == [Reconcile("late")] and sync._core._queue_asked
    sync._closing = True  # stop() under way
    sync.handle(effects)
    assert not sync._core._queue_asked
    sync.stop()
    assert future is not None and isinstance(future.exception(), ClientClosedError)

    async def main() -> None:
        tracker = AsyncTracker(options(), AsyncRequester(options()))
        afuture = tracker.register("p1", {}, None, True)
        tracker._core.submitted("p1", {"prompt_id": "p1", "number": 1, "node_errors": {}})
        effects = tracker._core.reconcile_needed("late")
        tracker._closing = True
        tracker.handle(effects)
        assert not tracker._core._queue_asked
        await tracker.stop()
        assert afuture is not None and isinstance(afuture.exception(), ClientClosedError)

    asyncio.run(main())


def test_both_sides_bound_their_short_work_alike() -> None:
    """Drift 4: one bound (``WORKERS``) for all of a tracker's short jobs, on both sides."""
    from comfy_api_client._async import tracker as atracker
    from comfy_api_client._sync import tracker as stracker

    assert atracker.WORKERS == stracker.WORKERS == 4
