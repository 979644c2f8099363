"""Where outputs go on disk: one naming rule for ``save()``, ``download()``, the CLI and Celery
(a counter on a clash, explicit paths never replaced silently, names leaving the folder
refused)."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession, web

from comfy_api_client import OutputFile, OutputPathError, PromptResult
from comfy_api_client.integrations.cli import EXIT_OK, EXIT_REFUSED, main
from comfy_api_client.testing import ComfyTestServer
from tests.conftest import LIVE_URL, tiny_workflow


def output(name: str, subfolder: str = "", data: bytes = b"png") -> OutputFile:
    return OutputFile(name, subfolder, "output", "9", "image", "image/png", data)


def test_saving_into_one_folder_never_replaces_a_file(tmp_path: Path) -> None:
    first = output("x_00001_.png", data=b"a").save(tmp_path)
    second = output("x_00001_.png", data=b"b").save(tmp_path)
    third = output("x_00001_.png", data=b"c").save(str(tmp_path))
    assert [first.name, second.name, third.name] == [
        "x_00001_.png",
        "x_00001_-1.png",
        "x_00001_-2.png",
    ]
    assert [p.read_bytes() for p in (first, second, third)] == [b"a", b"b", b"c"]
    replaced = output("x_00001_.png", data=b"d").save(tmp_path, overwrite=True)
    assert replaced == first and first.read_bytes() == b"d"
    kept = output("y.png", "sub/dir", b"e").save(tmp_path)
    assert kept == tmp_path / "sub" / "dir" / "y.png"
    result = PromptResult("p", "success", {}, [output("x_00001_.png"), output("z.png")], {})
    assert [p.name for p in result.save(tmp_path)] == ["x_00001_-3.png", "z.png"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no leftovers


@pytest.mark.parametrize(
    ("name", "subfolder"),
    [("x.png", "../../etc"), ("/etc/passwd", ""), ("..\\x.png", ""), ("C:x.png", ""), ("", "")],
)
def test_names_leaving_the_folder_are_a_typed_error_naming_the_file(
    tmp_path: Path, name: str, subfolder: str
) -> None:
    with pytest.raises(OutputPathError) as caught:
        output(name, subfolder).save(tmp_path / "out")
    assert isinstance(caught.value, ValueError)
    assert name in caught.value.path and subfolder in caught.value.path
    assert repr(caught.value.path) in str(caught.value)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_download_to_a_folder_and_to_a_file(client: Any, tmp_path: Path) -> None:
    result = client.run(tiny_workflow(color=91, prefix="saving/dl"))
    (file,) = result.files
    assert file.subfolder == "saving"
    first = client.download(file, f"{tmp_path / 'out'}/")  # no such folder yet: a folder
    assert first == tmp_path / "out" / "saving" / file.filename
    second = client.download(file, tmp_path / "out")  # an existing folder
    assert second.name == Path(file.filename).stem + "-1.png"
    assert second.read_bytes() == first.read_bytes() == file.data
    explicit = tmp_path / "one.png"
    assert client.download(file, explicit) == explicit
    explicit.write_bytes(b"mine")
    with pytest.raises(OutputPathError, match="exists"):
        client.download(file, explicit)
    assert explicit.read_bytes() == b"mine"  # refused: left as it was
    assert client.download(file, explicit, overwrite=True).read_bytes() == file.data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.png", "out"]


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def two_doubles() -> Iterator[list[ComfyTestServer]]:
    if LIVE_URL:
        pytest.skip("needs test doubles")
    servers = [ComfyTestServer().start() for _ in range(2)]
    yield servers
    for server in servers:
        server.stop()


def test_repeated_run_out_into_one_folder_keeps_every_output(
    two_doubles: list[ComfyTestServer], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workflow = tmp_path / "wf.json"
    workflow.write_text(json.dumps(tiny_workflow(color=5, prefix="same")))
    out = tmp_path / "out"
    saved = []
    for server in two_doubles:  # each numbers its outputs from 1: same_00001_.png twice
        code = main(["run", str(workflow), "--out", str(out), "-q", "--server", server.url])
        stdout, _ = capsys.readouterr()
        assert code == EXIT_OK
        saved.extend(Path(line) for line in stdout.split())
    assert [p.name for p in saved] == ["same_00001_.png", "same_00001_-1.png"]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in saved)


class HostileProxy:
    """Forwards to a double, giving the second output of every history entry a subfolder
    that climbs out of the folder it is saved into."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.loop = asyncio.new_event_loop()
        self.runner: web.AppRunner | None = None
        self.url = ""
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(10)

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        await web.SockSite(self.runner, listener).start()
        self.url = f"http://127.0.0.1:{listener.getsockname()[1]}"

    async def _forward(self, request: web.Request) -> web.Response:
        async with (
            ClientSession() as session,
            session.request(
                request.method,
                self.target + request.rel_url.path_qs,
                data=await request.read(),
                headers={k: v for k, v in request.headers.items() if k.lower() != "host"},
            ) as answer,
        ):
            body = await answer.read()
            if request.path.startswith("/history/") and answer.status == 200:
                history = json.loads(body)
                for entry in history.values():
                    items = [i for ui in entry["outputs"].values() for i in ui.get("images", [])]
                    if len(items) > 1:
                        items[1]["subfolder"] = "../../escaped"
                body = json.dumps(history).encode()
            kind = answer.headers.get("content-type", "application/octet-stream")
            return web.Response(status=answer.status, body=body, content_type=kind.split(";")[0])

    def close(self) -> None:
        if self.runner is not None:
            asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()


def test_the_cli_saves_the_outputs_it_can_and_names_the_refused_one(
    two_doubles: list[ComfyTestServer], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy = HostileProxy(two_doubles[0].url)
    try:
        workflow = tmp_path / "wf.json"
        wf = tiny_workflow(color=6, prefix="kept")
        wf["1"]["inputs"]["batch_size"] = 3
        workflow.write_text(json.dumps(wf))
        out = tmp_path / "out"
        args = ["run", str(workflow), "--out", str(out), "-q", "--tracker", "http"]
        code = main([*args, "--server", proxy.url])
        stdout, stderr = capsys.readouterr()
    finally:
        proxy.close()
    assert code == EXIT_REFUSED, stderr
    assert "Traceback" not in stderr
    assert "escaped" in stderr and "node 3" in stderr
    saved = [Path(line) for line in stdout.split()]
    assert len(saved) == 2 and all(p.is_relative_to(out) and p.is_file() for p in saved)
    assert not (tmp_path / "escaped").exists() and not (tmp_path.parent / "escaped").exists()
    assert sorted(os.listdir(out)) == sorted(p.name for p in saved)
