from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...types import Response


def _get_kwargs(
    id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/jobs/{id}/events".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorEnvelope | str]:
    """Server-sent events of one job until it ends (read as a stream, not through this binding).

     Frames are `event: <name>` and `data: <json>` lines; comment lines (`: keepalive`) keep
    the connection alive. First a `status` event (the current state), then `progress`,
    `preview` and `output` events, and a final `status` event with a terminal status, after
    which the server ends the stream. Payloads: `StatusEvent`, `Progress`, `PreviewEvent`,
    `Output`. A server may cap concurrent streams (`429 too_many_streams` with
    `Retry-After`); polling the job works regardless.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | str]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorEnvelope | str | None:
    """Server-sent events of one job until it ends (read as a stream, not through this binding).

     Frames are `event: <name>` and `data: <json>` lines; comment lines (`: keepalive`) keep
    the connection alive. First a `status` event (the current state), then `progress`,
    `preview` and `output` events, and a final `status` event with a terminal status, after
    which the server ends the stream. Payloads: `StatusEvent`, `Progress`, `PreviewEvent`,
    `Output`. A server may cap concurrent streams (`429 too_many_streams` with
    `Retry-After`); polling the job works regardless.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | str
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorEnvelope | str]:
    """Server-sent events of one job until it ends (read as a stream, not through this binding).

     Frames are `event: <name>` and `data: <json>` lines; comment lines (`: keepalive`) keep
    the connection alive. First a `status` event (the current state), then `progress`,
    `preview` and `output` events, and a final `status` event with a terminal status, after
    which the server ends the stream. Payloads: `StatusEvent`, `Progress`, `PreviewEvent`,
    `Output`. A server may cap concurrent streams (`429 too_many_streams` with
    `Retry-After`); polling the job works regardless.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | str]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorEnvelope | str | None:
    """Server-sent events of one job until it ends (read as a stream, not through this binding).

     Frames are `event: <name>` and `data: <json>` lines; comment lines (`: keepalive`) keep
    the connection alive. First a `status` event (the current state), then `progress`,
    `preview` and `output` events, and a final `status` event with a terminal status, after
    which the server ends the stream. Payloads: `StatusEvent`, `Progress`, `PreviewEvent`,
    `Output`. A server may cap concurrent streams (`429 too_many_streams` with
    `Retry-After`); polling the job works regardless.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | str
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
