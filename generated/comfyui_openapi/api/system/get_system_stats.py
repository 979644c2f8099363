from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.system_stats import SystemStats
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/system_stats",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> SystemStats | None:
    if response.status_code == 200:
        response_200 = SystemStats.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[SystemStats]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[SystemStats]:
    """Versions, RAM and the torch devices. `system.os` is `os.name` on 0.3.64 (`posix`, `nt`)
    and `sys.platform` on 0.33.0 (`linux`, `win32`, `darwin`); 0.33.0 lists every device and
    adds `comfy_package_versions` and `deploy_environment`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SystemStats]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> SystemStats | None:
    """Versions, RAM and the torch devices. `system.os` is `os.name` on 0.3.64 (`posix`, `nt`)
    and `sys.platform` on 0.33.0 (`linux`, `win32`, `darwin`); 0.33.0 lists every device and
    adds `comfy_package_versions` and `deploy_environment`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SystemStats
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[SystemStats]:
    """Versions, RAM and the torch devices. `system.os` is `os.name` on 0.3.64 (`posix`, `nt`)
    and `sys.platform` on 0.33.0 (`linux`, `win32`, `darwin`); 0.33.0 lists every device and
    adds `comfy_package_versions` and `deploy_environment`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SystemStats]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> SystemStats | None:
    """Versions, RAM and the torch devices. `system.os` is `os.name` on 0.3.64 (`posix`, `nt`)
    and `sys.platform` on 0.33.0 (`linux`, `win32`, `darwin`); 0.33.0 lists every device and
    adds `comfy_package_versions` and `deploy_environment`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SystemStats
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
