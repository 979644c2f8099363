"""Comfy API v2 through a real comfy-api-proxy in front of the test double, sync and async.

The same client surface as the native API: submit, run, futures, events, cancel, errors,
input files, outputs; and a clear typed error for what v2 has no counterpart of.
"""

from __future__ import annotations

import io
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import BlockingClient, LiveServer, LoopThread, slow_workflow, tiny_workflow
from v2_proxy import running_proxy

from comfy_api_client import (
    ExecutionError,
    ExecutionInterrupted,
    PromptStatus,
    PromptValidationError,
    create_async_client,
    create_client,
)
from comfy_api_client.errors import AuthenticationError, NotAvailableError, PromptCancelledError

TIMEOUT = 120
DEFINITIONS = Path(__file__).parent / "data" / "comfyui" / "object_info.json"
#: A real ComfyUI (0.33 or later) to put the proxy in front of instead of the double.
LIVE_URL = os.environ.get("COMFYUI_URL")


@pytest.fixture(scope="module")
def v2_double() -> Iterator[Any]:
    """A test double of its own (ComfyUI 0.33.0: client prompt ids, the jobs cancel route), or
    the real ComfyUI at ``COMFYUI_URL``."""
    if LIVE_URL:
        yield LiveServer(LIVE_URL)
        return
    from comfy_api_client.testing import ComfyTestServer

    with ComfyTestServer(version="0.33.0") as double:
        yield double


@pytest.fixture(scope="module")
def proxy(v2_double: Any) -> Iterator[str]:
    """comfy-api-proxy in front of the double: the v2 server the tests talk to."""
    with running_proxy(v2_double.url) as url:
        yield url


@pytest.fixture
def double(v2_double: Any) -> Iterator[Any]:
    """The double behind the proxy (tests reading its requests are skipped against a real one)."""
    if LIVE_URL:
        pytest.skip("needs the test double's controls")
    v2_double.faults.clear()
    v2_double.set_paused(False)
    v2_double.node_delay = 0
    yield v2_double
    v2_double.set_paused(False)
    v2_double.node_delay = 0


@pytest.fixture
def make_v2(proxy: str, kind: str) -> Iterator[Callable[..., Any]]:
    """Open v2 clients of the parametrized kind; all closed at the end."""
    opened: list[Callable[[], None]] = []
    loop = LoopThread() if kind == "async" else None

    def make(url: str | None = None, **kwargs: Any) -> Any:
        kwargs.setdefault("http_timeout", 10)
        kwargs.setdefault("api", "v2")
        if loop is None:
            client = create_client(url or proxy, **kwargs)
            client.open()
            opened.append(client.close)
            return client
        aclient = create_async_client(url or proxy, **kwargs)
        loop.run(aclient.open())
        opened.append(lambda: loop.run(aclient.close()))
        return BlockingClient(aclient, loop)

    yield make
    for close in reversed(opened):
        close()
    if loop is not None:
        loop.close()


def _wait_until(check: Callable[[], bool], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def _png(color: str = "red", size: int = 8) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (size, size), color).save(buf, format="PNG")
    return buf.getvalue()


def _load_image(source: Any) -> dict[str, Any]:
    return {
        "1": {"class_type": "LoadImage", "inputs": {"image": source}},
        "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
        "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "v2"}},
    }


# -- prompts and outputs ---------------------------------------------------------------------


def test_run_gives_the_outputs_and_the_typed_events(make_v2: Any, proxy: str) -> None:
    seen: list[Any] = []
    client = make_v2(on_event=seen.append)
    prompt = client.submit_workflow(tiny_workflow(color=uuid.uuid4().int % 999, prefix="v2run"))
    result = prompt.result(TIMEOUT)
    assert result.prompt_id == prompt.prompt_id
    uuid.UUID(prompt.prompt_id)  # the server's job id
    assert prompt.status is PromptStatus.COMPLETED
    [image] = result.output_images
    assert image.node_id == "3" and image.filename.startswith("v2run")
    assert image.image.size == (16, 16)
    assert image.asset_id
    job = httpx.get(f"{proxy}/api/v2/jobs/{prompt.prompt_id}").json()
    assert job["status"] == "succeeded"
    types = [e.type for e in seen if e.prompt_id == prompt.prompt_id]
    assert types[-1] == "execution_success" and "executed" in types
    executed = next(e for e in seen if e.type == "executed")
    assert executed.node == "3" and executed.output["images"][0]["filename"] == image.filename
    assert client.fetch_results(prompt.prompt_id).files[0].filename == image.filename


def test_prompts_without_a_tracker_are_waited_for_by_polling(make_v2: Any) -> None:
    client = make_v2(start_state_tracker=None)
    prompt = client.submit_workflow(tiny_workflow(color=7, prefix="v2poll"))
    assert not prompt.tracked
    result = client.wait_for_result(prompt.prompt_id, timeout=TIMEOUT)
    assert result.output_images[0].data


