"""Contains all the data models used in inputs/outputs (each imported on first use)."""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api_node import ApiNode
    from .api_node_inputs import ApiNodeInputs
    from .api_node_meta import ApiNodeMeta
    from .asset import Asset
    from .asset_created import AssetCreated
    from .asset_list import AssetList
    from .asset_metadata_type_0 import AssetMetadataType0
    from .asset_tags_added import AssetTagsAdded
    from .asset_tags_removed import AssetTagsRemoved
    from .asset_tags_request import AssetTagsRequest
    from .asset_user_metadata_type_0 import AssetUserMetadataType0
    from .assets_error_detail import AssetsErrorDetail
    from .assets_error_detail_details import AssetsErrorDetailDetails
    from .assets_error_response import AssetsErrorResponse
    from .cancel_jobs_request import CancelJobsRequest
    from .cancel_result import CancelResult
    from .create_asset_from_hash_request import CreateAssetFromHashRequest
    from .create_asset_from_hash_request_user_metadata import (
        CreateAssetFromHashRequestUserMetadata,
    )
    from .create_user_request import CreateUserRequest
    from .device_info import DeviceInfo
    from .exec_info import ExecInfo
    from .features import Features
    from .features_extension import FeaturesExtension
    from .features_extension_additional_property import (
        FeaturesExtensionAdditionalProperty,
    )
    from .file_ref import FileRef
    from .file_ref_metadata import FileRefMetadata
    from .free_request import FreeRequest
    from .get_i18n_response_200 import GetI18NResponse200
    from .get_i18n_response_200_additional_property import (
        GetI18NResponse200AdditionalProperty,
    )
    from .get_internal_folder_paths_response_200 import (
        GetInternalFolderPathsResponse200,
    )
    from .get_settings_response_200 import GetSettingsResponse200
    from .get_view_metadata_response_200 import GetViewMetadataResponse200
    from .get_workflow_templates_response_200 import GetWorkflowTemplatesResponse200
    from .global_subgraph import GlobalSubgraph
    from .global_subgraph_info import GlobalSubgraphInfo
    from .global_subgraph_info_info import GlobalSubgraphInfoInfo
    from .global_subgraphs import GlobalSubgraphs
    from .history import History
    from .history_entry import HistoryEntry
    from .history_entry_meta import HistoryEntryMeta
    from .history_entry_outputs import HistoryEntryOutputs
    from .history_request import HistoryRequest
    from .history_status import HistoryStatus
    from .history_status_messages_item_item_type_1 import (
        HistoryStatusMessagesItemItemType1,
    )
    from .interrupt_request import InterruptRequest
    from .job import Job
    from .job_execution_error import JobExecutionError
    from .job_execution_status import JobExecutionStatus
    from .job_list import JobList
    from .job_list_pagination import JobListPagination
    from .job_outputs import JobOutputs
    from .job_preview_output import JobPreviewOutput
    from .job_workflow import JobWorkflow
    from .jobs_error import JobsError
    from .log_entry import LogEntry
    from .logs_subscribe_request import LogsSubscribeRequest
    from .model_file import ModelFile
    from .model_folder import ModelFolder
    from .node_error import NodeError
    from .node_error_extra_info import NodeErrorExtraInfo
    from .node_errors import NodeErrors
    from .node_info import NodeInfo
    from .node_info_input_order import NodeInfoInputOrder
    from .node_info_price_badge_type_0 import NodeInfoPriceBadgeType0
    from .node_inputs import NodeInputs
    from .node_inputs_hidden import NodeInputsHidden
    from .node_inputs_optional import NodeInputsOptional
    from .node_inputs_required import NodeInputsRequired
    from .node_meta import NodeMeta
    from .node_replacement import NodeReplacement
    from .node_replacement_input import NodeReplacementInput
    from .node_replacement_output import NodeReplacementOutput
    from .node_replacements import NodeReplacements
    from .object_info import ObjectInfo
    from .package_version import PackageVersion
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
    from .prune_result import PruneResult
    from .queue import Queue
    from .queue_item_item_type_2 import QueueItemItemType2
    from .queue_item_item_type_3 import QueueItemItemType3
    from .queue_request import QueueRequest
    from .raw_logs import RawLogs
    from .seed_assets_request import SeedAssetsRequest
    from .seed_progress import SeedProgress
    from .seed_result import SeedResult
    from .seed_status import SeedStatus
    from .simple_error import SimpleError
    from .system_info import SystemInfo
    from .system_stats import SystemStats
    from .tag_counts import TagCounts
    from .tag_counts_tag_counts import TagCountsTagCounts
    from .tag_list import TagList
    from .tag_usage import TagUsage
    from .terminal_size import TerminalSize
    from .ui_output import UiOutput
    from .update_asset_request import UpdateAssetRequest
    from .update_asset_request_user_metadata import UpdateAssetRequestUserMetadata
    from .upload_asset_body import UploadAssetBody
    from .upload_image_body import UploadImageBody
    from .upload_mask_body import UploadMaskBody
    from .upload_response import UploadResponse
    from .uploaded_asset import UploadedAsset
    from .userdata_entry import UserdataEntry
    from .userdata_file_info import UserdataFileInfo
    from .users import Users
    from .users_users import UsersUsers
    from .ws_assets_seed_cancelled_message import WsAssetsSeedCancelledMessage
    from .ws_assets_seed_cancelled_message_data import WsAssetsSeedCancelledMessageData
    from .ws_assets_seed_completed_message import WsAssetsSeedCompletedMessage
    from .ws_assets_seed_completed_message_data import WsAssetsSeedCompletedMessageData
    from .ws_assets_seed_enrich_complete_message import (
        WsAssetsSeedEnrichCompleteMessage,
    )
    from .ws_assets_seed_enrich_complete_message_data import (
        WsAssetsSeedEnrichCompleteMessageData,
    )
    from .ws_assets_seed_error_message import WsAssetsSeedErrorMessage
    from .ws_assets_seed_error_message_data import WsAssetsSeedErrorMessageData
    from .ws_assets_seed_fast_complete_message import WsAssetsSeedFastCompleteMessage
    from .ws_assets_seed_fast_complete_message_data import (
        WsAssetsSeedFastCompleteMessageData,
    )
    from .ws_assets_seed_paused_message import WsAssetsSeedPausedMessage
    from .ws_assets_seed_paused_message_data import WsAssetsSeedPausedMessageData
    from .ws_assets_seed_progress_message import WsAssetsSeedProgressMessage
    from .ws_assets_seed_progress_message_data import WsAssetsSeedProgressMessageData
    from .ws_assets_seed_resumed_message import WsAssetsSeedResumedMessage
    from .ws_assets_seed_resumed_message_data import WsAssetsSeedResumedMessageData
    from .ws_assets_seed_started_message import WsAssetsSeedStartedMessage
    from .ws_assets_seed_started_message_data import WsAssetsSeedStartedMessageData
    from .ws_display_component_message import WsDisplayComponentMessage
    from .ws_display_component_message_data import WsDisplayComponentMessageData
    from .ws_display_component_message_data_props import (
        WsDisplayComponentMessageDataProps,
    )
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

