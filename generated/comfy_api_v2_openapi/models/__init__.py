"""Contains all the data models used in inputs/outputs (each imported on first use)."""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .asset import Asset
    from .asset_reference import AssetReference
    from .asset_reference_info import AssetReferenceInfo
    from .error_envelope import ErrorEnvelope
    from .error_envelope_error import ErrorEnvelopeError
    from .error_envelope_error_details_type_0 import ErrorEnvelopeErrorDetailsType0
    from .extra_data import ExtraData
    from .from_hash_request import FromHashRequest
    from .health import Health
    from .job import Job
    from .job_error import JobError
    from .job_list import JobList
    from .job_status import JobStatus
    from .job_urls import JobUrls
    from .job_workflow import JobWorkflow
    from .job_workflow_workflow import JobWorkflowWorkflow
    from .output import Output
    from .output_type import OutputType
    from .preview_event import PreviewEvent
    from .progress import Progress
    from .status_event import StatusEvent
    from .submit_job_request import SubmitJobRequest
    from .submit_job_request_workflow import SubmitJobRequestWorkflow
    from .upload_asset_body import UploadAssetBody

_MODULES = {
    "Asset": "asset",
    "AssetReference": "asset_reference",
    "AssetReferenceInfo": "asset_reference_info",
    "ErrorEnvelope": "error_envelope",
    "ErrorEnvelopeError": "error_envelope_error",
    "ErrorEnvelopeErrorDetailsType0": "error_envelope_error_details_type_0",
    "ExtraData": "extra_data",
    "FromHashRequest": "from_hash_request",
    "Health": "health",
    "Job": "job",
    "JobError": "job_error",
    "JobList": "job_list",
    "JobStatus": "job_status",
    "JobUrls": "job_urls",
    "JobWorkflow": "job_workflow",
    "JobWorkflowWorkflow": "job_workflow_workflow",
    "Output": "output",
    "OutputType": "output_type",
    "PreviewEvent": "preview_event",
    "Progress": "progress",
    "StatusEvent": "status_event",
    "SubmitJobRequest": "submit_job_request",
    "SubmitJobRequestWorkflow": "submit_job_request_workflow",
    "UploadAssetBody": "upload_asset_body",
}

__all__ = (
    "Asset",
    "AssetReference",
    "AssetReferenceInfo",
    "ErrorEnvelope",
    "ErrorEnvelopeError",
    "ErrorEnvelopeErrorDetailsType0",
    "ExtraData",
    "FromHashRequest",
    "Health",
    "Job",
    "JobError",
    "JobList",
    "JobStatus",
    "JobUrls",
    "JobWorkflow",
    "JobWorkflowWorkflow",
    "Output",
    "OutputType",
    "PreviewEvent",
    "Progress",
    "StatusEvent",
    "SubmitJobRequest",
    "SubmitJobRequestWorkflow",
    "UploadAssetBody",
)


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
