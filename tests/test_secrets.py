"""No secret leaves the client: not in any log record at DEBUG (ours, httpx's, httpcore's,
websockets', websocket-client's trace...), not in ``repr``/``str`` of clients, pools, results
and errors, not in a pool's server names; and not to another origin a redirect points at."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import websocket
from aiohttp import web

from comfy_api_client import (
    ComfyError,
    create_async_client,
    create_async_pool,
    create_client,
    create_pool,
)
from comfy_api_client.core.pool_core import server_name
from comfy_api_client.testing import ComfyTestServer
from tests.conftest import tiny_workflow
from tests.hostile_proxy import hostile_proxy

SECRETS = ("SECRET1", "SECRET2", "SECRET3")
HEADERS = {"Authorization": "Bearer SECRET1", "X-Api-Key": "SECRET2"}


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = f"{record.name} {record.getMessage()}"
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        self.lines.append(text)


@pytest.fixture
def records() -> Iterator[Collect]:
    """Every logger at DEBUG into one collecting handler (websocket-client's trace on too)."""
    root = logging.getLogger()
    handler, level = Collect(), root.level
    names = ["httpx", "httpcore", "websockets", "websocket", "comfy_api_client", "asyncio"]
    levels = {name: logging.getLogger(name).level for name in names}
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in names:
        logging.getLogger(name).setLevel(logging.DEBUG)
    websocket.enableTrace(True, handler=logging.NullHandler())
    try:
        yield handler
    finally:
        websocket.enableTrace(False)
        root.removeHandler(handler)
        root.setLevel(level)
        for name, old in levels.items():
            logging.getLogger(name).setLevel(old)


@pytest.fixture(scope="module")
def server() -> Iterator[ComfyTestServer]:
    with ComfyTestServer() as double:
        yield double


def assert_clean(*things: object) -> None:
    for thing in things:
        for text in (repr(thing), str(thing)):
            for secret in SECRETS:
                assert secret not in text, text


def test_a_full_run_logs_and_shows_no_secret(server: ComfyTestServer, records: Collect) -> None:
    netloc = server.url.removeprefix("http://")
    url = f"http://user:SECRET3@{netloc}"
    bare = f"user:SECRET3@{netloc}"  # no scheme: the password must not become a name
    seen: list[object] = []
    with create_client(url, headers=HEADERS, http_timeout=10) as client:
        result = client.run(tiny_workflow(prefix="secret"), timeout=30)
        seen += [client, result, client.options]
    with create_pool([bare], headers=HEADERS, http_timeout=10) as pool:
        pooled = pool.run(tiny_workflow(prefix="secret"), timeout=30)
        seen += [pool, pooled, pooled.server, pool.servers]

    async def main() -> None:
        async with create_async_client(bare, headers=HEADERS, http_timeout=10) as client:
            seen.append(await client.run(tiny_workflow(prefix="secret"), timeout=30))
            seen.append(client)
            try:
                await client.fetch_results("no-such-prompt")
            except ComfyError as exc:
                seen.append(exc)
        async with create_async_pool([bare, url], headers=HEADERS, http_timeout=10) as apool:
            done = await apool.run(tiny_workflow(prefix="secret"), timeout=30)
            seen.extend([apool, done, done.server])

    asyncio.run(main())
    assert pooled.server == netloc
    # the secrets did reach the server, so the records above had them to leak
    sent = server.request_headers[-1]
    assert sent.get("X-Api-Key") == "SECRET2"
    assert any("Sec-WebSocket-Key" in line for line in records.lines)  # the handshake was logged
    leaks = [line for line in records.lines if any(s in line for s in SECRETS)]
    assert leaks == []
    assert_clean(*seen)


def test_unreachable_server_errors_name_no_secret() -> None:
    for make in (create_client,):
        with pytest.raises(ComfyError) as info:
            make("user:SECRET3@127.0.0.1:9", headers=HEADERS, http_timeout=2).open()
        assert_clean(info.value, info.value.__cause__)


@pytest.mark.parametrize(
    "address", ["user:SECRET3@host:99999", "http://user:SECRET3@:8188", "htp://user:SECRET3@h"]
)
def test_a_refused_address_is_named_without_its_password(address: str) -> None:
    with pytest.raises(ComfyError) as info:
        create_client(address)
    assert_clean(info.value, info.value.args)


def test_server_names_never_carry_credentials() -> None:
    from comfy_api_client.calls.secrecy import redact_header_lines
    from comfy_api_client.core.address import keeps_headers, same_origin, without_credentials

    assert server_name("user:SECRET3@host:8188") == "host:8188"
    assert server_name("https://user:SECRET3@host/base?token=SECRET1") == "https://host/base"
    assert without_credentials("host:8188") == "host:8188"
    assert same_origin("ws://h:80/ws", "http://h/x") and not same_origin("http://h:1", "http://h:2")
    assert keeps_headers("http://h/a", "https://h/b") and keeps_headers("ws://h/ws", "wss://h/ws")
    assert not keeps_headers("https://h/a", "http://h/a") and not keeps_headers(
        "http://h", "http://g"
    )
    assert not keeps_headers("http://h:8188", "https://h:8188")
    text = "GET /ws HTTP/1.1\r\nHost: h\r\nX-Api-Key: SECRET2\r\nAuthorization: Bearer SECRET1"
    assert "SECRET" not in redact_header_lines(text) and "Host: h" in redact_header_lines(text)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_redirect_to_another_origin_gets_no_configured_header(
    server: ComfyTestServer, kind: str
) -> None:
    """HTTP and WebSocket redirects: followed, but the other origin sees none of the
    headers the user configured (httpx and websockets would pass X-Api-Key on)."""
    with hostile_proxy(server.url) as elsewhere:

        async def redirect(request: web.Request) -> web.StreamResponse | None:
            path = request.path.removeprefix("/api")
            if path == "/system_stats":
                raise web.HTTPFound(elsewhere.url + request.path_qs)
            if path == "/ws":
                raise web.HTTPFound("ws" + elsewhere.url[4:] + request.path_qs)
            return None

        with hostile_proxy(server.url, redirect) as front:
            headers = {**HEADERS, "Cookie": "session=SECRET3"}
            if kind == "sync":
                with create_client(front.url, headers=headers, http_timeout=10) as client:
                    stats = client.get_system_stats()
            else:

                async def main() -> Any:
                    async with create_async_client(
                        front.url, headers=headers, http_timeout=10
                    ) as client:
                        return await client.get_system_stats()

                stats = asyncio.run(main())
    assert stats is not None
    paths = [path.split("?")[0] for _, path, _ in elsewhere.seen]
    assert "/system_stats" in paths and "/ws" in paths  # both redirects were followed
    for _, _, sent in elsewhere.seen:
        assert not any(s in value for value in sent.values() for s in SECRETS), sent
    assert any(sent.get("X-Api-Key") == "SECRET2" for _, _, sent in front.seen)
