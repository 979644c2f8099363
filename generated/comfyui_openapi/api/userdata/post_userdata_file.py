from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.userdata_file_info import UserdataFileInfo
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    file: str,
    *,
    body: File,
    overwrite: bool | Unset = UNSET,
    full_info: bool | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["overwrite"] = overwrite

    params["full_info"] = full_info

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/userdata/{file}".format(
            file=quote(str(file), safe=""),
        ),
        "params": params,
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | str | UserdataFileInfo | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> str | UserdataFileInfo:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_userdata_write_result_type_1 = (
                    UserdataFileInfo.from_dict(data)
                )

                return componentsschemas_userdata_write_result_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | UserdataFileInfo, data)

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = response.text
        return response_400

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

    if response.status_code == 409:
        response_409 = response.text
        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | str | UserdataFileInfo]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    file: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    overwrite: bool | Unset = UNSET,
    full_info: bool | Unset = UNSET,
) -> Response[Any | str | UserdataFileInfo]:
    """Write the raw body to the file (directories are created).

    Args:
        file (str):
        overwrite (bool | Unset):
        full_info (bool | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | str | str | UserdataFileInfo]
    """

    kwargs = _get_kwargs(
        file=file,
        body=body,
        overwrite=overwrite,
        full_info=full_info,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    file: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    overwrite: bool | Unset = UNSET,
    full_info: bool | Unset = UNSET,
) -> Any | str | UserdataFileInfo | None:
    """Write the raw body to the file (directories are created).

    Args:
        file (str):
        overwrite (bool | Unset):
        full_info (bool | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | str | str | UserdataFileInfo
    """

    return sync_detailed(
        file=file,
        client=client,
        body=body,
        overwrite=overwrite,
        full_info=full_info,
    ).parsed


async def asyncio_detailed(
    file: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    overwrite: bool | Unset = UNSET,
    full_info: bool | Unset = UNSET,
) -> Response[Any | str | UserdataFileInfo]:
    """Write the raw body to the file (directories are created).

    Args:
        file (str):
        overwrite (bool | Unset):
        full_info (bool | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | str | str | UserdataFileInfo]
    """

    kwargs = _get_kwargs(
        file=file,
        body=body,
        overwrite=overwrite,
        full_info=full_info,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    overwrite: bool | Unset = UNSET,
    full_info: bool | Unset = UNSET,
) -> Any | str | UserdataFileInfo | None:
    """Write the raw body to the file (directories are created).

    Args:
        file (str):
        overwrite (bool | Unset):
        full_info (bool | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | str | str | UserdataFileInfo
    """

    return (
        await asyncio_detailed(
            file=file,
            client=client,
            body=body,
            overwrite=overwrite,
            full_info=full_info,
        )
    ).parsed
