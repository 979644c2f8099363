from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ws_assets_seed_cancelled_message import WsAssetsSeedCancelledMessage
from ...models.ws_assets_seed_completed_message import WsAssetsSeedCompletedMessage
from ...models.ws_assets_seed_enrich_complete_message import (
    WsAssetsSeedEnrichCompleteMessage,
)
from ...models.ws_assets_seed_error_message import WsAssetsSeedErrorMessage
from ...models.ws_assets_seed_fast_complete_message import (
    WsAssetsSeedFastCompleteMessage,
)
from ...models.ws_assets_seed_paused_message import WsAssetsSeedPausedMessage
from ...models.ws_assets_seed_progress_message import WsAssetsSeedProgressMessage
from ...models.ws_assets_seed_resumed_message import WsAssetsSeedResumedMessage
from ...models.ws_assets_seed_started_message import WsAssetsSeedStartedMessage
from ...models.ws_display_component_message import WsDisplayComponentMessage
from ...models.ws_executed_message import WsExecutedMessage
from ...models.ws_executing_message import WsExecutingMessage
from ...models.ws_execution_cached_message import WsExecutionCachedMessage
from ...models.ws_execution_error_message import WsExecutionErrorMessage
from ...models.ws_execution_interrupted_message import WsExecutionInterruptedMessage
from ...models.ws_execution_start_message import WsExecutionStartMessage
from ...models.ws_execution_success_message import WsExecutionSuccessMessage
from ...models.ws_feature_flags_message import WsFeatureFlagsMessage
from ...models.ws_logs_message import WsLogsMessage
from ...models.ws_progress_message import WsProgressMessage
from ...models.ws_progress_state_message import WsProgressStateMessage
from ...models.ws_status_message import WsStatusMessage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    client_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["clientId"] = client_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/ws",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    WsAssetsSeedCancelledMessage
    | WsAssetsSeedCompletedMessage
    | WsAssetsSeedEnrichCompleteMessage
    | WsAssetsSeedErrorMessage
    | WsAssetsSeedFastCompleteMessage
    | WsAssetsSeedPausedMessage
    | WsAssetsSeedProgressMessage
    | WsAssetsSeedResumedMessage
    | WsAssetsSeedStartedMessage
    | WsDisplayComponentMessage
    | WsExecutedMessage
    | WsExecutingMessage
    | WsExecutionCachedMessage
    | WsExecutionErrorMessage
    | WsExecutionInterruptedMessage
    | WsExecutionStartMessage
    | WsExecutionSuccessMessage
    | WsFeatureFlagsMessage
    | WsLogsMessage
    | WsProgressMessage
    | WsProgressStateMessage
    | WsStatusMessage
    | None
):
    if response.status_code == 400:

        def _parse_response_400(
            data: object,
        ) -> (
            WsAssetsSeedCancelledMessage
            | WsAssetsSeedCompletedMessage
            | WsAssetsSeedEnrichCompleteMessage
            | WsAssetsSeedErrorMessage
            | WsAssetsSeedFastCompleteMessage
            | WsAssetsSeedPausedMessage
            | WsAssetsSeedProgressMessage
            | WsAssetsSeedResumedMessage
            | WsAssetsSeedStartedMessage
            | WsDisplayComponentMessage
            | WsExecutedMessage
            | WsExecutingMessage
            | WsExecutionCachedMessage
            | WsExecutionErrorMessage
            | WsExecutionInterruptedMessage
            | WsExecutionStartMessage
            | WsExecutionSuccessMessage
            | WsFeatureFlagsMessage
            | WsLogsMessage
            | WsProgressMessage
            | WsProgressStateMessage
            | WsStatusMessage
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_0 = WsStatusMessage.from_dict(data)

                return componentsschemas_ws_message_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_1 = WsFeatureFlagsMessage.from_dict(
                    data
                )

                return componentsschemas_ws_message_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_2 = WsExecutionStartMessage.from_dict(
                    data
                )

                return componentsschemas_ws_message_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_3 = (
                    WsExecutionCachedMessage.from_dict(data)
                )

                return componentsschemas_ws_message_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_4 = WsExecutingMessage.from_dict(data)

                return componentsschemas_ws_message_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_5 = WsProgressMessage.from_dict(data)

                return componentsschemas_ws_message_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_6 = WsProgressStateMessage.from_dict(
                    data
                )

                return componentsschemas_ws_message_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_7 = WsExecutedMessage.from_dict(data)

                return componentsschemas_ws_message_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_8 = (
                    WsExecutionSuccessMessage.from_dict(data)
                )

                return componentsschemas_ws_message_type_8
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_9 = WsExecutionErrorMessage.from_dict(
                    data
                )

                return componentsschemas_ws_message_type_9
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_10 = (
                    WsExecutionInterruptedMessage.from_dict(data)
                )

                return componentsschemas_ws_message_type_10
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_11 = WsLogsMessage.from_dict(data)

                return componentsschemas_ws_message_type_11
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_12 = (
                    WsDisplayComponentMessage.from_dict(data)
                )

                return componentsschemas_ws_message_type_12
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_13 = (
                    WsAssetsSeedStartedMessage.from_dict(data)
                )

                return componentsschemas_ws_message_type_13
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_14 = (
                    WsAssetsSeedProgressMessage.from_dict(data)
                )

                return componentsschemas_ws_message_type_14
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_15 = (
                    WsAssetsSeedFastCompleteMessage.from_dict(data)
                )

                return componentsschemas_ws_message_type_15
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_16 = (
                    WsAssetsSeedEnrichCompleteMessage.from_dict(data)
                )

                return componentsschemas_ws_message_type_16
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_17 = (
                    WsAssetsSeedCompletedMessage.from_dict(data)
                )

                return componentsschemas_ws_message_type_17
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_18 = (
                    WsAssetsSeedPausedMessage.from_dict(data)
                )

                return componentsschemas_ws_message_type_18
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_19 = (
                    WsAssetsSeedResumedMessage.from_dict(data)
                )

                return componentsschemas_ws_message_type_19
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_ws_message_type_20 = (
                    WsAssetsSeedCancelledMessage.from_dict(data)
                )

                return componentsschemas_ws_message_type_20
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_ws_message_type_21 = WsAssetsSeedErrorMessage.from_dict(
                data
            )

            return componentsschemas_ws_message_type_21

        response_400 = _parse_response_400(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    WsAssetsSeedCancelledMessage
    | WsAssetsSeedCompletedMessage
    | WsAssetsSeedEnrichCompleteMessage
    | WsAssetsSeedErrorMessage
    | WsAssetsSeedFastCompleteMessage
    | WsAssetsSeedPausedMessage
    | WsAssetsSeedProgressMessage
    | WsAssetsSeedResumedMessage
    | WsAssetsSeedStartedMessage
    | WsDisplayComponentMessage
    | WsExecutedMessage
    | WsExecutingMessage
    | WsExecutionCachedMessage
    | WsExecutionErrorMessage
    | WsExecutionInterruptedMessage
    | WsExecutionStartMessage
    | WsExecutionSuccessMessage
    | WsFeatureFlagsMessage
    | WsLogsMessage
    | WsProgressMessage
    | WsProgressStateMessage
    | WsStatusMessage
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    client_id: str | Unset = UNSET,
) -> Response[
    WsAssetsSeedCancelledMessage
    | WsAssetsSeedCompletedMessage
    | WsAssetsSeedEnrichCompleteMessage
    | WsAssetsSeedErrorMessage
    | WsAssetsSeedFastCompleteMessage
    | WsAssetsSeedPausedMessage
    | WsAssetsSeedProgressMessage
    | WsAssetsSeedResumedMessage
    | WsAssetsSeedStartedMessage
    | WsDisplayComponentMessage
    | WsExecutedMessage
    | WsExecutingMessage
    | WsExecutionCachedMessage
    | WsExecutionErrorMessage
    | WsExecutionInterruptedMessage
    | WsExecutionStartMessage
    | WsExecutionSuccessMessage
    | WsFeatureFlagsMessage
    | WsLogsMessage
    | WsProgressMessage
    | WsProgressStateMessage
    | WsStatusMessage
]:
    """Informational: the WebSocket endpoint (also `/api/ws`). Connect with a WebSocket client and
    `?clientId=<id>`; the id must equal the `client_id` posted with a prompt to receive its
    events. A plain GET without upgrade headers answers 400. Each text frame is one of the
    `WsMessage` schemas. Binary frames start with a big-endian uint32 event type:
    1 PREVIEW_IMAGE (uint32 format 1=JPEG 2=PNG, then the image), 3 TEXT (uint32 length of the
    node id, node id, UTF-8 text), 4 PREVIEW_IMAGE_WITH_METADATA (uint32 metadata length,
    metadata JSON `WsPreviewMetadata`, image); see `x-binary-frames`. A second socket with the
    same clientId is unregistered when the old one finally closes: use a fresh id to reconnect.

    Args:
        client_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[WsAssetsSeedCancelledMessage | WsAssetsSeedCompletedMessage | WsAssetsSeedEnrichCompleteMessage | WsAssetsSeedErrorMessage | WsAssetsSeedFastCompleteMessage | WsAssetsSeedPausedMessage | WsAssetsSeedProgressMessage | WsAssetsSeedResumedMessage | WsAssetsSeedStartedMessage | WsDisplayComponentMessage | WsExecutedMessage | WsExecutingMessage | WsExecutionCachedMessage | WsExecutionErrorMessage | WsExecutionInterruptedMessage | WsExecutionStartMessage | WsExecutionSuccessMessage | WsFeatureFlagsMessage | WsLogsMessage | WsProgressMessage | WsProgressStateMessage | WsStatusMessage]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    client_id: str | Unset = UNSET,
) -> (
    WsAssetsSeedCancelledMessage
    | WsAssetsSeedCompletedMessage
    | WsAssetsSeedEnrichCompleteMessage
    | WsAssetsSeedErrorMessage
    | WsAssetsSeedFastCompleteMessage
    | WsAssetsSeedPausedMessage
    | WsAssetsSeedProgressMessage
    | WsAssetsSeedResumedMessage
    | WsAssetsSeedStartedMessage
    | WsDisplayComponentMessage
    | WsExecutedMessage
    | WsExecutingMessage
    | WsExecutionCachedMessage
    | WsExecutionErrorMessage
    | WsExecutionInterruptedMessage
    | WsExecutionStartMessage
    | WsExecutionSuccessMessage
    | WsFeatureFlagsMessage
    | WsLogsMessage
    | WsProgressMessage
    | WsProgressStateMessage
    | WsStatusMessage
    | None
):
    """Informational: the WebSocket endpoint (also `/api/ws`). Connect with a WebSocket client and
    `?clientId=<id>`; the id must equal the `client_id` posted with a prompt to receive its
    events. A plain GET without upgrade headers answers 400. Each text frame is one of the
    `WsMessage` schemas. Binary frames start with a big-endian uint32 event type:
    1 PREVIEW_IMAGE (uint32 format 1=JPEG 2=PNG, then the image), 3 TEXT (uint32 length of the
    node id, node id, UTF-8 text), 4 PREVIEW_IMAGE_WITH_METADATA (uint32 metadata length,
    metadata JSON `WsPreviewMetadata`, image); see `x-binary-frames`. A second socket with the
    same clientId is unregistered when the old one finally closes: use a fresh id to reconnect.

    Args:
        client_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        WsAssetsSeedCancelledMessage | WsAssetsSeedCompletedMessage | WsAssetsSeedEnrichCompleteMessage | WsAssetsSeedErrorMessage | WsAssetsSeedFastCompleteMessage | WsAssetsSeedPausedMessage | WsAssetsSeedProgressMessage | WsAssetsSeedResumedMessage | WsAssetsSeedStartedMessage | WsDisplayComponentMessage | WsExecutedMessage | WsExecutingMessage | WsExecutionCachedMessage | WsExecutionErrorMessage | WsExecutionInterruptedMessage | WsExecutionStartMessage | WsExecutionSuccessMessage | WsFeatureFlagsMessage | WsLogsMessage | WsProgressMessage | WsProgressStateMessage | WsStatusMessage
    """

    return sync_detailed(
        client=client,
        client_id=client_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    client_id: str | Unset = UNSET,
) -> Response[
    WsAssetsSeedCancelledMessage
    | WsAssetsSeedCompletedMessage
    | WsAssetsSeedEnrichCompleteMessage
    | WsAssetsSeedErrorMessage
    | WsAssetsSeedFastCompleteMessage
    | WsAssetsSeedPausedMessage
    | WsAssetsSeedProgressMessage
    | WsAssetsSeedResumedMessage
    | WsAssetsSeedStartedMessage
    | WsDisplayComponentMessage
    | WsExecutedMessage
    | WsExecutingMessage
    | WsExecutionCachedMessage
    | WsExecutionErrorMessage
    | WsExecutionInterruptedMessage
    | WsExecutionStartMessage
    | WsExecutionSuccessMessage
    | WsFeatureFlagsMessage
    | WsLogsMessage
    | WsProgressMessage
    | WsProgressStateMessage
    | WsStatusMessage
]:
    """Informational: the WebSocket endpoint (also `/api/ws`). Connect with a WebSocket client and
    `?clientId=<id>`; the id must equal the `client_id` posted with a prompt to receive its
    events. A plain GET without upgrade headers answers 400. Each text frame is one of the
    `WsMessage` schemas. Binary frames start with a big-endian uint32 event type:
    1 PREVIEW_IMAGE (uint32 format 1=JPEG 2=PNG, then the image), 3 TEXT (uint32 length of the
    node id, node id, UTF-8 text), 4 PREVIEW_IMAGE_WITH_METADATA (uint32 metadata length,
    metadata JSON `WsPreviewMetadata`, image); see `x-binary-frames`. A second socket with the
    same clientId is unregistered when the old one finally closes: use a fresh id to reconnect.

    Args:
        client_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[WsAssetsSeedCancelledMessage | WsAssetsSeedCompletedMessage | WsAssetsSeedEnrichCompleteMessage | WsAssetsSeedErrorMessage | WsAssetsSeedFastCompleteMessage | WsAssetsSeedPausedMessage | WsAssetsSeedProgressMessage | WsAssetsSeedResumedMessage | WsAssetsSeedStartedMessage | WsDisplayComponentMessage | WsExecutedMessage | WsExecutingMessage | WsExecutionCachedMessage | WsExecutionErrorMessage | WsExecutionInterruptedMessage | WsExecutionStartMessage | WsExecutionSuccessMessage | WsFeatureFlagsMessage | WsLogsMessage | WsProgressMessage | WsProgressStateMessage | WsStatusMessage]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    client_id: str | Unset = UNSET,
) -> (
    WsAssetsSeedCancelledMessage
    | WsAssetsSeedCompletedMessage
    | WsAssetsSeedEnrichCompleteMessage
    | WsAssetsSeedErrorMessage
    | WsAssetsSeedFastCompleteMessage
    | WsAssetsSeedPausedMessage
    | WsAssetsSeedProgressMessage
    | WsAssetsSeedResumedMessage
    | WsAssetsSeedStartedMessage
    | WsDisplayComponentMessage
    | WsExecutedMessage
    | WsExecutingMessage
    | WsExecutionCachedMessage
    | WsExecutionErrorMessage
    | WsExecutionInterruptedMessage
    | WsExecutionStartMessage
    | WsExecutionSuccessMessage
    | WsFeatureFlagsMessage
    | WsLogsMessage
    | WsProgressMessage
    | WsProgressStateMessage
    | WsStatusMessage
    | None
):
    """Informational: the WebSocket endpoint (also `/api/ws`). Connect with a WebSocket client and
    `?clientId=<id>`; the id must equal the `client_id` posted with a prompt to receive its
    events. A plain GET without upgrade headers answers 400. Each text frame is one of the
    `WsMessage` schemas. Binary frames start with a big-endian uint32 event type:
    1 PREVIEW_IMAGE (uint32 format 1=JPEG 2=PNG, then the image), 3 TEXT (uint32 length of the
    node id, node id, UTF-8 text), 4 PREVIEW_IMAGE_WITH_METADATA (uint32 metadata length,
    metadata JSON `WsPreviewMetadata`, image); see `x-binary-frames`. A second socket with the
    same clientId is unregistered when the old one finally closes: use a fresh id to reconnect.

    Args:
        client_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        WsAssetsSeedCancelledMessage | WsAssetsSeedCompletedMessage | WsAssetsSeedEnrichCompleteMessage | WsAssetsSeedErrorMessage | WsAssetsSeedFastCompleteMessage | WsAssetsSeedPausedMessage | WsAssetsSeedProgressMessage | WsAssetsSeedResumedMessage | WsAssetsSeedStartedMessage | WsDisplayComponentMessage | WsExecutedMessage | WsExecutingMessage | WsExecutionCachedMessage | WsExecutionErrorMessage | WsExecutionInterruptedMessage | WsExecutionStartMessage | WsExecutionSuccessMessage | WsFeatureFlagsMessage | WsLogsMessage | WsProgressMessage | WsProgressStateMessage | WsStatusMessage
    """

    return (
        await asyncio_detailed(
            client=client,
            client_id=client_id,
        )
    ).parsed
