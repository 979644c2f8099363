"""``async with create_client(...)``: the first release's examples use the factory that way."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._async.client import AsyncComfyClient


class AsyncBridge:
    """Base of ``ComfyClient``: entering it with ``async with`` gives an ``AsyncComfyClient``
    with the same options, so that code written for the asyncio client runs unchanged."""

    options: Any
    _async_twin: AsyncComfyClient | None = None

    async def __aenter__(self) -> AsyncComfyClient:
        from .._async.client import AsyncComfyClient

        twin = AsyncComfyClient(self.options)
        await twin.open()
        self._async_twin = twin
        return twin

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        twin, self._async_twin = self._async_twin, None
        if twin is not None:
            await twin.close()
