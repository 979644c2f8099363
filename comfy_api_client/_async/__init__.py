"""The asyncio client: hand-written; ``_sync`` is generated from it (``scripts/unasync.py``)."""
