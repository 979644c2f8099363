"""Nothing to add on the async side: the sync client's bridge gives it ``async with``."""


class AsyncBridge:
    """Base of ``AsyncComfyClient``; its sync twin lets ``async with create_client()`` work."""
