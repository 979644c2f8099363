"""The path of one warm ``submit_workflow`` enters few modules (issue 20)."""

from __future__ import annotations

import os
import sys
from types import FrameType
from typing import Any

from conftest import tiny_workflow

from comfy_api_client import create_client
from comfy_api_client.testing import ComfyTestServer

PACKAGE = os.path.dirname(os.path.abspath(sys.modules["comfy_api_client"].__file__ or ""))
MAX_FILES = 10


def test_warm_submit_enters_at_most_ten_files() -> None:
    entered: list[str] = []

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event != "call":
            return
        name = os.path.abspath(frame.f_code.co_filename)
        if name.startswith(PACKAGE + os.sep):
            rel = os.path.relpath(name, PACKAGE)
            if rel not in entered:
                entered.append(rel)

    with ComfyTestServer() as server, create_client(server.url) as client:
        client.submit_workflow(tiny_workflow(prefix="warm")).result()
        # Paused, the prompt cannot finish before its POST is answered (a race that made the
        # core read one more module): the path counted is always the same.
        server.set_paused(True)
        sys.setprofile(profile)
        try:
            prompt = client.submit_workflow(tiny_workflow(color=1, prefix="path"))
        finally:
            sys.setprofile(None)
            server.set_paused(False)
        prompt.result()
    assert len(entered) <= MAX_FILES, f"{len(entered)} files: {', '.join(entered)}"
