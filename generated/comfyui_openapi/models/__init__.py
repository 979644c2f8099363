"""Contains all the data models used in inputs/outputs"""

from .api_node import ApiNode
from .api_node_inputs import ApiNodeInputs
from .api_node_meta import ApiNodeMeta
from .cancel_jobs_request import CancelJobsRequest
from .cancel_result import CancelResult
from .create_user_request import CreateUserRequest
from .device_info import DeviceInfo
from .exec_info import ExecInfo
from .features import Features
from .file_ref import FileRef
from .free_request import FreeRequest
from .get_i18n_response_200 import GetI18NResponse200
from .get_i18n_response_200_additional_property import (
    GetI18NResponse200AdditionalProperty,
)
from .get_internal_folder_paths_response_200 import GetInternalFolderPathsResponse200
from .get_settings_response_200 import GetSettingsResponse200
from .get_view_metadata_response_200 import GetViewMetadataResponse200
from .get_workflow_templates_response_200 import GetWorkflowTemplatesResponse200
from .history import History
from .history_entry import HistoryEntry
from .history_entry_meta import HistoryEntryMeta
from .history_entry_outputs import HistoryEntryOutputs
from .history_request import HistoryRequest
from .history_status import HistoryStatus
from .history_status_messages_item_item_type_1 import HistoryStatusMessagesItemItemType1
from .interrupt_request import InterruptRequest
from .job import Job
from .job_execution_error import JobExecutionError
from .job_execution_status import JobExecutionStatus
from .job_list import JobList
from .job_list_pagination import JobListPagination
from .job_outputs import JobOutputs
from .job_preview_output import JobPreviewOutput
from .job_workflow import JobWorkflow
from .log_entry import LogEntry
from .logs_subscribe_request import LogsSubscribeRequest
from .model_file import ModelFile
from .model_folder import ModelFolder
from .node_error import NodeError
from .node_error_extra_info import NodeErrorExtraInfo
from .node_errors import NodeErrors
from .node_info import NodeInfo
from .node_info_input import NodeInfoInput
from .node_info_input_order import NodeInfoInputOrder
from .node_meta import NodeMeta
from .object_info import ObjectInfo
from .post_settings_body import PostSettingsBody
from .prompt_error import PromptError
from .prompt_error_extra_info import PromptErrorExtraInfo
from .prompt_error_response import PromptErrorResponse
from .prompt_error_response_node_errors import PromptErrorResponseNodeErrors
from .prompt_info import PromptInfo
from .prompt_request import PromptRequest
from .prompt_request_extra_data import PromptRequestExtraData
from .prompt_request_prompt import PromptRequestPrompt
from .prompt_response import PromptResponse
from .prompt_response_node_errors import PromptResponseNodeErrors
from .queue import Queue
from .queue_item_item_type_2 import QueueItemItemType2
from .queue_item_item_type_3 import QueueItemItemType3
from .queue_request import QueueRequest
from .raw_logs import RawLogs
from .simple_error import SimpleError
from .system_info import SystemInfo
from .system_stats import SystemStats
from .terminal_size import TerminalSize
from .ui_output import UiOutput
from .upload_image_body import UploadImageBody
from .upload_mask_body import UploadMaskBody
from .upload_response import UploadResponse
from .userdata_entry import UserdataEntry
from .userdata_file_info import UserdataFileInfo
from .users import Users
from .users_users import UsersUsers
from .ws_display_component_message import WsDisplayComponentMessage
from .ws_display_component_message_data import WsDisplayComponentMessageData
from .ws_display_component_message_data_props import WsDisplayComponentMessageDataProps
from .ws_executed_message import WsExecutedMessage
from .ws_executed_message_data import WsExecutedMessageData
from .ws_executing_message import WsExecutingMessage
from .ws_executing_message_data import WsExecutingMessageData
from .ws_execution_cached_message import WsExecutionCachedMessage
from .ws_execution_cached_message_data import WsExecutionCachedMessageData
from .ws_execution_error_message import WsExecutionErrorMessage
from .ws_execution_error_message_data import WsExecutionErrorMessageData
from .ws_execution_error_message_data_current_inputs_type_0 import (
    WsExecutionErrorMessageDataCurrentInputsType0,
)
from .ws_execution_interrupted_message import WsExecutionInterruptedMessage
from .ws_execution_interrupted_message_data import WsExecutionInterruptedMessageData
from .ws_execution_start_message import WsExecutionStartMessage
from .ws_execution_success_message import WsExecutionSuccessMessage
from .ws_feature_flags_message import WsFeatureFlagsMessage
from .ws_logs_message import WsLogsMessage
from .ws_logs_message_data import WsLogsMessageData
from .ws_node_progress import WsNodeProgress
from .ws_preview_metadata import WsPreviewMetadata
from .ws_progress_message import WsProgressMessage
from .ws_progress_message_data import WsProgressMessageData
from .ws_progress_state_message import WsProgressStateMessage
from .ws_progress_state_message_data import WsProgressStateMessageData
from .ws_progress_state_message_data_nodes import WsProgressStateMessageDataNodes
from .ws_prompt_timestamp import WsPromptTimestamp
from .ws_status_message import WsStatusMessage
from .ws_status_message_data import WsStatusMessageData
from .ws_status_message_data_status import WsStatusMessageDataStatus

