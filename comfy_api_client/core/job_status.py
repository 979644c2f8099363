"""The jobs API's statuses (ComfyUI 0.33 and later)."""

from __future__ import annotations

import enum


class JobStatus(enum.StrEnum):
    """Where a job is: ``JobStatus(job.status)``. An interrupted run is ``CANCELLED``; a
    cancelled pending job is gone (``get_job`` answers 404)."""

    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        """Terminal: the job's results (or error) are readable."""
        return self in (JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED)
