"""Contains all the data models used in inputs/outputs"""

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