_MODULES = {
    "ApiNode": "api_node",
    "ApiNodeInputs": "api_node_inputs",
    "ApiNodeMeta": "api_node_meta",
    "Asset": "asset",
    "AssetCreated": "asset_created",
    "AssetList": "asset_list",
    "AssetMetadataType0": "asset_metadata_type_0",
    "AssetTagsAdded": "asset_tags_added",
    "AssetTagsRemoved": "asset_tags_removed",
    "AssetTagsRequest": "asset_tags_request",
    "AssetUserMetadataType0": "asset_user_metadata_type_0",
    "AssetsErrorDetail": "assets_error_detail",
    "AssetsErrorDetailDetails": "assets_error_detail_details",
    "AssetsErrorResponse": "assets_error_response",
    "CancelJobsRequest": "cancel_jobs_request",
    "CancelResult": "cancel_result",
    "CreateAssetFromHashRequest": "create_asset_from_hash_request",
    "CreateAssetFromHashRequestUserMetadata": "create_asset_from_hash_request_user_metadata",
    "CreateUserRequest": "create_user_request",
    "DeviceInfo": "device_info",
    "ExecInfo": "exec_info",
    "Features": "features",
    "FeaturesExtension": "features_extension",
    "FeaturesExtensionAdditionalProperty": "features_extension_additional_property",
    "FileRef": "file_ref",
    "FileRefMetadata": "file_ref_metadata",
    "FreeRequest": "free_request",
    "GetI18NResponse200": "get_i18n_response_200",
    "GetI18NResponse200AdditionalProperty": "get_i18n_response_200_additional_property",
    "GetInternalFolderPathsResponse200": "get_internal_folder_paths_response_200",
    "GetSettingsResponse200": "get_settings_response_200",
    "GetViewMetadataResponse200": "get_view_metadata_response_200",
    "GetWorkflowTemplatesResponse200": "get_workflow_templates_response_200",
    "GlobalSubgraph": "global_subgraph",
    "GlobalSubgraphInfo": "global_subgraph_info",
    "GlobalSubgraphInfoInfo": "global_subgraph_info_info",
    "GlobalSubgraphs": "global_subgraphs",
    "History": "history",
    "HistoryEntry": "history_entry",
    "HistoryEntryMeta": "history_entry_meta",
    "HistoryEntryOutputs": "history_entry_outputs",
    "HistoryRequest": "history_request",
    "HistoryStatus": "history_status",
    "HistoryStatusMessagesItemItemType1": "history_status_messages_item_item_type_1",
    "InterruptRequest": "interrupt_request",
    "Job": "job",
    "JobExecutionError": "job_execution_error",
    "JobExecutionStatus": "job_execution_status",
    "JobList": "job_list",
    "JobListPagination": "job_list_pagination",
    "JobOutputs": "job_outputs",
    "JobPreviewOutput": "job_preview_output",
    "JobWorkflow": "job_workflow",
    "JobsError": "jobs_error",
    "LogEntry": "log_entry",
    "LogsSubscribeRequest": "logs_subscribe_request",
    "ModelFile": "model_file",
    "ModelFolder": "model_folder",
    "NodeError": "node_error",
    "NodeErrorExtraInfo": "node_error_extra_info",
    "NodeErrors": "node_errors",
    "NodeInfo": "node_info",
    "NodeInfoInputOrder": "node_info_input_order",
    "NodeInfoPriceBadgeType0": "node_info_price_badge_type_0",
    "NodeInputs": "node_inputs",
    "NodeInputsHidden": "node_inputs_hidden",
    "NodeInputsOptional": "node_inputs_optional",
    "NodeInputsRequired": "node_inputs_required",
    "NodeMeta": "node_meta",
    "NodeReplacement": "node_replacement",
    "NodeReplacementInput": "node_replacement_input",
    "NodeReplacementOutput": "node_replacement_output",
    "NodeReplacements": "node_replacements",
    "ObjectInfo": "object_info",
    "PackageVersion": "package_version",
    "PostSettingsBody": "post_settings_body",
    "PromptError": "prompt_error",
    "PromptErrorExtraInfo": "prompt_error_extra_info",
    "PromptErrorResponse": "prompt_error_response",
    "PromptErrorResponseNodeErrors": "prompt_error_response_node_errors",
    "PromptInfo": "prompt_info",
    "PromptRequest": "prompt_request",
    "PromptRequestExtraData": "prompt_request_extra_data",
    "PromptRequestPrompt": "prompt_request_prompt",
    "PromptResponse": "prompt_response",
    "PromptResponseNodeErrors": "prompt_response_node_errors",
    "PruneResult": "prune_result",
    "Queue": "queue",
    "QueueItemItemType2": "queue_item_item_type_2",
    "QueueItemItemType3": "queue_item_item_type_3",
    "QueueRequest": "queue_request",
    "RawLogs": "raw_logs",
    "SeedAssetsRequest": "seed_assets_request",
    "SeedProgress": "seed_progress",
    "SeedResult": "seed_result",
    "SeedStatus": "seed_status",
    "SimpleError": "simple_error",
    "SystemInfo": "system_info",
    "SystemStats": "system_stats",
    "TagCounts": "tag_counts",
    "TagCountsTagCounts": "tag_counts_tag_counts",
    "TagList": "tag_list",
    "TagUsage": "tag_usage",
    "TerminalSize": "terminal_size",
    "UiOutput": "ui_output",
    "UpdateAssetRequest": "update_asset_request",
    "UpdateAssetRequestUserMetadata": "update_asset_request_user_metadata",
    "UploadAssetBody": "upload_asset_body",
    "UploadImageBody": "upload_image_body",
    "UploadMaskBody": "upload_mask_body",
    "UploadResponse": "upload_response",
    "UploadedAsset": "uploaded_asset",
    "UserdataEntry": "userdata_entry",
    "UserdataFileInfo": "userdata_file_info",
    "Users": "users",
    "UsersUsers": "users_users",
    "WsAssetsSeedCancelledMessage": "ws_assets_seed_cancelled_message",
    "WsAssetsSeedCancelledMessageData": "ws_assets_seed_cancelled_message_data",
    "WsAssetsSeedCompletedMessage": "ws_assets_seed_completed_message",
    "WsAssetsSeedCompletedMessageData": "ws_assets_seed_completed_message_data",
    "WsAssetsSeedEnrichCompleteMessage": "ws_assets_seed_enrich_complete_message",
    "WsAssetsSeedEnrichCompleteMessageData": "ws_assets_seed_enrich_complete_message_data",
    "WsAssetsSeedErrorMessage": "ws_assets_seed_error_message",
    "WsAssetsSeedErrorMessageData": "ws_assets_seed_error_message_data",
    "WsAssetsSeedFastCompleteMessage": "ws_assets_seed_fast_complete_message",
    "WsAssetsSeedFastCompleteMessageData": "ws_assets_seed_fast_complete_message_data",
    "WsAssetsSeedPausedMessage": "ws_assets_seed_paused_message",
    "WsAssetsSeedPausedMessageData": "ws_assets_seed_paused_message_data",
    "WsAssetsSeedProgressMessage": "ws_assets_seed_progress_message",
    "WsAssetsSeedProgressMessageData": "ws_assets_seed_progress_message_data",
    "WsAssetsSeedResumedMessage": "ws_assets_seed_resumed_message",
    "WsAssetsSeedResumedMessageData": "ws_assets_seed_resumed_message_data",
    "WsAssetsSeedStartedMessage": "ws_assets_seed_started_message",
    "WsAssetsSeedStartedMessageData": "ws_assets_seed_started_message_data",
    "WsDisplayComponentMessage": "ws_display_component_message",
    "WsDisplayComponentMessageData": "ws_display_component_message_data",
    "WsDisplayComponentMessageDataProps": "ws_display_component_message_data_props",
    "WsExecutedMessage": "ws_executed_message",
    "WsExecutedMessageData": "ws_executed_message_data",
    "WsExecutingMessage": "ws_executing_message",
    "WsExecutingMessageData": "ws_executing_message_data",
    "WsExecutionCachedMessage": "ws_execution_cached_message",
    "WsExecutionCachedMessageData": "ws_execution_cached_message_data",
    "WsExecutionErrorMessage": "ws_execution_error_message",
    "WsExecutionErrorMessageData": "ws_execution_error_message_data",
    "WsExecutionErrorMessageDataCurrentInputsType0": "ws_execution_error_message_data_current_inputs_type_0",
    "WsExecutionInterruptedMessage": "ws_execution_interrupted_message",
    "WsExecutionInterruptedMessageData": "ws_execution_interrupted_message_data",
    "WsExecutionStartMessage": "ws_execution_start_message",
    "WsExecutionSuccessMessage": "ws_execution_success_message",
    "WsFeatureFlagsMessage": "ws_feature_flags_message",
    "WsLogsMessage": "ws_logs_message",
    "WsLogsMessageData": "ws_logs_message_data",
    "WsNodeProgress": "ws_node_progress",
    "WsPreviewMetadata": "ws_preview_metadata",
    "WsProgressMessage": "ws_progress_message",
    "WsProgressMessageData": "ws_progress_message_data",
    "WsProgressStateMessage": "ws_progress_state_message",
    "WsProgressStateMessageData": "ws_progress_state_message_data",
    "WsProgressStateMessageDataNodes": "ws_progress_state_message_data_nodes",
    "WsPromptTimestamp": "ws_prompt_timestamp",
    "WsStatusMessage": "ws_status_message",
    "WsStatusMessageData": "ws_status_message_data",
    "WsStatusMessageDataStatus": "ws_status_message_data_status",
}

