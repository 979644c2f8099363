"""The jobs API of newer ComfyUI versions (``/api/jobs``; absent from 0.3.64, so the shapes come
from the inventory in ``../shared/comfyui/API.md`` and are served by respx)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest
import respx

from comfy_api_client import ComfyHTTPError, create_async_client, create_client

BASE = "http://127.0.0.1:18188"
JOB_ID = str(uuid.uuid4())
JOB = {"id": JOB_ID, "status": "completed", "priority": 3, "create_time": 1764000000000}


def routes(mock: respx.MockRouter) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def cancel_many(request: httpx.Request) -> httpx.Response:
        seen["cancel_many"] = json.loads(request.content)
        return httpx.Response(200, json={"cancelled": True})

    mock.get("/prompt").respond(200, json={"exec_info": {"queue_remaining": 0}})
    mock.get("/api/jobs").respond(
        200,
        json={
            "jobs": [JOB],
            "pagination": {"offset": 0, "limit": 1, "total": 7, "has_more": True},
        },
    )
    mock.get(f"/api/jobs/{JOB_ID}").respond(200, json={**JOB, "outputs_count": 1})
    mock.get("/api/jobs/missing").respond(404, json={"error": "Job not found"})
    mock.post(f"/api/jobs/{JOB_ID}/cancel").respond(200, json={"cancelled": False})
    mock.post("/api/jobs/cancel").mock(side_effect=cancel_many)
    return seen


def check(jobs: Any, job: Any, one: bool, many: bool, seen: dict[str, Any]) -> None:
    assert jobs.jobs[0].id == JOB_ID and jobs.pagination.total == 7
    assert job.status == "completed" and job.outputs_count == 1
    assert one is False and many is True
    assert seen["cancel_many"] == {"job_ids": [JOB_ID]}


def test_jobs_sync() -> None:
    with respx.mock(base_url=BASE) as mock:
        seen = routes(mock)
        with create_client(BASE, start_state_tracker=None, validate=False) as client:
            jobs, job = client.list_jobs(limit=1), client.get_job(JOB_ID)
            check(jobs, job, client.cancel_job(JOB_ID), client.cancel_jobs([JOB_ID]), seen)
            with pytest.raises(ComfyHTTPError) as info:
                client.get_job("missing")
    assert info.value.status == 404 and "Job not found" in str(info.value)


async def test_jobs_async() -> None:
    with respx.mock(base_url=BASE) as mock:
        seen = routes(mock)
        async with create_async_client(BASE, start_state_tracker=None) as client:
            jobs, job = await client.list_jobs(limit=1), await client.get_job(JOB_ID)
            one, many = await client.cancel_job(JOB_ID), await client.cancel_jobs([JOB_ID])
            check(jobs, job, one, many, seen)
            with pytest.raises(ComfyHTTPError):
                await client.get_job("missing")
