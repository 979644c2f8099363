from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.asset_list import AssetList
from ...models.assets_error_response import AssetsErrorResponse
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    tags_all: str | Unset = UNSET,
    tags_any: str | Unset = UNSET,
    tags_none: str | Unset = UNSET,
    include_tags: str | Unset = UNSET,
    exclude_tags: str | Unset = UNSET,
    name_contains: str | Unset = UNSET,
    job_ids: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    order: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["tags_all"] = tags_all

    params["tags_any"] = tags_any

    params["tags_none"] = tags_none

    params["include_tags"] = include_tags

    params["exclude_tags"] = exclude_tags

    params["name_contains"] = name_contains

    params["job_ids"] = job_ids

    params["limit"] = limit

    params["offset"] = offset

    params["after"] = after

    params["sort"] = sort

    params["order"] = order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/assets",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AssetList | AssetsErrorResponse | File | None:
    if response.status_code == 200:
        response_200 = AssetList.from_dict(response.json())

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
) -> Response[AssetList | AssetsErrorResponse | File]:
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
    include_tags: str | Unset = UNSET,
    exclude_tags: str | Unset = UNSET,
    name_contains: str | Unset = UNSET,
    job_ids: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    order: str | Unset = UNSET,
) -> Response[AssetList | AssetsErrorResponse | File]:
    """A page of assets. Tag filters take comma-separated tags (at most 100 each); `tags_all`
    and `tags_none` may not share a tag (400 `INVALID_TAG_FILTER`). Page with `offset`, or
    with `after` = the previous page's `next_cursor` (not with `sort=last_access_time`).

    Args:
        tags_all (str | Unset):
        tags_any (str | Unset):
        tags_none (str | Unset):
        include_tags (str | Unset):
        exclude_tags (str | Unset):
        name_contains (str | Unset):
        job_ids (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        after (str | Unset):
        sort (str | Unset):
        order (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetList | AssetsErrorResponse | File]
    """

    kwargs = _get_kwargs(
        tags_all=tags_all,
        tags_any=tags_any,
        tags_none=tags_none,
        include_tags=include_tags,
        exclude_tags=exclude_tags,
        name_contains=name_contains,
        job_ids=job_ids,
        limit=limit,
        offset=offset,
        after=after,
        sort=sort,
        order=order,
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
    include_tags: str | Unset = UNSET,
    exclude_tags: str | Unset = UNSET,
    name_contains: str | Unset = UNSET,
    job_ids: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    order: str | Unset = UNSET,
) -> AssetList | AssetsErrorResponse | File | None:
    """A page of assets. Tag filters take comma-separated tags (at most 100 each); `tags_all`
    and `tags_none` may not share a tag (400 `INVALID_TAG_FILTER`). Page with `offset`, or
    with `after` = the previous page's `next_cursor` (not with `sort=last_access_time`).

    Args:
        tags_all (str | Unset):
        tags_any (str | Unset):
        tags_none (str | Unset):
        include_tags (str | Unset):
        exclude_tags (str | Unset):
        name_contains (str | Unset):
        job_ids (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        after (str | Unset):
        sort (str | Unset):
        order (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetList | AssetsErrorResponse | File
    """

    return sync_detailed(
        client=client,
        tags_all=tags_all,
        tags_any=tags_any,
        tags_none=tags_none,
        include_tags=include_tags,
        exclude_tags=exclude_tags,
        name_contains=name_contains,
        job_ids=job_ids,
        limit=limit,
        offset=offset,
        after=after,
        sort=sort,
        order=order,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    tags_all: str | Unset = UNSET,
    tags_any: str | Unset = UNSET,
    tags_none: str | Unset = UNSET,
    include_tags: str | Unset = UNSET,
    exclude_tags: str | Unset = UNSET,
    name_contains: str | Unset = UNSET,
    job_ids: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    order: str | Unset = UNSET,
) -> Response[AssetList | AssetsErrorResponse | File]:
    """A page of assets. Tag filters take comma-separated tags (at most 100 each); `tags_all`
    and `tags_none` may not share a tag (400 `INVALID_TAG_FILTER`). Page with `offset`, or
    with `after` = the previous page's `next_cursor` (not with `sort=last_access_time`).

    Args:
        tags_all (str | Unset):
        tags_any (str | Unset):
        tags_none (str | Unset):
        include_tags (str | Unset):
        exclude_tags (str | Unset):
        name_contains (str | Unset):
        job_ids (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        after (str | Unset):
        sort (str | Unset):
        order (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetList | AssetsErrorResponse | File]
    """

    kwargs = _get_kwargs(
        tags_all=tags_all,
        tags_any=tags_any,
        tags_none=tags_none,
        include_tags=include_tags,
        exclude_tags=exclude_tags,
        name_contains=name_contains,
        job_ids=job_ids,
        limit=limit,
        offset=offset,
        after=after,
        sort=sort,
        order=order,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    tags_all: str | Unset = UNSET,
    tags_any: str | Unset = UNSET,
    tags_none: str | Unset = UNSET,
    include_tags: str | Unset = UNSET,
    exclude_tags: str | Unset = UNSET,
    name_contains: str | Unset = UNSET,
    job_ids: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    order: str | Unset = UNSET,
) -> AssetList | AssetsErrorResponse | File | None:
    """A page of assets. Tag filters take comma-separated tags (at most 100 each); `tags_all`
    and `tags_none` may not share a tag (400 `INVALID_TAG_FILTER`). Page with `offset`, or
    with `after` = the previous page's `next_cursor` (not with `sort=last_access_time`).

    Args:
        tags_all (str | Unset):
        tags_any (str | Unset):
        tags_none (str | Unset):
        include_tags (str | Unset):
        exclude_tags (str | Unset):
        name_contains (str | Unset):
        job_ids (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        after (str | Unset):
        sort (str | Unset):
        order (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetList | AssetsErrorResponse | File
    """

    return (
        await asyncio_detailed(
            client=client,
            tags_all=tags_all,
            tags_any=tags_any,
            tags_none=tags_none,
            include_tags=include_tags,
            exclude_tags=exclude_tags,
            name_contains=name_contains,
            job_ids=job_ids,
            limit=limit,
            offset=offset,
            after=after,
            sort=sort,
            order=order,
        )
    ).parsed
