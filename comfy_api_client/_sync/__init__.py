"""The blocking client: ``client.py`` and ``prompt.py`` are generated from ``../_async``."""