__all__ = (
    "ApiNode",
    "ApiNodeInputs",
    "ApiNodeMeta",
    "Asset",
    "AssetCreated",
    "AssetList",
    "AssetMetadataType0",
    "AssetTagsAdded",
    "AssetTagsRemoved",
    "AssetTagsRequest",
    "AssetUserMetadataType0",
    "AssetsErrorDetail",
    "AssetsErrorDetailDetails",
    "AssetsErrorResponse",
    "CancelJobsRequest",
    "CancelResult",
    "CreateAssetFromHashRequest",
    "CreateAssetFromHashRequestUserMetadata",
    "CreateUserRequest",
    "DeviceInfo",
    "ExecInfo",
    "Features",
    "FeaturesExtension",
    "FeaturesExtensionAdditionalProperty",
    "FileRef",
    "FileRefMetadata",
    "FreeRequest",
    "GetI18NResponse200",
    "GetI18NResponse200AdditionalProperty",
    "GetInternalFolderPathsResponse200",
    "GetSettingsResponse200",
    "GetViewMetadataResponse200",
    "GetWorkflowTemplatesResponse200",
    "GlobalSubgraph",
    "GlobalSubgraphInfo",
    "GlobalSubgraphInfoInfo",
    "GlobalSubgraphs",
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
    "JobsError",
    "LogEntry",
    "LogsSubscribeRequest",
    "ModelFile",
    "ModelFolder",
    "NodeError",
    "NodeErrorExtraInfo",
    "NodeErrors",
    "NodeInfo",
    "NodeInfoInputOrder",
    "NodeInfoPriceBadgeType0",
    "NodeInputs",
    "NodeInputsHidden",
    "NodeInputsOptional",
    "NodeInputsRequired",
    "NodeMeta",
    "NodeReplacement",
    "NodeReplacementInput",
    "NodeReplacementOutput",
    "NodeReplacements",
    "ObjectInfo",
    "PackageVersion",
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
    "PruneResult",
    "Queue",
    "QueueItemItemType2",
    "QueueItemItemType3",
    "QueueRequest",
    "RawLogs",
    "SeedAssetsRequest",
    "SeedProgress",
    "SeedResult",
    "SeedStatus",
    "SimpleError",
    "SystemInfo",
    "SystemStats",
    "TagCounts",
    "TagCountsTagCounts",
    "TagList",
    "TagUsage",
    "TerminalSize",
    "UiOutput",
    "UpdateAssetRequest",
    "UpdateAssetRequestUserMetadata",
    "UploadAssetBody",
    "UploadImageBody",
    "UploadMaskBody",
    "UploadResponse",
    "UploadedAsset",
    "UserdataEntry",
    "UserdataFileInfo",
    "Users",
    "UsersUsers",
    "WsAssetsSeedCancelledMessage",
    "WsAssetsSeedCancelledMessageData",
    "WsAssetsSeedCompletedMessage",
    "WsAssetsSeedCompletedMessageData",
    "WsAssetsSeedEnrichCompleteMessage",
    "WsAssetsSeedEnrichCompleteMessageData",
    "WsAssetsSeedErrorMessage",
    "WsAssetsSeedErrorMessageData",
    "WsAssetsSeedFastCompleteMessage",
    "WsAssetsSeedFastCompleteMessageData",
    "WsAssetsSeedPausedMessage",
    "WsAssetsSeedPausedMessageData",
    "WsAssetsSeedProgressMessage",
    "WsAssetsSeedProgressMessageData",
    "WsAssetsSeedResumedMessage",
    "WsAssetsSeedResumedMessageData",
    "WsAssetsSeedStartedMessage",
    "WsAssetsSeedStartedMessageData",
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


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
