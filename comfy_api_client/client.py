"""Kept so that ``import comfy_api_client.client`` works;
the code lives in ``comfy_api_client.compat.first_release`` (its names, listed there once)."""

from __future__ import annotations

from .compat.first_release import *  # noqa: F403
from .compat.first_release import __all__ as __all__
