"""A typed error as JSON: what Celery task failures and MCP tool errors carry."""

from __future__ import annotations

import dataclasses
import json
from typing import Any


def error_fields(error: BaseException) -> dict[str, Any]:
    """The fields of a typed error that JSON can carry (``problems`` as dicts)."""
    fields: dict[str, Any] = {}
    for key, value in vars(error).items():
        if key.startswith("_"):
            continue
        if key == "problems":
            value = [dataclasses.asdict(p) for p in value]
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            value = repr(value)
        fields[key] = value
    return fields
