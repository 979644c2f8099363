from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.node_replacements import NodeReplacements
from ...types import File, Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/node_replacements",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> File | NodeReplacements | None:
    if response.status_code == 200:
        response_200 = NodeReplacements.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = File(payload=BytesIO(response.content))

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[File | NodeReplacements]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[File | NodeReplacements]:
    """Registered replacements of deprecated node classes, by old class name. The server applies
    them to every `POST /prompt` before validating it; the editor uses them to migrate
    workflows (`input_mapping` renames inputs or sets a value, `output_mapping` moves outputs).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | NodeReplacements]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> File | NodeReplacements | None:
    """Registered replacements of deprecated node classes, by old class name. The server applies
    them to every `POST /prompt` before validating it; the editor uses them to migrate
    workflows (`input_mapping` renames inputs or sets a value, `output_mapping` moves outputs).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | NodeReplacements
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[File | NodeReplacements]:
    """Registered replacements of deprecated node classes, by old class name. The server applies
    them to every `POST /prompt` before validating it; the editor uses them to migrate
    workflows (`input_mapping` renames inputs or sets a value, `output_mapping` moves outputs).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | NodeReplacements]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> File | NodeReplacements | None:
    """Registered replacements of deprecated node classes, by old class name. The server applies
    them to every `POST /prompt` before validating it; the editor uses them to migrate
    workflows (`input_mapping` renames inputs or sets a value, `output_mapping` moves outputs).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | NodeReplacements
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
