from enum import StrEnum


class JobStatus(StrEnum):
    CANCELED = "canceled"
    CANCELING = "canceling"
    EXPIRED = "expired"
    FAILED = "failed"
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"

    def __str__(self) -> str:
        return str(self.value)
