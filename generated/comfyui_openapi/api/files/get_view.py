from http import HTTPStatus
from io import BytesIO
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    filename: str,
    type_: str | Unset = UNSET,
    subfolder: str | Unset = UNSET,
    preview: str | Unset = UNSET,
    channel: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["filename"] = filename

    params["type"] = type_

    params["subfolder"] = subfolder

    params["preview"] = preview

    params["channel"] = channel

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/view",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | File | str | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 400:
        response_400 = cast(Any, None)
        return response_400

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

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
    *,
    client: AuthenticatedClient | Client,
    filename: str,
    type_: str | Unset = UNSET,
    subfolder: str | Unset = UNSET,
    preview: str | Unset = UNSET,
    channel: str | Unset = UNSET,
) -> Response[Any | File | str]:
    """Download a file from input/output/temp. The Content-Type is guessed from the extension
    (HTML/JS/CSS are sent as application/octet-stream); `preview` re-encodes to webp/jpeg and
    `channel=rgb|a` gives a PNG. From 0.33.0 `filename=blake3:<hash>` names an asset's
    content (404 when the assets system is off).

    Args:
        filename (str):
        type_ (str | Unset): input, output or temp.
        subfolder (str | Unset):
        preview (str | Unset):
        channel (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | str]
    """

    kwargs = _get_kwargs(
        filename=filename,
        type_=type_,
        subfolder=subfolder,
        preview=preview,
        channel=channel,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    filename: str,
    type_: str | Unset = UNSET,
    subfolder: str | Unset = UNSET,
    preview: str | Unset = UNSET,
    channel: str | Unset = UNSET,
) -> Any | File | str | None:
    """Download a file from input/output/temp. The Content-Type is guessed from the extension
    (HTML/JS/CSS are sent as application/octet-stream); `preview` re-encodes to webp/jpeg and
    `channel=rgb|a` gives a PNG. From 0.33.0 `filename=blake3:<hash>` names an asset's
    content (404 when the assets system is off).

    Args:
        filename (str):
        type_ (str | Unset): input, output or temp.
        subfolder (str | Unset):
        preview (str | Unset):
        channel (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | str
    """

    return sync_detailed(
        client=client,
        filename=filename,
        type_=type_,
        subfolder=subfolder,
        preview=preview,
        channel=channel,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    filename: str,
    type_: str | Unset = UNSET,
    subfolder: str | Unset = UNSET,
    preview: str | Unset = UNSET,
    channel: str | Unset = UNSET,
) -> Response[Any | File | str]:
    """Download a file from input/output/temp. The Content-Type is guessed from the extension
    (HTML/JS/CSS are sent as application/octet-stream); `preview` re-encodes to webp/jpeg and
    `channel=rgb|a` gives a PNG. From 0.33.0 `filename=blake3:<hash>` names an asset's
    content (404 when the assets system is off).

    Args:
        filename (str):
        type_ (str | Unset): input, output or temp.
        subfolder (str | Unset):
        preview (str | Unset):
        channel (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | str]
    """

    kwargs = _get_kwargs(
        filename=filename,
        type_=type_,
        subfolder=subfolder,
        preview=preview,
        channel=channel,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    filename: str,
    type_: str | Unset = UNSET,
    subfolder: str | Unset = UNSET,
    preview: str | Unset = UNSET,
    channel: str | Unset = UNSET,
) -> Any | File | str | None:
    """Download a file from input/output/temp. The Content-Type is guessed from the extension
    (HTML/JS/CSS are sent as application/octet-stream); `preview` re-encodes to webp/jpeg and
    `channel=rgb|a` gives a PNG. From 0.33.0 `filename=blake3:<hash>` names an asset's
    content (404 when the assets system is off).

    Args:
        filename (str):
        type_ (str | Unset): input, output or temp.
        subfolder (str | Unset):
        preview (str | Unset):
        channel (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | str
    """

    return (
        await asyncio_detailed(
            client=client,
            filename=filename,
            type_=type_,
            subfolder=subfolder,
            preview=preview,
            channel=channel,
        )
    ).parsed
