"""Small helpers kept from the first release: reading workflows and changing their seeds."""

from __future__ import annotations

import io
import json
import random
import time
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit

from ..formats import SEED_INPUTS

PathLike = str | Path

#: Input names treated as noise seeds by :func:`randomize_noise_seeds`.
NOISE_KEYS = SEED_INPUTS


def read_json(path: PathLike) -> Any:
    """Read a JSON file (e.g. a workflow exported with "Export (API)")."""
    with Path(path).open(encoding="utf-8") as f:
        return json.load(f)


def replace_dict_values(
    dictionary: dict[str, Any],
    key: str | list[str],
    new_value: Any,
    start_at_root: bool = False,
    copy: bool = False,
) -> dict[str, Any]:
    """Set every value found at the dotted ``key`` path, searching at any depth.

    With ``start_at_root`` the path must start at the top level; with ``copy`` the input is
    left untouched and a changed copy is returned.
    """
    path = key.split(".") if isinstance(key, str) else list(key)
    result = _replace(dictionary, path, new_value, start_at_root, copy)
    assert isinstance(result, dict)
    return result


def _replace(node: Any, path: list[str], value: Any, anchored: bool, copy: bool) -> Any:
    if not path:
        return value
    if not isinstance(node, dict):
        return node
    if copy:
        node = dict(node)
    for k in list(node):
        if k == path[0]:
            node[k] = _replace(node[k], path[1:], value, True, copy)
        elif not anchored:
            node[k] = _replace(node[k], path, value, False, copy)
    return node


def replace_noise_seeds(
    workflow: dict[str, Any], seed: int, noise_keys: list[str] | tuple[str, ...] | None = None
) -> dict[str, Any]:
    """Return a copy of an API-format workflow with every ``inputs.seed``/``inputs.noise_seed`` set."""
    for noise_key in noise_keys or NOISE_KEYS:
        workflow = replace_dict_values(workflow, ["inputs", noise_key], seed, copy=True)
    return workflow


def randomize_noise_seeds(
    workflow: dict[str, Any], noise_keys: list[str] | tuple[str, ...] | None = None
) -> dict[str, Any]:
    """Return a copy of ``workflow`` with one new random seed in every noise-seed input."""
    return replace_noise_seeds(workflow, random.randint(0, 2**32 - 1), noise_keys)


def parse_url(url: str, default_scheme: str = "http") -> SplitResult:
    """Split ``url``, adding ``default_scheme`` when it is a bare ``host:port``."""
    parts = urlsplit(url)
    if not parts.netloc:
        return urlsplit(f"{default_scheme}://{url}")
    return parts


def image_to_buffer(image: Any, format: str = "png") -> io.BytesIO:
    """Encode a PIL image into an in-memory file (for uploads)."""
    buffer = io.BytesIO()
    image.save(buffer, format=format)
    buffer.seek(0)
    return buffer


def check_connection(url: str, delay: float = 0.5, timeout: float = 10) -> bool:
    """Whether ``GET url`` answers 200 within ``timeout`` seconds (retrying every ``delay``
    seconds while the server cannot be reached); False on any other answer or at the end.

    ``url`` is a full URL or ``host:port``.
    """
    import httpx

    target = parse_url(url).geturl()
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        try:
            response = httpx.get(target, timeout=max(min(left, 10.0), 0.1))
        except httpx.HTTPError:
            if time.monotonic() + delay >= deadline:
                return False
            time.sleep(delay)
            continue
        return response.status_code == 200
