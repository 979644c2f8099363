"""Code written for comfy-api-client 0.1.0 runs (issue 11, part 4), and the README's main
command runs on a fresh machine with ``--server embedded`` (part 3)."""

from __future__ import annotations

import asyncio
import io
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest

from comfy_api_client import PromptValidationError, utils
from comfy_api_client.integrations.cli import EXIT_OK, EXIT_UNREACHABLE, main
from tests.conftest import tiny_workflow
from tests.typecheck import mypy_strict

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "invert.json"


def test_the_module_of_names_of_the_first_release() -> None:
    from comfy_api_client import ComfyExecutionError as TopLevel
    from comfy_api_client import errors
    from comfy_api_client.client import (
        ComfyAPIClient,
        ComfyExecutionError,
        FileList,
        ImageItem,
        ImageUploadResponse,
        PromptResponse,
        PromptResult,
        QueueEntry,
        QueueState,
        SystemStats,
        create_client,
    )
    from comfy_api_client.constants import NOISE_KEYS

    assert NOISE_KEYS == ["seed", "noise_seed"]
    assert ComfyExecutionError is errors.ExecutionError is TopLevel
    assert SystemStats.__name__ == "SystemStats"
    assert FileList == list[str]
    assert {c.__name__ for c in (ImageItem, ImageUploadResponse, PromptResponse)} == {
        "OutputImage",
        "UploadResult",
        "AsyncPrompt",
    }
    assert PromptResult.__name__ == "PromptResult" and QueueEntry and QueueState
    assert callable(create_client) and issubclass(ComfyAPIClient, object)


def test_check_connection(server: Any) -> None:
    assert utils.check_connection(server.url) is True
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert utils.check_connection(f"127.0.0.1:{port}", delay=0.05, timeout=0.3) is False


def test_code_written_for_the_first_release(server: Any, double: Any) -> None:
    from PIL import Image

    from comfy_api_client.client import ComfyAPIClient, ComfyExecutionError, create_client

    async def first_release_style() -> None:
        # its README: the factory as an async context manager, futures awaited
        async with create_client(server.url) as client:
            prompt = await client.submit_workflow(tiny_workflow(color=9001))
            result = await prompt.future
            assert result.output_images[0].image.size == (16, 16)
            buf = io.BytesIO()
            Image.new("RGB", (8, 8)).save(buf, format="PNG")
            up = await client.upload_image("first_release.png", buf.getvalue())
            assert (up.name, up.subfolder, up.type) == ("first_release.png", "", "input")
            mask = await client.upload_mask(
                "first_release_mask.png", buf.getvalue(), original_reference=up
            )
            assert mask.model_dump()["name"] == "first_release_mask.png"
            bad = tiny_workflow(color=9002)
            bad["1"]["inputs"]["width"] = 0
            with pytest.raises(PromptValidationError, match="width"):
                await client.submit_workflow(bad)
        # the client built by hand on the user's own httpx client, which stays theirs
        async with httpx.AsyncClient(timeout=30) as http:
            client = ComfyAPIClient(server.url, http)
            queue = await client.get_queue()
            assert queue.pending == [] or isinstance(queue.pending, list)
            prompt = await client.submit_workflow(tiny_workflow(color=9003))
            assert prompt.future is not None
            assert (await prompt.future).output_images
            regex = {
                "1": {
                    "class_type": "RegexReplace",
                    "inputs": {"string": "x", "regex_pattern": "(", "replace": "y"},
                },
                "2": {"class_type": "PreviewAny", "inputs": {"source": ["1", 0]}},
            }
            failing = await client.submit_workflow(regex)
            with pytest.raises(ComfyExecutionError):
                await failing.future
            await client.close()
            assert not http.is_closed  # its owner closes it
            assert str(http.base_url).rstrip("/") == server.url.rstrip("/")

    asyncio.run(first_release_style())


def test_the_main_command_runs_embedded_and_says_so(tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "out"
    code = main(["run", str(EXAMPLE), "--out", str(out), "--server", "embedded"])
    captured = capsys.readouterr()
    assert code == EXIT_OK
    written = [Path(line) for line in captured.out.split()]
    assert len(written) == 1 and written[0].read_bytes().startswith(b"\x89PNG")
    assert written[0].is_relative_to(out)
    assert (
        "built-in ComfyUI test double" in captured.err and "not on a real ComfyUI" in captured.err
    )


def test_without_embedded_nothing_falls_back_to_the_double(capsys: Any) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = main(["run", str(EXAMPLE), "--server", f"127.0.0.1:{port}"])
    err = capsys.readouterr().err
    assert code == EXIT_UNREACHABLE
    assert "test double" not in err and f"127.0.0.1:{port}" in err


def test_the_readme_main_command_is_the_one_tested() -> None:
    """The README's main command, as written, runs embedded (tested above)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = (
        'pip install -e ".[embedded]" && comfy-api-client run examples/invert.json --out out/ '
        "--server embedded"
    )
    assert command in readme


def test_public_types_are_precise(tmp_path: Path) -> None:
    """``await prompt.future`` is a ``PromptResult`` and ``.image`` a PIL image to a strict
    checker (both were ``Any``), written as the first release's README wrote it: no check
    that ``future`` is not None (issue 23: it was Optional)."""
    snippet = tmp_path / "types_check.py"
    snippet.write_text(
        "from typing import Any\n"
        "from comfy_api_client import AsyncComfyClient, ComfyClient\n\n\n"
        "async def f(client: AsyncComfyClient, workflow: dict[str, Any]) -> None:\n"
        "    prompt = await client.submit_workflow(workflow)\n"
        "    result = await prompt.future\n"
        "    reveal_type(result)\n"
        "    reveal_type(result.output_images[0].image)\n\n\n"
        "def g(client: ComfyClient, workflow: dict[str, Any]) -> None:\n"
        "    prompt = client.submit_workflow(workflow)\n"
        "    reveal_type(prompt.future.result())\n"
    )
    report = mypy_strict(snippet)
    revealed = [line for line in report.splitlines() if "Revealed type" in line]
    assert [line.split("Revealed type is ")[1] for line in revealed] == [
        '"comfy_api_client.core.results.PromptResult"',
        '"PIL.Image.Image"',
        '"comfy_api_client.core.results.PromptResult"',
    ], report
