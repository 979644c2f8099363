from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assets_error_response import AssetsErrorResponse
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    id: str,
    *,
    disposition: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["disposition"] = disposition

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/assets/{id}/content".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AssetsErrorResponse | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 404:
        response_404 = AssetsErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 501:
        response_501 = AssetsErrorResponse.from_dict(response.json())

        return response_501

    if response.status_code == 503:
        response_503 = AssetsErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AssetsErrorResponse | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    disposition: str | Unset = UNSET,
) -> Response[AssetsErrorResponse | File]:
    """The asset's bytes, streamed, with its MIME type and a `Content-Disposition` (attachment
    unless `disposition=inline`; HTML, SVG, XML and scripts are always sent as attachments).

    Args:
        id (str):
        disposition (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetsErrorResponse | File]
    """

    kwargs = _get_kwargs(
        id=id,
        disposition=disposition,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    disposition: str | Unset = UNSET,
) -> AssetsErrorResponse | File | None:
    """The asset's bytes, streamed, with its MIME type and a `Content-Disposition` (attachment
    unless `disposition=inline`; HTML, SVG, XML and scripts are always sent as attachments).

    Args:
        id (str):
        disposition (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetsErrorResponse | File
    """

    return sync_detailed(
        id=id,
        client=client,
        disposition=disposition,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    disposition: str | Unset = UNSET,
) -> Response[AssetsErrorResponse | File]:
    """The asset's bytes, streamed, with its MIME type and a `Content-Disposition` (attachment
    unless `disposition=inline`; HTML, SVG, XML and scripts are always sent as attachments).

    Args:
        id (str):
        disposition (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetsErrorResponse | File]
    """

    kwargs = _get_kwargs(
        id=id,
        disposition=disposition,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    disposition: str | Unset = UNSET,
) -> AssetsErrorResponse | File | None:
    """The asset's bytes, streamed, with its MIME type and a `Content-Disposition` (attachment
    unless `disposition=inline`; HTML, SVG, XML and scripts are always sent as attachments).

    Args:
        id (str):
        disposition (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetsErrorResponse | File
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            disposition=disposition,
        )
    ).parsed
