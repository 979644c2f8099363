from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assets_error_response import AssetsErrorResponse
from ...models.tag_list import TagList
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    prefix: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    order: str | Unset = UNSET,
    include_zero: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["prefix"] = prefix

    params["limit"] = limit

    params["offset"] = offset

    params["order"] = order

    params["include_zero"] = include_zero

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/tags",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AssetsErrorResponse | File | TagList | None:
    if response.status_code == 200:
        response_200 = TagList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = AssetsErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = File(payload=BytesIO(response.content))

        return response_404

    if response.status_code == 503:
        response_503 = AssetsErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AssetsErrorResponse | File | TagList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    prefix: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    order: str | Unset = UNSET,
    include_zero: bool | Unset = UNSET,
) -> Response[AssetsErrorResponse | File | TagList]:
    """Asset tags with how many assets carry each.

    Args:
        prefix (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        order (str | Unset):
        include_zero (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetsErrorResponse | File | TagList]
    """

    kwargs = _get_kwargs(
        prefix=prefix,
        limit=limit,
        offset=offset,
        order=order,
        include_zero=include_zero,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    prefix: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    order: str | Unset = UNSET,
    include_zero: bool | Unset = UNSET,
) -> AssetsErrorResponse | File | TagList | None:
    """Asset tags with how many assets carry each.

    Args:
        prefix (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        order (str | Unset):
        include_zero (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetsErrorResponse | File | TagList
    """

    return sync_detailed(
        client=client,
        prefix=prefix,
        limit=limit,
        offset=offset,
        order=order,
        include_zero=include_zero,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    prefix: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    order: str | Unset = UNSET,
    include_zero: bool | Unset = UNSET,
) -> Response[AssetsErrorResponse | File | TagList]:
    """Asset tags with how many assets carry each.

    Args:
        prefix (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        order (str | Unset):
        include_zero (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetsErrorResponse | File | TagList]
    """

    kwargs = _get_kwargs(
        prefix=prefix,
        limit=limit,
        offset=offset,
        order=order,
        include_zero=include_zero,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    prefix: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    order: str | Unset = UNSET,
    include_zero: bool | Unset = UNSET,
) -> AssetsErrorResponse | File | TagList | None:
    """Asset tags with how many assets carry each.

    Args:
        prefix (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        order (str | Unset):
        include_zero (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetsErrorResponse | File | TagList
    """

    return (
        await asyncio_detailed(
            client=client,
            prefix=prefix,
            limit=limit,
            offset=offset,
            order=order,
            include_zero=include_zero,
        )
    ).parsed
