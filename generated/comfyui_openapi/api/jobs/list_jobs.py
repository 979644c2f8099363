from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.job_list import JobList
from ...models.jobs_error import JobsError
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    status: str | Unset = UNSET,
    workflow_id: str | Unset = UNSET,
    sort_by: str | Unset = UNSET,
    sort_order: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["status"] = status

    params["workflow_id"] = workflow_id

    params["sort_by"] = sort_by

    params["sort_order"] = sort_order

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/jobs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> File | JobList | JobsError | None:
    if response.status_code == 200:
        response_200 = JobList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = JobsError.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = File(payload=BytesIO(response.content))

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[File | JobList | JobsError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: str | Unset = UNSET,
    workflow_id: str | Unset = UNSET,
    sort_by: str | Unset = UNSET,
    sort_order: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[File | JobList | JobsError]:
    """Jobs (queued, running and finished prompts), newest first by default. 0.3.64 answers 404.
    The jobs routes are in the normal route table (0.8.0 and 0.33.0), so they are also served
    at `/api/api/jobs...`; the cancel routes came with 0.33.0.

    Args:
        status (str | Unset):
        workflow_id (str | Unset):
        sort_by (str | Unset):
        sort_order (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | JobList | JobsError]
    """

    kwargs = _get_kwargs(
        status=status,
        workflow_id=workflow_id,
        sort_by=sort_by,
        sort_order=sort_order,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    status: str | Unset = UNSET,
    workflow_id: str | Unset = UNSET,
    sort_by: str | Unset = UNSET,
    sort_order: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> File | JobList | JobsError | None:
    """Jobs (queued, running and finished prompts), newest first by default. 0.3.64 answers 404.
    The jobs routes are in the normal route table (0.8.0 and 0.33.0), so they are also served
    at `/api/api/jobs...`; the cancel routes came with 0.33.0.

    Args:
        status (str | Unset):
        workflow_id (str | Unset):
        sort_by (str | Unset):
        sort_order (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | JobList | JobsError
    """

    return sync_detailed(
        client=client,
        status=status,
        workflow_id=workflow_id,
        sort_by=sort_by,
        sort_order=sort_order,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: str | Unset = UNSET,
    workflow_id: str | Unset = UNSET,
    sort_by: str | Unset = UNSET,
    sort_order: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[File | JobList | JobsError]:
    """Jobs (queued, running and finished prompts), newest first by default. 0.3.64 answers 404.
    The jobs routes are in the normal route table (0.8.0 and 0.33.0), so they are also served
    at `/api/api/jobs...`; the cancel routes came with 0.33.0.

    Args:
        status (str | Unset):
        workflow_id (str | Unset):
        sort_by (str | Unset):
        sort_order (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | JobList | JobsError]
    """

    kwargs = _get_kwargs(
        status=status,
        workflow_id=workflow_id,
        sort_by=sort_by,
        sort_order=sort_order,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    status: str | Unset = UNSET,
    workflow_id: str | Unset = UNSET,
    sort_by: str | Unset = UNSET,
    sort_order: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> File | JobList | JobsError | None:
    """Jobs (queued, running and finished prompts), newest first by default. 0.3.64 answers 404.
    The jobs routes are in the normal route table (0.8.0 and 0.33.0), so they are also served
    at `/api/api/jobs...`; the cancel routes came with 0.33.0.

    Args:
        status (str | Unset):
        workflow_id (str | Unset):
        sort_by (str | Unset):
        sort_order (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | JobList | JobsError
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            workflow_id=workflow_id,
            sort_by=sort_by,
            sort_order=sort_order,
            limit=limit,
            offset=offset,
        )
    ).parsed
