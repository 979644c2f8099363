from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assets_error_response import AssetsErrorResponse
from ...models.tag_counts import TagCounts
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    tags_all: str | Unset = UNSET,
    tags_any: str | Unset = UNSET,
    tags_none: str | Unset = UNSET,
    name_contains: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["tags_all"] = tags_all

    params["tags_any"] = tags_any

    params["tags_none"] = tags_none

    params["name_contains"] = name_contains

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/assets/tags/refine",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AssetsErrorResponse | File | TagCounts | None:
    if response.status_code == 200:
        response_200 = TagCounts.from_dict(response.json())

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
) -> Response[AssetsErrorResponse | File | TagCounts]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    tags_all: str | Unset = UNSET,
    tags_any: str | Unset = UNSET,
    tags_none: str | Unset = UNSET,
    name_contains: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[AssetsErrorResponse | File | TagCounts]:
    """How many of the assets matching the filters carry each tag (to narrow a search).

    Args:
        tags_all (str | Unset):
        tags_any (str | Unset):
        tags_none (str | Unset):
        name_contains (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetsErrorResponse | File | TagCounts]
    """

    kwargs = _get_kwargs(
        tags_all=tags_all,
        tags_any=tags_any,
        tags_none=tags_none,
        name_contains=name_contains,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    tags_all: str | Unset = UNSET,
    tags_any: str | Unset = UNSET,
    tags_none: str | Unset = UNSET,
    name_contains: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> AssetsErrorResponse | File | TagCounts | None:
    """How many of the assets matching the filters carry each tag (to narrow a search).

    Args:
        tags_all (str | Unset):
        tags_any (str | Unset):
        tags_none (str | Unset):
        name_contains (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetsErrorResponse | File | TagCounts
    """

    return sync_detailed(
        client=client,
        tags_all=tags_all,
        tags_any=tags_any,
        tags_none=tags_none,
        name_contains=name_contains,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    tags_all: str | Unset = UNSET,
    tags_any: str | Unset = UNSET,
    tags_none: str | Unset = UNSET,
    name_contains: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[AssetsErrorResponse | File | TagCounts]:
    """How many of the assets matching the filters carry each tag (to narrow a search).

    Args:
        tags_all (str | Unset):
        tags_any (str | Unset):
        tags_none (str | Unset):
        name_contains (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetsErrorResponse | File | TagCounts]
    """

    kwargs = _get_kwargs(
        tags_all=tags_all,
        tags_any=tags_any,
        tags_none=tags_none,
        name_contains=name_contains,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    tags_all: str | Unset = UNSET,
    tags_any: str | Unset = UNSET,
    tags_none: str | Unset = UNSET,
    name_contains: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> AssetsErrorResponse | File | TagCounts | None:
    """How many of the assets matching the filters carry each tag (to narrow a search).

    Args:
        tags_all (str | Unset):
        tags_any (str | Unset):
        tags_none (str | Unset):
        name_contains (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetsErrorResponse | File | TagCounts
    """

    return (
        await asyncio_detailed(
            client=client,
            tags_all=tags_all,
            tags_any=tags_any,
            tags_none=tags_none,
            name_contains=name_contains,
            limit=limit,
        )
    ).parsed
