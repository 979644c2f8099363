"""Kept so that ``import comfy_api_client.utils`` works;
the code lives in ``comfy_api_client.compat.utils``."""

from __future__ import annotations

from .compat.utils import (
    NOISE_KEYS,
    SEED_INPUTS,
    PathLike,
    check_connection,
    image_to_buffer,
    parse_url,
    randomize_noise_seeds,
    read_json,
    replace_dict_values,
    replace_noise_seeds,
)

__all__ = [
    "NOISE_KEYS",
    "SEED_INPUTS",
    "PathLike",
    "check_connection",
    "image_to_buffer",
    "parse_url",
    "randomize_noise_seeds",
    "read_json",
    "replace_dict_values",
    "replace_noise_seeds",
]
