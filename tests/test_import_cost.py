"""What importing the package loads: its names load on first use, and a program pays only for
the client it uses (a sync script never loads asyncio, the pools or Comfy API v2)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

import comfy_api_client

HEAVY = (
    "asyncio",
    "websockets",
    "comfy_api_client.core.pool_core",
    "comfy_api_client._sync.pool",
    "comfy_api_client._async.pool",
    "comfy_api_client.v2.calls",
    "comfy_api_v2_openapi",
    "comfy_api_client.workflows.convert",
)


def _loaded_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nimport json; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_the_package_alone_loads_no_client() -> None:
    loaded = _loaded_after("import comfy_api_client")
    assert not loaded & {*HEAVY, "comfy_api_client._sync.client", "comfy_api_client._async.client"}


def test_a_sync_client_loads_neither_asyncio_nor_pools_nor_v2() -> None:
    loaded = _loaded_after("from comfy_api_client import ComfyClient, create_client")
    assert "comfy_api_client._sync.client" in loaded
    assert not loaded & set(HEAVY)


def test_a_sync_program_runs_without_asyncio(server: Any) -> None:
    """A whole run of a sync client, in a fresh interpreter, never imports asyncio."""
    code = (
        "from comfy_api_client import create_client\n"
        f"with create_client({server.url!r}) as client:\n"
        "    graph = {'1': {'class_type': 'EmptyImage', 'inputs': "
        "{'width': 8, 'height': 8, 'batch_size': 1, 'color': 7}},\n"
        "             '2': {'class_type': 'PreviewImage', 'inputs': {'images': ['1', 0]}}}\n"
        "    assert client.run(graph, timeout=60).output_images\n"
    )
    loaded = _loaded_after(code)
    assert "asyncio" not in loaded and "comfy_api_client.core.pool_core" not in loaded


@pytest.mark.parametrize("name", comfy_api_client.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(comfy_api_client, name) is not None
    assert name in dir(comfy_api_client)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        comfy_api_client.no_such_name  # noqa: B018