def test_http_tracking_follows_jobs_by_polling(make_v2: Any) -> None:
    client = make_v2(start_state_tracker="http")
    result = client.run(tiny_workflow(color=8, prefix="v2http"), timeout=TIMEOUT)
    assert result.output_images[0].data


def test_download_streams_an_output_to_disk(make_v2: Any, tmp_path: Path) -> None:
    client = make_v2(download_outputs=False)
    result = client.run(tiny_workflow(color=9, prefix="v2dl"), timeout=TIMEOUT)
    [image] = result.files
    assert image.data is None
    path = client.download(image, tmp_path)
    assert path == tmp_path / image.filename
    assert path.read_bytes().startswith(b"\x89PNG")


# -- errors ------------------------------------------------------------------------------------


def test_an_invalid_workflow_is_a_validation_error_with_node_errors(make_v2: Any) -> None:
    client = make_v2()
    workflow = tiny_workflow()
    workflow["1"]["inputs"]["width"] = 0
    with pytest.raises(PromptValidationError) as info:
        client.submit_workflow(workflow)
    err = info.value
    assert err.status == 422 and err.code == "invalid_workflow"
    [problem] = err.problems
    assert (problem.node_id, problem.input_name, problem.received_value) == ("1", "width", 0)
    assert "node 1 (EmptyImage) input 'width' = 0" in str(err)


def test_client_side_validation_with_given_node_definitions(make_v2: Any, double: Any) -> None:
    client = make_v2(node_definitions=DEFINITIONS)
    workflow = tiny_workflow()
    workflow["1"]["inputs"]["width"] = 0
    before = len(double.requests)
    with pytest.raises(PromptValidationError) as info:
        client.submit_workflow(workflow)
    assert info.value.status == 0  # nothing was sent
    assert len(double.requests) == before


def test_a_failing_node_is_an_execution_error(make_v2: Any) -> None:
    client = make_v2()
    workflow = {
        "1": {
            "class_type": "RegexReplace",
            "inputs": {
                "string": "abc",
                "regex_pattern": "(unclosed",
                "replace": "x",
                "case_insensitive": True,
                "multiline": False,
                "dotall": False,
                "count": 0,
            },
        },
        "2": {"class_type": "PreviewAny", "inputs": {"source": ["1", 0]}},
    }
    prompt = client.submit_workflow(workflow)
    with pytest.raises(ExecutionError) as info:
        prompt.result(TIMEOUT)
    assert info.value.node_id == "1" and info.value.node_type == "RegexReplace"
    assert info.value.exception_message
    assert prompt.status is PromptStatus.FAILED


def test_methods_without_a_v2_counterpart_say_so(make_v2: Any) -> None:
    client = make_v2()
    for call in (
        client.get_queue,
        client.get_history,
        client.get_object_info,
        client.interrupt_processing,
        client.get_system_stats,
        lambda: client.upload_image("x.png", _png()),
        lambda: client.retrieve_image("x.png"),
    ):
        with pytest.raises(NotAvailableError) as info:
            call()
        assert info.value.api == "Comfy API v2" and "not available on Comfy API v2" in str(
            info.value
        )
    with pytest.raises(NotAvailableError, match="node_definitions="):
        client.convert_ui(json.loads((Path(__file__).parent / "data/ui/cpu.json").read_text()))
    with pytest.raises(NotAvailableError, match="front"):
        client.submit_workflow(tiny_workflow(), front=True)


def test_the_api_key_is_a_bearer_token_and_a_wrong_one_is_typed(
    v2_double: Any, kind: str, make_v2: Any
) -> None:
    with running_proxy(v2_double.url, "--token", "s3cret") as url:
        with pytest.raises(AuthenticationError) as info:
            make_v2(url, api_key="wrong").submit_workflow(tiny_workflow())
        assert info.value.status == 401 and info.value.code == "unauthorized"
        assert "wrong" not in str(info.value)
        result = make_v2(url, api_key="s3cret").run(tiny_workflow(color=11), timeout=TIMEOUT)
        assert result.output_images[0].data


def test_auto_detects_v2_and_the_native_api(proxy: str, v2_double: Any) -> None:
    """``api="auto"``: v2 behind the proxy, the native API on the ComfyUI itself."""
    with create_client(proxy, api="auto") as client:
        assert client.speaks_v2
        assert client.run(tiny_workflow(color=12), timeout=TIMEOUT).files
    with create_client(v2_double.url, api="auto") as client:
        assert not client.speaks_v2
        assert client.get_queue_remaining() >= 0


async def test_auto_detection_in_the_async_client(proxy: str) -> None:
    async with create_async_client(proxy, api="auto") as client:
        assert client.speaks_v2
        result = await client.run(tiny_workflow(color=13), timeout=TIMEOUT)
        assert result.files[0].data