__all__ = (
    "ApiNode",
    "ApiNodeInputs",
    "ApiNodeMeta",
    "CancelJobsRequest",
    "CancelResult",
    "CreateUserRequest",
    "DeviceInfo",
    "ExecInfo",
    "Features",
    "FileRef",
    "FreeRequest",
    "GetI18NResponse200",
    "GetI18NResponse200AdditionalProperty",
    "GetInternalFolderPathsResponse200",
    "GetSettingsResponse200",
    "GetViewMetadataResponse200",
    "GetWorkflowTemplatesResponse200",
    "History",
    "HistoryEntry",
    "HistoryEntryMeta",
    "HistoryEntryOutputs",
    "HistoryRequest",
    "HistoryStatus",
    "HistoryStatusMessagesItemItemType1",
    "InterruptRequest",
    "Job",
    "JobExecutionError",
    "JobExecutionStatus",
    "JobList",
    "JobListPagination",
    "JobOutputs",
    "JobPreviewOutput",
    "JobWorkflow",
    "LogEntry",
    "LogsSubscribeRequest",
    "ModelFile",
    "ModelFolder",
    "NodeError",
    "NodeErrorExtraInfo",
    "NodeErrors",
    "NodeInfo",
    "NodeInfoInput",
    "NodeInfoInputOrder",
    "NodeMeta",
    "ObjectInfo",
    "PostSettingsBody",
    "PromptError",
    "PromptErrorExtraInfo",
    "PromptErrorResponse",
    "PromptErrorResponseNodeErrors",
    "PromptInfo",
    "PromptRequest",
    "PromptRequestExtraData",
    "PromptRequestPrompt",
    "PromptResponse",
    "PromptResponseNodeErrors",
    "Queue",
    "QueueItemItemType2",
    "QueueItemItemType3",
    "QueueRequest",
    "RawLogs",
    "SimpleError",
    "SystemInfo",
    "SystemStats",
    "TerminalSize",
    "UiOutput",
    "UploadImageBody",
    "UploadMaskBody",
    "UploadResponse",
    "UserdataEntry",
    "UserdataFileInfo",
    "Users",
    "UsersUsers",
    "WsDisplayComponentMessage",
    "WsDisplayComponentMessageData",
    "WsDisplayComponentMessageDataProps",
    "WsExecutedMessage",
    "WsExecutedMessageData",
    "WsExecutingMessage",
    "WsExecutingMessageData",
    "WsExecutionCachedMessage",
    "WsExecutionCachedMessageData",
    "WsExecutionErrorMessage",
    "WsExecutionErrorMessageData",
    "WsExecutionErrorMessageDataCurrentInputsType0",
    "WsExecutionInterruptedMessage",
    "WsExecutionInterruptedMessageData",
    "WsExecutionStartMessage",
    "WsExecutionSuccessMessage",
    "WsFeatureFlagsMessage",
    "WsLogsMessage",
    "WsLogsMessageData",
    "WsNodeProgress",
    "WsPreviewMetadata",
    "WsProgressMessage",
    "WsProgressMessageData",
    "WsProgressStateMessage",
    "WsProgressStateMessageData",
    "WsProgressStateMessageDataNodes",
    "WsPromptTimestamp",
    "WsStatusMessage",
    "WsStatusMessageData",
    "WsStatusMessageDataStatus",
)
