"""Every error a user may meet is exported (tests/test_docs.py checks that the error tree of
docs/errors.md shows each one)."""

from __future__ import annotations

import inspect

import comfy_api_client
from comfy_api_client import errors


def _error_classes() -> list[type[errors.ComfyError]]:
    return [
        value
        for _, value in inspect.getmembers(errors, inspect.isclass)
        if issubclass(value, errors.ComfyError) and value.__module__ == errors.__name__
    ]


def test_every_error_is_exported() -> None:
    found = _error_classes()
    assert len(found) >= 26
    for cls in found:
        assert cls.__name__ in comfy_api_client.__all__, cls.__name__
        assert getattr(comfy_api_client, cls.__name__) is cls
