"""0.33's jobs API (only under ``/api``): list, get and cancel prompts as jobs."""

from __future__ import annotations

import json
import logging
from typing import Any

from aiohttp import web

from ..job_store import STATUSES, all_jobs, history_job, is_job_id, queue_job, sort_jobs
from .group import RouteGroup, route

log = logging.getLogger(__name__)


def _error(message: str, status: int = 400, **extra: Any) -> web.Response:
    return web.json_response({"error": message, **extra}, status=status)


class JobRoutes(RouteGroup):
    """``/api/jobs``, ``/api/jobs/{id}``, ``/api/jobs/{id}/cancel``, ``/api/jobs/cancel``."""

    @route("GET", "/api/jobs")
    async def list_jobs(self, request: web.Request) -> web.Response:
        query = request.rel_url.query
        statuses = list(STATUSES)
        if query.get("status"):
            statuses = [s.strip().lower() for s in query["status"].split(",") if s.strip()]
            invalid = [s for s in statuses if s not in STATUSES]
            if invalid:
                return _error(
                    f"Invalid status value(s): {', '.join(invalid)}. "
                    f"Valid values: {', '.join(STATUSES)}"
                )
        sort_by = query.get("sort_by", "created_at").lower()
        if sort_by not in ("created_at", "execution_duration"):
            return _error("sort_by must be 'created_at' or 'execution_duration'")
        order = query.get("sort_order", "desc").lower()
        if order not in ("asc", "desc"):
            return _error("sort_order must be 'asc' or 'desc'")
        limit: int | None = None
        if "limit" in query:
            try:
                limit = int(query["limit"])
            except ValueError:
                return _error("limit must be an integer")
            if limit <= 0:
                return _error("limit must be a positive integer")
        offset = 0
        if "offset" in query:
            try:
                offset = max(int(query["offset"]), 0)
            except ValueError:
                return _error("offset must be an integer")
        running, pending = self.queue.snapshot()
        jobs = all_jobs(running, pending, self.queue.get_history(), statuses)
        workflow_id = query.get("workflow_id")
        if workflow_id:
            jobs = [j for j in jobs if j.get("workflow_id") == workflow_id]
        jobs = sort_jobs(jobs, sort_by, order)
        total = len(jobs)
        page = jobs[offset:]
        if limit is not None:
            page = page[:limit]
        pagination = {
            "offset": offset,
            "limit": limit,
            "total": total,
            "has_more": offset + len(page) < total,
        }
        return web.json_response({"jobs": page, "pagination": pagination})

    @route("GET", "/api/jobs/{job_id}")
    async def get_job(self, request: web.Request) -> web.Response:
        job_id = request.match_info["job_id"]
        entry = self.queue.get_history(job_id)
        if job_id in entry:
            return web.json_response(history_job(job_id, entry[job_id], full=True))
        running, pending = self.queue.snapshot()
        for items, status in ((running, "in_progress"), (pending, "pending")):
            for item in items:
                if item[1] == job_id:
                    return web.json_response(queue_job(item, status))
        return _error("Job not found", status=404)

    def _cancel(self, job_id: str) -> bool:
        """Interrupt the running job or dequeue the pending one; False for anything else."""
        if self.queue.delete_queue_item(job_id):
            log.info("Cancelling pending prompt %s", job_id)
            return True
        if job_id in self.queue.running_ids():
            log.info("Cancelling running prompt %s", job_id)
            self.run.interrupt()
            return True
        return False

    @route("POST", "/api/jobs/{job_id}/cancel")
    async def cancel_job(self, request: web.Request) -> web.Response:
        return web.json_response({"cancelled": self._cancel(request.match_info["job_id"])})

    @route("POST", "/api/jobs/cancel")
    async def cancel_jobs(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except json.JSONDecodeError:
            return _error("Request body must be valid JSON")
        job_ids = body.get("job_ids") if isinstance(body, dict) else None
        if not isinstance(job_ids, list):
            return _error("job_ids must be a list")
        invalid = [j if isinstance(j, str) else repr(j) for j in job_ids if not is_job_id(j)]
        if invalid:
            return _error("job_ids contains invalid id(s)", invalid_ids=invalid)
        cancelled = False
        for job_id in job_ids:
            cancelled = self._cancel(job_id) or cancelled
        return web.json_response({"cancelled": cancelled})
