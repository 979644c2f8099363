from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assets_error_response import AssetsErrorResponse
from ...models.prune_result import PruneResult
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/assets/prune",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AssetsErrorResponse | PruneResult | str | None:
    if response.status_code == 200:
        response_200 = PruneResult.from_dict(response.json())

        return response_200

    if response.status_code == 405:
        response_405 = response.text
        return response_405

    if response.status_code == 409:
        response_409 = PruneResult.from_dict(response.json())

        return response_409

    if response.status_code == 500:
        response_500 = AssetsErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = AssetsErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AssetsErrorResponse | PruneResult | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[AssetsErrorResponse | PruneResult | str]:
    """Mark assets whose files lie outside every known root as missing (a soft delete; a later scan
    restores them).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetsErrorResponse | PruneResult | str]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> AssetsErrorResponse | PruneResult | str | None:
    """Mark assets whose files lie outside every known root as missing (a soft delete; a later scan
    restores them).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetsErrorResponse | PruneResult | str
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[AssetsErrorResponse | PruneResult | str]:
    """Mark assets whose files lie outside every known root as missing (a soft delete; a later scan
    restores them).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetsErrorResponse | PruneResult | str]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> AssetsErrorResponse | PruneResult | str | None:
    """Mark assets whose files lie outside every known root as missing (a soft delete; a later scan
    restores them).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetsErrorResponse | PruneResult | str
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
