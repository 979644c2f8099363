from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_view_metadata_response_200 import GetViewMetadataResponse200
from ...types import UNSET, Response


def _get_kwargs(
    folder_name: str,
    *,
    filename: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["filename"] = filename

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/view_metadata/{folder_name}".format(
            folder_name=quote(str(folder_name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | GetViewMetadataResponse200 | None:
    if response.status_code == 200:
        response_200 = GetViewMetadataResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | GetViewMetadataResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    folder_name: str,
    *,
    client: AuthenticatedClient | Client,
    filename: str,
) -> Response[Any | GetViewMetadataResponse200]:
    """The `__metadata__` of a safetensors file's header.

    Args:
        folder_name (str):
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | GetViewMetadataResponse200]
    """

    kwargs = _get_kwargs(
        folder_name=folder_name,
        filename=filename,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    folder_name: str,
    *,
    client: AuthenticatedClient | Client,
    filename: str,
) -> Any | GetViewMetadataResponse200 | None:
    """The `__metadata__` of a safetensors file's header.

    Args:
        folder_name (str):
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | GetViewMetadataResponse200
    """

    return sync_detailed(
        folder_name=folder_name,
        client=client,
        filename=filename,
    ).parsed


async def asyncio_detailed(
    folder_name: str,
    *,
    client: AuthenticatedClient | Client,
    filename: str,
) -> Response[Any | GetViewMetadataResponse200]:
    """The `__metadata__` of a safetensors file's header.

    Args:
        folder_name (str):
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | GetViewMetadataResponse200]
    """

    kwargs = _get_kwargs(
        folder_name=folder_name,
        filename=filename,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    folder_name: str,
    *,
    client: AuthenticatedClient | Client,
    filename: str,
) -> Any | GetViewMetadataResponse200 | None:
    """The `__metadata__` of a safetensors file's header.

    Args:
        folder_name (str):
        filename (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | GetViewMetadataResponse200
    """

    return (
        await asyncio_detailed(
            folder_name=folder_name,
            client=client,
            filename=filename,
        )
    ).parsed
