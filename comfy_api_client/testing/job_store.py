"""The jobs view of 0.33's ``/api/jobs``: queue items and history entries as job records."""

from __future__ import annotations

import uuid
from typing import Any

STATUSES = ("pending", "in_progress", "completed", "failed", "cancelled")
HISTORY_STATUSES = frozenset({"completed", "failed", "cancelled"})
PREVIEWABLE = frozenset({"images", "video", "audio", "3d", "text"})
SORT_FIELDS = ("created_at", "execution_duration")


def is_job_id(value: Any) -> bool:
    """A canonical lowercase hyphenated UUID (what 0.33 accepts as a prompt or job id)."""
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _pruned(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None}


def queue_job(item: tuple[Any, ...] | list[Any], status: str) -> dict[str, Any]:
    """A pending or running queue item as a job."""
    number, prompt_id, _prompt, extra_data = item[0], item[1], item[2], item[3]
    return _pruned(
        {
            "id": prompt_id,
            "status": status,
            "priority": number,
            "create_time": extra_data.get("create_time"),
            "outputs_count": 0,
            "previewable_outputs_count": 0,
            "workflow_id": _workflow_id(extra_data),
        }
    )


def _workflow_id(extra_data: dict[str, Any]) -> Any:
    pnginfo = extra_data.get("extra_pnginfo")
    workflow = pnginfo.get("workflow") if isinstance(pnginfo, dict) else None
    return workflow.get("id") if isinstance(workflow, dict) else None


def _outputs_summary(outputs: dict[str, Any]) -> tuple[int, int, dict[str, Any] | None]:
    """(outputs count, previewable count, preview): saved outputs first, then any preview."""
    count = previewable = 0
    saved: dict[str, Any] | None = None
    other: dict[str, Any] | None = None
    for node_id, node_outputs in outputs.items():
        if not isinstance(node_outputs, dict):
            continue
        for media_type, items in node_outputs.items():
            if media_type == "animated" or not isinstance(items, list):
                continue
            for item in items:
                if not isinstance(item, dict):
                    continue
                count += 1
                if media_type not in PREVIEWABLE:
                    continue
                previewable += 1
                entry = {**item, "nodeId": node_id}
                entry.setdefault("mediaType", media_type)
                if item.get("type") == "output" and saved is None:
                    saved = entry
                elif other is None:
                    other = entry
    return count, previewable, saved or other


def history_job(prompt_id: str, entry: dict[str, Any], full: bool = False) -> dict[str, Any]:
    """A finished prompt as a job; ``full`` adds outputs, status and workflow."""
    number, _pid, prompt, extra_data = entry["prompt"][:4]
    status_info = entry.get("status") or {}
    start = end = error = None
    interrupted = False
    for message in status_info.get("messages", []):
        name, data = message[0], message[1]
        if name == "execution_start":
            start = data.get("timestamp")
        elif name in ("execution_success", "execution_error", "execution_interrupted"):
            end = data.get("timestamp")
            error = data if name == "execution_error" else error
            interrupted = interrupted or name == "execution_interrupted"
    if status_info.get("status_str") == "error":
        status = "cancelled" if interrupted else "failed"
    else:
        status = "completed"
    outputs = entry.get("outputs", {})
    count, previewable, preview = _outputs_summary(outputs)
    job = _pruned(
        {
            "id": prompt_id,
            "status": status,
            "priority": number,
            "create_time": extra_data.get("create_time"),
            "execution_start_time": start,
            "execution_end_time": end,
            "execution_error": error,
            "outputs_count": count,
            "previewable_outputs_count": previewable,
            "preview_output": preview,
            "workflow_id": _workflow_id(extra_data),
        }
    )
    if full:
        job["outputs"] = outputs
        job["execution_status"] = status_info
        job["workflow"] = {"prompt": prompt, "extra_data": extra_data}
    return job


def all_jobs(
    running: list[Any], pending: list[Any], history: dict[str, Any], statuses: list[str]
) -> list[dict[str, Any]]:
    jobs: list[dict[str, Any]] = []
    if "in_progress" in statuses:
        jobs.extend(queue_job(item, "in_progress") for item in running)
    if "pending" in statuses:
        jobs.extend(queue_job(item, "pending") for item in pending)
    if HISTORY_STATUSES & set(statuses):
        for prompt_id, entry in history.items():
            job = history_job(prompt_id, entry)
            if job["status"] in statuses:
                jobs.append(job)
    return jobs


def sort_jobs(jobs: list[dict[str, Any]], sort_by: str, order: str) -> list[dict[str, Any]]:
    def duration(job: dict[str, Any]) -> int:
        start, end = job.get("execution_start_time", 0), job.get("execution_end_time", 0)
        return end - start if start and end else 0

    def created(job: dict[str, Any]) -> int:
        value: int = job.get("create_time", 0)
        return value

    key = duration if sort_by == "execution_duration" else created
    return sorted(jobs, key=key, reverse=order == "desc")
