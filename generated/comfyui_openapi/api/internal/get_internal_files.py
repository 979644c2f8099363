from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.simple_error import SimpleError
from ...types import Response


def _get_kwargs(
    directory_type: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/internal/files/{directory_type}".format(
            directory_type=quote(str(directory_type), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> SimpleError | list[str] | None:
    if response.status_code == 200:
        response_200 = cast(list[str], response.json())

        return response_200

    if response.status_code == 400:
        response_400 = SimpleError.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[SimpleError | list[str]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    directory_type: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[SimpleError | list[str]]:
    """Top-level file names in input/output/temp, newest first.

    Args:
        directory_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SimpleError | list[str]]
    """

    kwargs = _get_kwargs(
        directory_type=directory_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    directory_type: str,
    *,
    client: AuthenticatedClient | Client,
) -> SimpleError | list[str] | None:
    """Top-level file names in input/output/temp, newest first.

    Args:
        directory_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SimpleError | list[str]
    """

    return sync_detailed(
        directory_type=directory_type,
        client=client,
    ).parsed


async def asyncio_detailed(
    directory_type: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[SimpleError | list[str]]:
    """Top-level file names in input/output/temp, newest first.

    Args:
        directory_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SimpleError | list[str]]
    """

    kwargs = _get_kwargs(
        directory_type=directory_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    directory_type: str,
    *,
    client: AuthenticatedClient | Client,
) -> SimpleError | list[str] | None:
    """Top-level file names in input/output/temp, newest first.

    Args:
        directory_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SimpleError | list[str]
    """

    return (
        await asyncio_detailed(
            directory_type=directory_type,
            client=client,
        )
    ).parsed
