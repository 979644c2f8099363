from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    dir_: str,
    recurse: str | Unset = UNSET,
    full_info: str | Unset = UNSET,
    split: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["dir"] = dir_

    params["recurse"] = recurse

    params["full_info"] = full_info

    params["split"] = split

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/userdata",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> list[Any] | str | None:
    if response.status_code == 200:
        response_200 = cast(list[Any], response.json())

        return response_200

    if response.status_code == 400:
        response_400 = response.text
        return response_400

    if response.status_code == 403:
        response_403 = response.text
        return response_403

    if response.status_code == 404:
        response_404 = response.text
        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[list[Any] | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    dir_: str,
    recurse: str | Unset = UNSET,
    full_info: str | Unset = UNSET,
    split: str | Unset = UNSET,
) -> Response[list[Any] | str]:
    """Files in a user directory (paths; with `full_info` objects; with `split` path parts).

    Args:
        dir_ (str):
        recurse (str | Unset):
        full_info (str | Unset):
        split (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[Any] | str]
    """

    kwargs = _get_kwargs(
        dir_=dir_,
        recurse=recurse,
        full_info=full_info,
        split=split,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    dir_: str,
    recurse: str | Unset = UNSET,
    full_info: str | Unset = UNSET,
    split: str | Unset = UNSET,
) -> list[Any] | str | None:
    """Files in a user directory (paths; with `full_info` objects; with `split` path parts).

    Args:
        dir_ (str):
        recurse (str | Unset):
        full_info (str | Unset):
        split (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[Any] | str
    """

    return sync_detailed(
        client=client,
        dir_=dir_,
        recurse=recurse,
        full_info=full_info,
        split=split,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    dir_: str,
    recurse: str | Unset = UNSET,
    full_info: str | Unset = UNSET,
    split: str | Unset = UNSET,
) -> Response[list[Any] | str]:
    """Files in a user directory (paths; with `full_info` objects; with `split` path parts).

    Args:
        dir_ (str):
        recurse (str | Unset):
        full_info (str | Unset):
        split (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[Any] | str]
    """

    kwargs = _get_kwargs(
        dir_=dir_,
        recurse=recurse,
        full_info=full_info,
        split=split,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    dir_: str,
    recurse: str | Unset = UNSET,
    full_info: str | Unset = UNSET,
    split: str | Unset = UNSET,
) -> list[Any] | str | None:
    """Files in a user directory (paths; with `full_info` objects; with `split` path parts).

    Args:
        dir_ (str):
        recurse (str | Unset):
        full_info (str | Unset):
        split (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[Any] | str
    """

    return (
        await asyncio_detailed(
            client=client,
            dir_=dir_,
            recurse=recurse,
            full_info=full_info,
            split=split,
        )
    ).parsed
