"""The pool's background jobs and futures (``pool.py`` imports them here): the backend's."""

from .backend import Jobs, new_future

__all__ = ["Jobs", "new_future"]
