from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.history import History
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    max_items: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["max_items"] = max_items

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/history",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> History | str | None:
    if response.status_code == 200:
        response_200 = History.from_dict(response.json())

        return response_200

    if response.status_code == 500:
        response_500 = response.text
        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[History | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    max_items: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[History | str]:
    """History entries keyed by prompt id, oldest first (at most 10 000 kept).

    Args:
        max_items (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[History | str]
    """

    kwargs = _get_kwargs(
        max_items=max_items,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    max_items: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> History | str | None:
    """History entries keyed by prompt id, oldest first (at most 10 000 kept).

    Args:
        max_items (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        History | str
    """

    return sync_detailed(
        client=client,
        max_items=max_items,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    max_items: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[History | str]:
    """History entries keyed by prompt id, oldest first (at most 10 000 kept).

    Args:
        max_items (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[History | str]
    """

    kwargs = _get_kwargs(
        max_items=max_items,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    max_items: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> History | str | None:
    """History entries keyed by prompt id, oldest first (at most 10 000 kept).

    Args:
        max_items (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        History | str
    """

    return (
        await asyncio_detailed(
            client=client,
            max_items=max_items,
            offset=offset,
        )
    ).parsed
