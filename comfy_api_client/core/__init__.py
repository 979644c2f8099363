"""The I/O-free core: the decisions both clients, the pool, Celery and the CLI share, free of
any request, thread or event loop (where a prompt is, how to cancel it, how long to wait)."""
