"""The ``async with`` life cycle shared by the client and the pool: enter opens, exit closes."""

from __future__ import annotations

from typing import Self


class Lifecycle:
    """``async with`` opens on entry and closes on exit; subclasses give ``open``/``close``."""

    async def open(self) -> None:
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
