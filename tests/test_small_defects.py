"""Small defects from the review: ``iter_jobs(limit=...)``, ``ComfyTestServer`` inside async code."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import respx

from comfy_api_client import create_async_client, create_client
from comfy_api_client.testing import ComfyTestServer

BASE = "http://127.0.0.1:18188"


def paged_jobs(mock: respx.MockRouter, total: int = 5) -> list[dict[str, Any]]:
    """``/api/jobs`` serving ``total`` jobs in the pages asked for; the queries seen."""
    seen: list[dict[str, Any]] = []

    def page(request: httpx.Request) -> httpx.Response:
        query = dict(request.url.params)
        seen.append(query)
        offset, limit = int(query.get("offset", 0)), int(query.get("limit", 100))
        jobs = [{"id": f"job-{i}", "status": "completed"} for i in range(offset, total)][:limit]
        more = offset + len(jobs) < total
        pagination = {"offset": offset, "limit": limit, "total": total, "has_more": more}
        return httpx.Response(200, content=json.dumps({"jobs": jobs, "pagination": pagination}))

    mock.get("/prompt").respond(200, json={"exec_info": {"queue_remaining": 0}})
    mock.get("/api/jobs").mock(side_effect=page)
    return seen


def test_iter_jobs_limit_caps_the_jobs_yielded_sync() -> None:
    with respx.mock(base_url=BASE) as mock:
        seen = paged_jobs(mock)
        client = create_client(BASE, start_state_tracker=None)
        jobs = [job.id for job in client.iter_jobs(limit=3, page_size=2)]
        everything = [job.id for job in client.iter_jobs(page_size=2)]
        client.close()
    assert jobs == ["job-0", "job-1", "job-2"]
    assert [q["limit"] for q in seen[:2]] == ["2", "1"]  # never more than asked for
    assert everything == [f"job-{i}" for i in range(5)]


def test_iter_jobs_limit_caps_the_jobs_yielded_async() -> None:
    async def main() -> tuple[list[str], list[str]]:
        async with create_async_client(BASE, start_state_tracker=None) as client:
            one = [job.id async for job in client.iter_jobs(limit=1)]
            none = [job.id async for job in client.iter_jobs(limit=0)]
        return one, none

    with respx.mock(base_url=BASE) as mock:
        paged_jobs(mock)
        one, none = asyncio.run(main())
    assert one == ["job-0"] and none == []


def test_test_server_as_a_plain_context_manager_inside_async_code() -> None:
    """``with ComfyTestServer():`` in a coroutine: stops cleanly and deletes its folder."""

    async def main() -> Any:
        with ComfyTestServer() as server:
            root = server.directory
            async with create_async_client(server.url) as client:
                await client.get_queue()
        return root

    root = asyncio.run(asyncio.wait_for(main(), 60))
    assert not root.exists()
