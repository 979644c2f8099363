"""``async with create_client(...)`` (the first release's examples use it): the backend's."""

from .backend import AsyncBridge

__all__ = ["AsyncBridge"]
