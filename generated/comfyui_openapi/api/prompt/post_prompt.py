from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.prompt_error_response import PromptErrorResponse
from ...models.prompt_request import PromptRequest
from ...models.prompt_response import PromptResponse
from ...types import Response


def _get_kwargs(
    *,
    body: PromptRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/prompt",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PromptErrorResponse | PromptResponse | str | None:
    if response.status_code == 200:
        response_200 = PromptResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = PromptErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 500:
        response_500 = response.text
        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PromptErrorResponse | PromptResponse | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PromptRequest,
) -> Response[PromptErrorResponse | PromptResponse | str]:
    """Validate an API-format graph and queue it. A 200 with non-empty `node_errors` means
    partial acceptance: the invalid outputs were silently dropped. A 400 queues nothing and
    sends no WebSocket message. Malformed JSON gives a plain-text 500.
    0.33.0 refuses a `prompt_id` that is not a canonical lowercase UUID (400
    `invalid_prompt_id`) but accepts a duplicate id (queued a second time), and applies
    `/node_replacements` to the graph before validating it.

    Args:
        body (PromptRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PromptErrorResponse | PromptResponse | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: PromptRequest,
) -> PromptErrorResponse | PromptResponse | str | None:
    """Validate an API-format graph and queue it. A 200 with non-empty `node_errors` means
    partial acceptance: the invalid outputs were silently dropped. A 400 queues nothing and
    sends no WebSocket message. Malformed JSON gives a plain-text 500.
    0.33.0 refuses a `prompt_id` that is not a canonical lowercase UUID (400
    `invalid_prompt_id`) but accepts a duplicate id (queued a second time), and applies
    `/node_replacements` to the graph before validating it.

    Args:
        body (PromptRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PromptErrorResponse | PromptResponse | str
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PromptRequest,
) -> Response[PromptErrorResponse | PromptResponse | str]:
    """Validate an API-format graph and queue it. A 200 with non-empty `node_errors` means
    partial acceptance: the invalid outputs were silently dropped. A 400 queues nothing and
    sends no WebSocket message. Malformed JSON gives a plain-text 500.
    0.33.0 refuses a `prompt_id` that is not a canonical lowercase UUID (400
    `invalid_prompt_id`) but accepts a duplicate id (queued a second time), and applies
    `/node_replacements` to the graph before validating it.

    Args:
        body (PromptRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PromptErrorResponse | PromptResponse | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PromptRequest,
) -> PromptErrorResponse | PromptResponse | str | None:
    """Validate an API-format graph and queue it. A 200 with non-empty `node_errors` means
    partial acceptance: the invalid outputs were silently dropped. A 400 queues nothing and
    sends no WebSocket message. Malformed JSON gives a plain-text 500.
    0.33.0 refuses a `prompt_id` that is not a canonical lowercase UUID (400
    `invalid_prompt_id`) but accepts a duplicate id (queued a second time), and applies
    `/node_replacements` to the graph before validating it.

    Args:
        body (PromptRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PromptErrorResponse | PromptResponse | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
