from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assets_error_response import AssetsErrorResponse
from ...models.seed_assets_request import SeedAssetsRequest
from ...models.seed_result import SeedResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: SeedAssetsRequest | Unset = UNSET,
    wait: bool | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["wait"] = wait

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/assets/seed",
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AssetsErrorResponse | SeedResult | str | None:
    if response.status_code == 200:
        response_200 = SeedResult.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = SeedResult.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = AssetsErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 405:
        response_405 = response.text
        return response_405

    if response.status_code == 409:
        response_409 = SeedResult.from_dict(response.json())

        return response_409

    if response.status_code == 503:
        response_503 = AssetsErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AssetsErrorResponse | SeedResult | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SeedAssetsRequest | Unset = UNSET,
    wait: bool | Unset = UNSET,
) -> Response[AssetsErrorResponse | SeedResult | str]:
    """Scan roots (models, input, output) for files and register them as assets. The scan runs
    in the background (202) and broadcasts `assets.seed.*` messages; with `wait=true` the
    answer comes when it is over (200, `status` completed). 409 when a scan is running.

    Args:
        wait (bool | Unset):
        body (SeedAssetsRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetsErrorResponse | SeedResult | str]
    """

    kwargs = _get_kwargs(
        body=body,
        wait=wait,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: SeedAssetsRequest | Unset = UNSET,
    wait: bool | Unset = UNSET,
) -> AssetsErrorResponse | SeedResult | str | None:
    """Scan roots (models, input, output) for files and register them as assets. The scan runs
    in the background (202) and broadcasts `assets.seed.*` messages; with `wait=true` the
    answer comes when it is over (200, `status` completed). 409 when a scan is running.

    Args:
        wait (bool | Unset):
        body (SeedAssetsRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetsErrorResponse | SeedResult | str
    """

    return sync_detailed(
        client=client,
        body=body,
        wait=wait,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SeedAssetsRequest | Unset = UNSET,
    wait: bool | Unset = UNSET,
) -> Response[AssetsErrorResponse | SeedResult | str]:
    """Scan roots (models, input, output) for files and register them as assets. The scan runs
    in the background (202) and broadcasts `assets.seed.*` messages; with `wait=true` the
    answer comes when it is over (200, `status` completed). 409 when a scan is running.

    Args:
        wait (bool | Unset):
        body (SeedAssetsRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetsErrorResponse | SeedResult | str]
    """

    kwargs = _get_kwargs(
        body=body,
        wait=wait,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SeedAssetsRequest | Unset = UNSET,
    wait: bool | Unset = UNSET,
) -> AssetsErrorResponse | SeedResult | str | None:
    """Scan roots (models, input, output) for files and register them as assets. The scan runs
    in the background (202) and broadcasts `assets.seed.*` messages; with `wait=true` the
    answer comes when it is over (200, `status` completed). 409 when a scan is running.

    Args:
        wait (bool | Unset):
        body (SeedAssetsRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetsErrorResponse | SeedResult | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            wait=wait,
        )
    ).parsed
