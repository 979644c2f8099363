from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.asset_created import AssetCreated
from ...models.assets_error_response import AssetsErrorResponse
from ...models.upload_asset_body import UploadAssetBody
from ...types import Response


def _get_kwargs(
    *,
    body: UploadAssetBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/assets",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AssetCreated | AssetsErrorResponse | str | None:
    if response.status_code == 200:
        response_200 = AssetCreated.from_dict(response.json())

        return response_200

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

    if response.status_code == 413:
        response_413 = response.text
        return response_413

    if response.status_code == 415:
        response_415 = AssetsErrorResponse.from_dict(response.json())

        return response_415

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
    body: UploadAssetBody,
) -> Response[AssetCreated | AssetsErrorResponse | str]:
    """Upload a file as an asset (multipart). Without a `file` part, a `hash` the server already
    has creates the asset from those bytes. 201 for new content, 200 when the bytes were
    already stored (`created_new: false`).

    Args:
        body (UploadAssetBody):

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
    body: UploadAssetBody,
) -> AssetCreated | AssetsErrorResponse | str | None:
    """Upload a file as an asset (multipart). Without a `file` part, a `hash` the server already
    has creates the asset from those bytes. 201 for new content, 200 when the bytes were
    already stored (`created_new: false`).

    Args:
        body (UploadAssetBody):

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
    body: UploadAssetBody,
) -> Response[AssetCreated | AssetsErrorResponse | str]:
    """Upload a file as an asset (multipart). Without a `file` part, a `hash` the server already
    has creates the asset from those bytes. 201 for new content, 200 when the bytes were
    already stored (`created_new: false`).

    Args:
        body (UploadAssetBody):

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
    body: UploadAssetBody,
) -> AssetCreated | AssetsErrorResponse | str | None:
    """Upload a file as an asset (multipart). Without a `file` part, a `hash` the server already
    has creates the asset from those bytes. 201 for new content, 200 when the bytes were
    already stored (`created_new: false`).

    Args:
        body (UploadAssetBody):

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
