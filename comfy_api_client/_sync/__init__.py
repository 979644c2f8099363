"""The blocking client: generated from ``../_async`` except ``backend.py`` (threads)."""