# -- cancelling --------------------------------------------------------------------------------


@pytest.fixture
def slow(v2_double: Any) -> Iterator[None]:
    """Nodes of the double take long enough to be caught running (a real server is slow)."""
    if LIVE_URL:
        yield
        return
    v2_double.node_delay = 2.0
    yield
    v2_double.node_delay = 0


def _server_cancels_jobs() -> bool:
    """Whether the ComfyUI behind the proxy has per-job cancel (0.33 and later; the double)."""
    if not LIVE_URL:
        return True
    return httpx.get(f"{LIVE_URL.rstrip('/')}/api/jobs", timeout=30).status_code == 200


needs_job_cancel = pytest.mark.skipif(
    not _server_cancels_jobs(), reason="the ComfyUI behind the proxy has no per-job cancel"
)


@needs_job_cancel
@pytest.mark.usefixtures("slow")
def test_cancelling_a_running_job_interrupts_it(make_v2: Any) -> None:
    client = make_v2()
    prompt = client.submit_workflow(slow_workflow())
    _wait_until(lambda: prompt.status is PromptStatus.RUNNING)
    prompt.cancel()
    with pytest.raises(ExecutionInterrupted):
        prompt.result(TIMEOUT)
    assert prompt.status is PromptStatus.INTERRUPTED


@needs_job_cancel
@pytest.mark.usefixtures("slow")
def test_cancelling_a_queued_job_cancels_its_future(make_v2: Any) -> None:
    client = make_v2()
    running = client.submit_workflow(slow_workflow())
    _wait_until(lambda: running.status is PromptStatus.RUNNING)
    pending = client.submit_workflow(tiny_workflow(color=14))
    pending.cancel()
    with pytest.raises(PromptCancelledError):
        pending.result(TIMEOUT)
    assert pending.status is PromptStatus.CANCELLED
    running.cancel()
    with pytest.raises(ExecutionInterrupted):
        running.result(TIMEOUT)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_cancel_the_server_ignores_is_an_error_not_silence(kind: str) -> None:
    """comfy-api-proxy in front of a ComfyUI without per-job cancel (0.3.64) answers the cancel
    of a queued job with the job as it was: the client says so, and the result still comes.
    (A running job it reports as ``canceling`` all the same: that the client cannot tell.)"""
    from comfy_api_client.testing import ComfyTestServer

    with ComfyTestServer(version="0.3.64") as old, running_proxy(old.url) as url:
        old.node_delay = 1.0
        loop = LoopThread() if kind == "async" else None
        client: Any
        if loop is None:
            client = create_client(url, api="v2", http_timeout=10)
            client.open()
        else:
            aclient = create_async_client(url, api="v2", http_timeout=10)
            loop.run(aclient.open())
            client = BlockingClient(aclient, loop)
        try:
            running = client.submit_workflow(tiny_workflow(color=19))
            _wait_until(lambda: running.status is PromptStatus.RUNNING)
            queued = client.submit_workflow(tiny_workflow(color=20))
            with pytest.raises(NotAvailableError, match="'queued' and left the job as it was"):
                queued.cancel()
            assert queued.result(TIMEOUT).output_images and running.result(TIMEOUT).output_images
        finally:
            if loop is None:
                client.close()
            else:
                loop.run(aclient.close())
                loop.close()


# -- input files -------------------------------------------------------------------------------


def test_input_files_are_uploaded_as_assets_hash_first(
    make_v2: Any, double: Any, tmp_path: Path
) -> None:
    client = make_v2()
    data = _png(color=f"#{uuid.uuid4().hex[:6]}", size=8)
    uploads = sum(1 for _, path in double.requests if path == "/upload/image")
    result = client.run(_load_image(data), timeout=TIMEOUT)
    assert result.output_images[0].image.size == (8, 8)
    assert sum(1 for _, path in double.requests if path == "/upload/image") == uploads + 1
    # The same bytes again, from a file: the server has them, nothing is uploaded.
    path = tmp_path / "again.png"
    path.write_bytes(data)
    assert client.run(_load_image(path), timeout=TIMEOUT).output_images
    assert sum(1 for _, path in double.requests if path == "/upload/image") == uploads + 1


def test_a_pil_image_in_the_workflow_is_uploaded(make_v2: Any) -> None:
    from PIL import Image

    client = make_v2()
    result = client.run(_load_image(Image.new("RGB", (4, 6), "green")), timeout=TIMEOUT)
    assert result.output_images[0].image.size == (4, 6)


def test_ui_workflows_are_converted_with_given_node_definitions(make_v2: Any) -> None:
    client = make_v2(node_definitions=DEFINITIONS)
    ui = json.loads((Path(__file__).parent / "data" / "ui" / "cpu.json").read_text())
    result = client.run(ui, timeout=TIMEOUT)
    assert result.status == "success" and result.output_images
