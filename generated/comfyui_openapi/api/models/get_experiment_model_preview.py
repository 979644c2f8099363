from http import HTTPStatus
from io import BytesIO
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import File, Response


def _get_kwargs(
    folder: str,
    path_index: int,
    filename: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/experiment/models/preview/{folder}/{path_index}/{filename}".format(
            folder=quote(str(folder), safe=""),
            path_index=quote(str(path_index), safe=""),
            filename=quote(str(filename), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | File | str | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if response.status_code == 500:
        response_500 = response.text
        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | File | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    folder: str,
    path_index: int,
    filename: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | File | str]:
    """A model's preview image as webp (`filename` may contain `/`). Served by 0.3.64, 0.8.0 and
    0.33.0 alike (seen live: 200 `image/webp` for a model with a preview image beside it).

    Args:
        folder (str):
        path_index (int):
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | str]
    """

    kwargs = _get_kwargs(
        folder=folder,
        path_index=path_index,
        filename=filename,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    folder: str,
    path_index: int,
    filename: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | File | str | None:
    """A model's preview image as webp (`filename` may contain `/`). Served by 0.3.64, 0.8.0 and
    0.33.0 alike (seen live: 200 `image/webp` for a model with a preview image beside it).

    Args:
        folder (str):
        path_index (int):
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | str
    """

    return sync_detailed(
        folder=folder,
        path_index=path_index,
        filename=filename,
        client=client,
    ).parsed


async def asyncio_detailed(
    folder: str,
    path_index: int,
    filename: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | File | str]:
    """A model's preview image as webp (`filename` may contain `/`). Served by 0.3.64, 0.8.0 and
    0.33.0 alike (seen live: 200 `image/webp` for a model with a preview image beside it).

    Args:
        folder (str):
        path_index (int):
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | str]
    """

    kwargs = _get_kwargs(
        folder=folder,
        path_index=path_index,
        filename=filename,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    folder: str,
    path_index: int,
    filename: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | File | str | None:
    """A model's preview image as webp (`filename` may contain `/`). Served by 0.3.64, 0.8.0 and
    0.33.0 alike (seen live: 200 `image/webp` for a model with a preview image beside it).

    Args:
        folder (str):
        path_index (int):
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | str
    """

    return (
        await asyncio_detailed(
            folder=folder,
            path_index=path_index,
            filename=filename,
            client=client,
        )
    ).parsed
