"""The first release's way of building the asyncio client: ``ComfyAPIClient(url, httpx_client)``."""

from __future__ import annotations

from typing import Unpack

import httpx

from .._async.client import AsyncComfyClient
from ..core.address import ServerAddress
from ..core.options import DEFAULT_HTTP_TIMEOUT, ClientKeywords, ClientOptions
from ..errors import InvalidArgumentError


class ComfyAPIClient(AsyncComfyClient):
    """The asyncio client, also built the first release's way: ``ComfyAPIClient(url,
    httpx.AsyncClient())``.

    A given ``httpx.AsyncClient`` is used for every request and left open for its owner to
    close; it gets the server's address as its ``base_url`` when it has none.
    """

    def __init__(
        self,
        comfy_url: str | ServerAddress | ClientOptions | None = None,
        client: httpx.AsyncClient | None = None,
        http_timeout: float | None = DEFAULT_HTTP_TIMEOUT,
        **options: Unpack[ClientKeywords],
    ) -> None:
        if isinstance(comfy_url, ClientOptions):
            built = comfy_url
        else:
            built = ClientOptions.build(comfy_url, http_timeout, **options)
        if client is not None:
            if not isinstance(client, httpx.AsyncClient):
                raise InvalidArgumentError("client", client, "expected an httpx.AsyncClient")
            built.http_client = client
        super().__init__(built)
