"""Server addresses, client options and workflow submission bodies."""

from __future__ import annotations

import uuid

import pytest

from comfy_api_client.core.address import ServerAddress
from comfy_api_client.core.locate import landed_answer
from comfy_api_client.core.options import ClientOptions, ssl_context
from comfy_api_client.workflows.submission import build_prompt_request


@pytest.mark.parametrize(
    ("text", "base", "ws"),
    [
        ("localhost:8188", "http://localhost:8188", "ws://localhost:8188/ws"),
        ("127.0.0.1:8188/", "http://127.0.0.1:8188", "ws://127.0.0.1:8188/ws"),
        ("http://host:8188/api", "http://host:8188/api", "ws://host:8188/api/ws"),
        (
            "https://comfy.example/base/",
            "https://comfy.example/base",
            "wss://comfy.example/base/ws",
        ),
        ("ws://host:8188/ws", "http://host:8188", "ws://host:8188/ws"),
        ("wss://host/comfy/api/ws", "https://host/comfy/api", "wss://host/comfy/api/ws"),
        ("  HTTP://Host:1  ", "http://Host:1", "ws://Host:1/ws"),
    ],
)
def test_address_forms(text: str, base: str, ws: str) -> None:
    address = ServerAddress.parse(text)
    assert address.base_url == base
    assert address.ws_url == ws


def test_address_default_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMFYUI_URL", raising=False)
    assert ServerAddress.parse().base_url == "http://127.0.0.1:8188"
    monkeypatch.setenv("COMFYUI_URL", "https://gpu.example:9000")
    assert ServerAddress.parse(None).ws_url == "wss://gpu.example:9000/ws"


@pytest.mark.parametrize("bad", ["", "ftp://host", "http://", "http:///path"])
def test_address_rejects_nonsense(bad: str) -> None:
    with pytest.raises(ValueError):
        ServerAddress.parse(bad)


def test_credentials_become_basic_auth_and_are_never_shown() -> None:
    opts = ClientOptions.build("https://user:s3cret@host:8443")
    assert opts.address.base_url == "https://host:8443"
    assert opts.headers["Authorization"].startswith("Basic ")
    assert "s3cret" not in repr(opts)
    assert "s3cret" not in repr(opts.address)
    assert "Basic" not in repr(opts)


def test_options_validation_and_seed_names() -> None:
    with pytest.raises(ValueError, match="state tracker"):
        ClientOptions.build("h:1", start_state_tracker="sse")  # type: ignore[arg-type]
    opts = ClientOptions.build("h:1", state_tracker_kwargs={"update_interval": 0.05})
    assert opts.poll_interval == 0.05
    with pytest.raises(TypeError, match="unknown state tracker option"):
        ClientOptions.build("h:1", state_tracker_kwargs={"nope": 1})
    assert opts.http_timeout == 30.0
    assert len(opts.client_id) == 32


def test_tls_verification_settable() -> None:
    assert ssl_context(ClientOptions.build("http://h:1")) is None
    strict = ssl_context(ClientOptions.build("https://h:1"))
    assert strict is not None and strict.check_hostname
    loose = ssl_context(ClientOptions.build("https://h:1", verify=False))
    assert loose is not None and not loose.check_hostname


def test_prompt_request_body() -> None:
    wf = {"1": {"class_type": "EmptyImage", "inputs": {}}}
    body = build_prompt_request(
        wf, client_id="c", extra_data={"k": 1}, front=True, partial_execution_targets=[3]
    )
    assert body["prompt"] == wf and body["prompt"] is not wf
    assert body["client_id"] == "c"
    assert len(body["prompt_id"]) == 36
    assert body["extra_data"] == {"k": 1}
    assert body["front"] is True
    assert body["partial_execution_targets"] == ["3"]
    assert "number" not in body
    pid = str(uuid.uuid4())
    assert build_prompt_request(wf, client_id="c", prompt_id=pid, number=5)["number"] == 5


def test_ui_format_and_non_dicts_are_refused_clearly() -> None:
    with pytest.raises(ValueError, match="UI format"):
        build_prompt_request({"nodes": [], "links": []}, client_id="c")
    with pytest.raises(TypeError, match="dict of nodes"):
        build_prompt_request(["x"], client_id="c")


def test_landed_answer_reads_the_queue_and_the_history() -> None:
    pid = "p-1"
    item = [7, pid, {}, {}, ["3"]]
    want = {"prompt_id": pid, "number": 7, "node_errors": {}}
    assert landed_answer(pid, {"queue_running": [item], "queue_pending": []}) == want
    assert landed_answer(pid, {"queue_running": [], "queue_pending": [item]}) == want
    assert (
        landed_answer(pid, {"queue_running": [], "queue_pending": []}, {pid: {"prompt": item}})
        == want
    )
    # an unreadable number reads as 0, as QueueEntry reads it (one /queue parser)
    assert landed_answer(pid, None, {pid: {"prompt": ["x", pid]}}) == {**want, "number": 0}
    for queue, history in (
        ({"queue_running": [[1, "other"]], "queue_pending": []}, {}),
        ("garbage", {"other": {"prompt": item}}),
        ({"queue_running": "x", "queue_pending": [None, [1]]}, {pid: "x"}),
        (None, None),
    ):
        assert landed_answer(pid, queue, history) is None
