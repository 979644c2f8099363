"""The client's memory stays bounded whatever the server sends (issue "Every promise under
attack", defect 8, HTTP half): outputs over ``output_memory_limit`` stream to a temporary
file, API answers over ``response_size_limit`` raise ``ResponseTooLargeError``."""

from __future__ import annotations

import gc
import hashlib
import json
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client import ResponseTooLargeError
from tests.hostile_http import HostileServer, big_json, json_answer, stream
from tests.test_deadlines import connect  # noqa: F401 - the fixture

BIG = 300 * 2**20
SMALL = 5000


def _history(name: str) -> dict[str, Any]:
    return {"outputs": {"9": {"gifs": [{"filename": name, "type": "output"}]}}}


@pytest.fixture
def outputs() -> Iterator[HostileServer]:
    routes = {
        "GET /history/big": json_answer({"big": _history("big.mp4")}),
        "GET /history/small": json_answer({"small": _history("small.mp4")}),
        "GET /view": _view,
    }
    with HostileServer(routes) as server:
        yield server


async def _view(request: Any) -> Any:
    size = BIG if request.query.get("filename") == "big.mp4" else SMALL
    return await stream(size, content_type="video/mp4")(request)


def _expected_digest(size: int, chunk: int = 1 << 20) -> str:
    """The SHA-256 of what :func:`tests.hostile.stream` sends, computed chunk by chunk."""
    digest = hashlib.sha256()
    block = bytes(range(256)) * (chunk // 256)
    sent = 0
    while sent < size:
        piece = block[: min(len(block), size - sent)]
        digest.update(piece)
        sent += len(piece)
    return digest.hexdigest()


CLIENT = textwrap.dedent(
    """
    import asyncio, hashlib, json, resource, sys
    from comfy_api_client import create_async_client, create_client

    url, dest, kind = sys.argv[1:4]

    def peak_kb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def report(result, before, path):
        file = result.files[0]
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            while block := f.read(1 << 20):
                digest.update(block)
        print(json.dumps({
            "grown_mb": (peak_kb() - before) / 1024,
            "size": path.stat().st_size,
            "sha256": digest.hexdigest(),
            "spilled": file.local_path is not None,
        }))

    options = dict(start_state_tracker=None, validate=False, http_timeout=30)
    if kind == "sync":
        with create_client(url, **options) as client:
            client.fetch_results("small")  # imports and the connection, before measuring
            before = peak_kb()
            result = client.fetch_results("big")
            report(result, before, result.files[0].save(dest))
    else:
        async def main():
            async with create_async_client(url, **options) as client:
                await client.fetch_results("small")
                before = peak_kb()
                result = await client.fetch_results("big")
                report(result, before, result.files[0].save(dest))
        asyncio.run(main())
    """
)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_300_mb_output_streams_to_disk(outputs: HostileServer, kind: str, tmp_path: Path) -> None:
    """With default settings the client grows by less than 64 MB while a 300 MB video
    arrives, and the file reaches the disk whole."""
    run = subprocess.run(
        [sys.executable, "-c", CLIENT, outputs.url, str(tmp_path), kind],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    found = json.loads(run.stdout.strip().splitlines()[-1])
    assert found["size"] == BIG
    assert found["sha256"] == _expected_digest(BIG)
    assert found["spilled"]
    assert found["grown_mb"] < 64, found


def test_small_outputs_stay_in_memory_and_large_ones_spill(
    outputs: HostileServer,
    connect: Callable[..., Any],  # noqa: F811
) -> None:
    client = connect(outputs.url, validate=False)
    small = client.fetch_results("small").files[0]
    assert small.local_path is None and small.data is not None and len(small.data) == SMALL

    low = connect(outputs.url, validate=False, output_memory_limit=1000)
    spilled = low.fetch_results("small").files[0]
    path = spilled.local_path
    assert path is not None and path.stat().st_size == SMALL
    assert spilled.data == small.data  # read from the file on access
    del spilled
    gc.collect()
    assert not path.exists()  # the temporary file goes with its OutputFile


@pytest.mark.parametrize("length", [True, False], ids=["content-length", "chunked"])
def test_an_answer_over_the_size_limit_is_a_typed_error(
    connect: Callable[..., Any],  # noqa: F811
    length: bool,
) -> None:
    with HostileServer({"GET /object_info": big_json(2 * 2**20, length)}) as server:
        client = connect(server.url, response_size_limit=2**20)
        with pytest.raises(ResponseTooLargeError, match="/object_info") as caught:
            client.get_object_info()
        assert caught.value.limit == 2**20
        # within the limit, the same answer is read as before
        assert "Node" in connect(server.url).get_object_info()


def test_saving_a_spilled_output_does_not_read_it_into_memory(tmp_path: Path) -> None:
    """``OutputFile.save`` and the Celery task's ``save_files`` copy the temporary file."""
    import tempfile
    import tracemalloc
    from types import SimpleNamespace

    from comfy_api_client.celery import save_files
    from comfy_api_client.core.results import OutputFile

    fd, name = tempfile.mkstemp(prefix="comfy-output-test-")
    with open(fd, "wb") as f:
        for _ in range(20):
            f.write(b"v" * 2**20)
    file = OutputFile("clip.mp4", "", "output", "9", "video", "video/mp4")
    file.keep_file(Path(name))
    tracemalloc.start()
    try:
        saved = save_files(None, SimpleNamespace(files=[file]), tmp_path)  # type: ignore[arg-type]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert saved[0].stat().st_size == 20 * 2**20
    assert peak < 2**20, peak
