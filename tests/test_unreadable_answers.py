"""Answers a proxy or a broken server gives with a 200 that cannot be read: ``/history`` as an
HTML login page, a list, an entry that is no object; ``POST /prompt`` as ``[]``, ``null``...
Each becomes a typed error promptly (never a hang), and a prompt is never posted twice."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp import web

from comfy_api_client import ComfyError, create_async_client, create_client
from comfy_api_client.core.results import PromptResult
from comfy_api_client.errors import UnreadableResponseError
from comfy_api_client.testing import ComfyTestServer
from tests.conftest import tiny_workflow
from tests.hostile_proxy import HostileProxy, hostile_proxy

#: A bounded number of failed attempts is what is proven, not the delays between them.
pytestmark = pytest.mark.usefixtures("fast_retries")

LOGIN_PAGE = "<html><body><form>Sign in</form></body></html>"


@pytest.fixture(scope="module")
def upstream() -> Iterator[ComfyTestServer]:
    with ComfyTestServer() as server:
        yield server


def history_answer(kind: str, prompt_id: str) -> web.Response:
    if kind == "html":
        return web.Response(text=LOGIN_PAGE, content_type="text/html")
    body: Any = {
        "list": [],
        "entry-list": {prompt_id: ["not", "an", "object"]},
        "outputs-list": {prompt_id: {"outputs": [1, 2], "status": {"status_str": "success"}}},
        "status-string": {prompt_id: {"outputs": {}, "status": "success"}},
    }[kind]
    return web.json_response(body)


def run(url: str, kind: str, **options: Any) -> Any:
    """Run a tiny workflow with the client of ``kind``; the error (or result) it ends with."""
    options.setdefault("http_timeout", 10)
    workflow = tiny_workflow(prefix="unreadable")
    if kind == "sync":
        with create_client(url, **options) as client:
            prompt = client.submit_workflow(workflow)
            try:
                return prompt.result()  # no timeout: this must not hang
            except ComfyError as exc:
                return exc

    async def main() -> Any:
        async with create_async_client(url, **options) as client:
            prompt = await client.submit_workflow(workflow)
            try:
                return await asyncio.wait_for(prompt.result(), 60)
            except ComfyError as exc:
                return exc

    return asyncio.run(main())


@pytest.mark.parametrize(
    ("tracker", "body"),
    [
        ("websocket", "html"),
        ("http", "html"),
        ("http", "list"),
        ("http", "entry-list"),
        ("http", "outputs-list"),
        ("http", "status-string"),
    ],
)
def test_unreadable_history_ends_the_wait_with_a_typed_error(
    upstream: ComfyTestServer, kind: str, body: str, tracker: str
) -> None:
    async def override(request: web.Request) -> web.StreamResponse | None:
        path = request.path.removeprefix("/api")
        if request.method == "GET" and path.startswith("/history/"):
            return history_answer(body, path.rsplit("/", 1)[-1])
        return None

    with hostile_proxy(upstream.url, override) as proxy:
        started = time.monotonic()
        outcome = run(proxy.url, kind, start_state_tracker=tracker)
        elapsed = time.monotonic() - started
    assert elapsed < 30
    if tracker == "websocket" and isinstance(outcome, PromptResult):
        assert outcome.files  # the socket reported the whole run: its report is the result
    else:
        assert isinstance(outcome, UnreadableResponseError), outcome
        assert "/history/" in str(outcome) and "could not be read" in str(outcome)
    assert proxy.posts("/prompt") == 1


@pytest.mark.parametrize(
    "answer",
    [
        [],
        None,
        "queued",
        {"prompt_id": "someone-else", "number": 1, "node_errors": {}},
        {"number": 1},
        {"prompt_id": "*", "number": 1, "node_errors": []},
        {"prompt_id": "*", "number": "one", "node_errors": {}},
    ],
    ids=["list", "null", "string", "other-id", "no-id", "node-errors-list", "number-text"],
)
def test_unreadable_post_prompt_answer_is_a_typed_error_and_never_reposted(
    upstream: ComfyTestServer, kind: str, answer: Any
) -> None:
    async def override(request: web.Request) -> web.StreamResponse | None:
        if request.method == "POST" and request.path.removeprefix("/api") == "/prompt":
            sent = json.loads(await request.read())
            body = answer
            if isinstance(body, dict) and body.get("prompt_id") == "*":
                body = {**body, "prompt_id": sent["prompt_id"]}
            return web.json_response(body)
        return None

    with (
        hostile_proxy(upstream.url, override) as proxy,
        pytest.raises(UnreadableResponseError) as info,
    ):
        run_submit(proxy, kind)
    assert "POST /prompt" in str(info.value) and "could not be read" in str(info.value)
    assert isinstance(info.value, ComfyError)
    assert proxy.posts("/prompt") + proxy.posts("/api/prompt") == 1


def run_submit(proxy: HostileProxy, kind: str) -> None:
    workflow = tiny_workflow(prefix="unreadable")
    if kind == "sync":
        with create_client(proxy.url, http_timeout=10) as client:
            client.submit_workflow(workflow)
        return

    async def main() -> None:
        async with create_async_client(proxy.url, http_timeout=10) as client:
            await client.submit_workflow(workflow)

    asyncio.run(main())
