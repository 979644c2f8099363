from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.asset_created import AssetCreated
from ...models.assets_error_response import AssetsErrorResponse
from ...models.create_asset_from_hash_request import CreateAssetFromHashRequest
from ...types import Response


def _get_kwargs(
    *,
    body: CreateAssetFromHashRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/assets/from-hash",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AssetCreated | AssetsErrorResponse | str | None:
    if response.status_code == 201:
        response_201 = AssetCreated.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = AssetsErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = AssetsErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 405:
        response_405 = response.text
        return response_405

    if response.status_code == 503:
        response_503 = AssetsErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AssetCreated | AssetsErrorResponse | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateAssetFromHashRequest,
) -> Response[AssetCreated | AssetsErrorResponse | str]:
    """Register an asset for content the server already has (ask `HEAD /api/assets/hash/{hash}` first); no
    bytes are sent.

    Args:
        body (CreateAssetFromHashRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetCreated | AssetsErrorResponse | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateAssetFromHashRequest,
) -> AssetCreated | AssetsErrorResponse | str | None:
    """Register an asset for content the server already has (ask `HEAD /api/assets/hash/{hash}` first); no
    bytes are sent.

    Args:
        body (CreateAssetFromHashRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetCreated | AssetsErrorResponse | str
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateAssetFromHashRequest,
) -> Response[AssetCreated | AssetsErrorResponse | str]:
    """Register an asset for content the server already has (ask `HEAD /api/assets/hash/{hash}` first); no
    bytes are sent.

    Args:
        body (CreateAssetFromHashRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetCreated | AssetsErrorResponse | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateAssetFromHashRequest,
) -> AssetCreated | AssetsErrorResponse | str | None:
    """Register an asset for content the server already has (ask `HEAD /api/assets/hash/{hash}` first); no
    bytes are sent.

    Args:
        body (CreateAssetFromHashRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetCreated | AssetsErrorResponse | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
