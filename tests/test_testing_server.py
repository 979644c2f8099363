"""The test double (``comfy_api_client.testing``) against the recordings of a real ComfyUI
0.3.64 (the double as ``version="0.3.64"``; its 0.33.0 mode: ``test_testing_server_033.py``).

Each scenario of ``tests/data/comfyui/transcripts`` is driven again with the same requests;
status codes, content types, body shapes and the WebSocket message sequences (ids,
timestamps and file counters aside) must match the recording. With ``COMFYUI_URL`` set the
scenario tests run against that server instead; tests of the double's own controls (faults,
pause, restart) are then skipped.
"""

from __future__ import annotations

import functools
import io
import json
import os
import random
import socket
import struct
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websocket
from PIL import Image

TRANSCRIPTS = Path(__file__).parent / "data" / "comfyui" / "transcripts"
LIVE_URL = os.environ.get("COMFYUI_URL")
TIMEOUT = 60.0
#: The version the recordings of this module come from.
VERSION = "0.3.64"
PNG = b"\x89PNG\r\n\x1a\n"

needs_double = pytest.mark.skipif(bool(LIVE_URL), reason="controls of the test double")


# -- fixtures and helpers ---------------------------------------------------------------------


@pytest.fixture
def url() -> Iterator[str]:
    """Base URL of the server under test: a new double for each test (so no prompt of an
    earlier test can still be queued), or ``COMFYUI_URL``."""
    if LIVE_URL:
        live = _live_version()
        if live != VERSION:
            pytest.skip(f"the recordings here come from ComfyUI {VERSION}; the server is {live}")
        yield LIVE_URL.rstrip("/")
        return
    from comfy_api_client.testing import ComfyTestServer

    with ComfyTestServer(version=VERSION) as server:
        yield server.url


@functools.cache
def _live_version() -> str:
    assert LIVE_URL
    stats = httpx.get(f"{LIVE_URL.rstrip('/')}/system_stats", timeout=30).json()
    return str(stats["system"]["comfyui_version"])


@pytest.fixture
def fresh() -> Iterator[Any]:
    """A new test double of its own (for faults, pause and restart)."""
    if LIVE_URL:
        pytest.skip("controls of the test double")
    from comfy_api_client.testing import ComfyTestServer

    with ComfyTestServer(version=VERSION) as server:
        yield server


@pytest.fixture
def http(url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url, timeout=TIMEOUT) as client:
        yield client


def transcript(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((TRANSCRIPTS / f"{name}.json").read_text())
    return data


def recorded_requests(name: str) -> list[dict[str, Any]]:
    return [e for e in transcript(name)["events"] if e["kind"] == "http"]


def recorded_ws(name: str) -> list[dict[str, Any]]:
    """WebSocket events of a transcript after the connection greeting."""
    events = [e for e in transcript(name)["events"] if e["kind"] in ("ws-text", "ws-binary")]
    assert events[0]["message"]["type"] == "status"
    return events[1:]


class Ws:
    """A websocket-client connection whose frames a thread collects."""

    def __init__(self, base: str, client_id: str | None = None, flags: bool = False) -> None:
        self.client_id = client_id or uuid.uuid4().hex
        ws_base = "ws" + base[4:]
        self.ws = websocket.create_connection(
            f"{ws_base}/ws?clientId={self.client_id}", timeout=TIMEOUT
        )
        self.events: list[dict[str, Any]] = []
        self.closed: str | None = None
        self._cond = threading.Condition()
        if flags:
            self.ws.send(
                json.dumps({"type": "feature_flags", "data": {"supports_preview_metadata": True}})
            )
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while True:
            try:
                opcode, data = self.ws.recv_data()
            except Exception as exc:
                with self._cond:
                    self.closed = repr(exc)
                    self._cond.notify_all()
                return
            if opcode == websocket.ABNF.OPCODE_TEXT:
                event = {"kind": "ws-text", "message": json.loads(data)}
            elif opcode == websocket.ABNF.OPCODE_BINARY:
                (kind,) = struct.unpack(">I", data[:4])
                event = {"kind": "ws-binary", "event_type": kind, "data": data}
            else:
                continue
            with self._cond:
                self.events.append(event)
                self._cond.notify_all()

    def wait(
        self, predicate: Callable[[list[dict[str, Any]]], bool], timeout: float = TIMEOUT
    ) -> None:
        with self._cond:
            ok = self._cond.wait_for(
                lambda: predicate(self.events) or self.closed is not None, timeout
            )
            assert ok and predicate(self.events), f"timed out; closed={self.closed}"

    def wait_closed(self, timeout: float = TIMEOUT) -> None:
        with self._cond:
            assert self._cond.wait_for(lambda: self.closed is not None, timeout)

    def texts(self) -> list[dict[str, Any]]:
        with self._cond:
            return [e["message"] for e in self.events if e["kind"] == "ws-text"]

    def wait_done(self, prompt_id: str, timeout: float = TIMEOUT) -> None:
        """Until ``executing {node: null}`` of the prompt arrived."""
        self.wait(lambda events: any(_is_done(e, prompt_id) for e in events), timeout)

    def wait_type(self, kind: str, count: int = 1) -> None:
        self.wait(lambda events: sum(_type(e) == kind for e in events) >= count)

    def after_greeting(self) -> list[dict[str, Any]]:
        with self._cond:
            return list(self.events[1:])

    def close(self) -> None:
        self.ws.close()
        self._thread.join(10)


@pytest.fixture
def ws_factory(url: str) -> Iterator[Callable[..., Ws]]:
    opened: list[Ws] = []

    def make(client_id: str | None = None, flags: bool = False, base: str | None = None) -> Ws:
        conn = Ws(base or url, client_id, flags)
        opened.append(conn)
        conn.wait_type("status")
        return conn

    yield make
    for conn in opened:
        conn.close()


def _type(event: dict[str, Any]) -> str | None:
    return event["message"]["type"] if event["kind"] == "ws-text" else None


def _is_done(event: dict[str, Any], prompt_id: str) -> bool:
    if event["kind"] != "ws-text":
        return False
    message = event["message"]
    return (
        message["type"] == "executing"
        and message["data"].get("node") is None
        and message["data"].get("prompt_id") == prompt_id
    )


def token(event: dict[str, Any]) -> str:
    """A comparable summary of a WebSocket event without ids, timestamps or file names."""
    if event["kind"] == "ws-binary":
        return f"binary:{event['event_type']}"
    message = event["message"]
    kind, data = message["type"], message["data"]
    if kind == "status":
        return f"status:{data['status']['exec_info']['queue_remaining']}"
    if kind == "executing":
        return f"executing:{data.get('node')}"
    if kind == "executed":
        output = data["output"]
        return f"executed:{data['node']}:{sorted(output) if output is not None else None}"
    if kind == "execution_cached":
        return f"execution_cached:{sorted(data['nodes'])}"
    if kind == "progress":
        return f"progress:{data['node']}:{data['value']}/{data['max']}"
    if kind == "progress_state":
        states = {k: (v["state"], v["value"], v["max"]) for k, v in data["nodes"].items()}
        return f"progress_state:{sorted(states.items())}"
    if kind in ("execution_error", "execution_interrupted"):
        return f"{kind}:{data['node_id']}:{data['node_type']}:{sorted(data['executed'])}"
    return str(kind)


def tokens(events: list[dict[str, Any]]) -> list[str]:
    return [token(e) for e in events]


def until_done(events: list[dict[str, Any]], prompt_id: str) -> list[dict[str, Any]]:
    """Events up to and including the prompt's ``executing null``."""
    for i, event in enumerate(events):
        if _is_done(event, prompt_id):
            return events[: i + 1]
    raise AssertionError(f"no executing null for {prompt_id}")


def recorded_prompt_ids(name: str) -> list[str]:
    return [e["body"]["prompt_id"] for e in recorded_requests(name) if e["path"] == "/prompt"]


def color() -> int:
    """A random color, so that no earlier run has cached the workflow."""
    return random.randrange(16777216)


def tiny(c: int, prefix: str = "rec") -> dict[str, Any]:
    return {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": 64, "height": 64, "batch_size": 1, "color": c},
        },
        "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
        "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": prefix}},
    }


def slow(c: int, size: int = 2048) -> dict[str, Any]:
    """EmptyImage -> large ImageBlur -> PreviewImage: seconds on a CPU (and on the double)."""
    return {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": size, "height": size, "batch_size": 1, "color": c},
        },
        "2": {
            "class_type": "ImageBlur",
            "inputs": {"image": ["1", 0], "blur_radius": 31, "sigma": 10.0},
        },
        "3": {"class_type": "PreviewImage", "inputs": {"images": ["2", 0]}},
    }


def submit(http: httpx.Client, prompt: dict[str, Any], client_id: str | None, **extra: Any) -> str:
    body: dict[str, Any] = {"prompt": prompt, **extra}
    if client_id is not None:
        body["client_id"] = client_id
    response = http.post("/prompt", json=body)
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"prompt_id", "number", "node_errors"}
    prompt_id = response.json()["prompt_id"]
    assert isinstance(prompt_id, str)
    return prompt_id


def wait_history(http: httpx.Client, prompt_id: str, timeout: float = TIMEOUT) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        entry = http.get(f"/history/{prompt_id}").json()
        if entry:
            found: dict[str, Any] = entry[prompt_id]
            return found
        time.sleep(0.05)
    raise AssertionError(f"{prompt_id} never reached the history")


def assert_history_shape(entry: dict[str, Any], recorded: dict[str, Any]) -> None:
    assert list(entry) == list(recorded)
    assert len(entry["prompt"]) == 5
    assert [type(x) for x in entry["prompt"]] == [type(x) for x in recorded["prompt"]]
    if LIVE_URL:  # the real server builds outputs_to_execute from a set: any order
        assert sorted(entry["prompt"][4]) == sorted(recorded["prompt"][4])
    else:
        assert entry["prompt"][4] == recorded["prompt"][4]
    assert set(entry["status"]) == {"status_str", "completed", "messages"}
    assert entry["status"]["status_str"] == recorded["status"]["status_str"]
    assert entry["status"]["completed"] == recorded["status"]["completed"]
    names = [m[0] for m in entry["status"]["messages"]]
    assert names == [m[0] for m in recorded["status"]["messages"]]
    assert {k: sorted(v) for k, v in entry["outputs"].items()} == {
        k: sorted(v) for k, v in recorded["outputs"].items()
    }
    assert entry["meta"].keys() == recorded["meta"].keys()
    for node_id, meta in entry["meta"].items():
        assert meta == recorded["meta"][node_id]


def png_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as img:
        return img.size


# -- scenarios ------------------------------------------------------------------------------------


def test_success(http: httpx.Client, ws_factory: Callable[..., Ws]) -> None:
    requests = recorded_requests("success")
    ws = ws_factory()
    prompt = tiny(color())
    response = http.post("/prompt", json={"prompt": prompt, "client_id": ws.client_id})
    assert response.status_code == requests[0]["status"]
    assert response.headers["content-type"] == requests[0]["content_type"]
    body = response.json()
    assert set(body) == set(requests[0]["body"]) and body["node_errors"] == {}
    assert isinstance(body["number"], int)
    prompt_id = body["prompt_id"]
    ws.wait_done(prompt_id)
    recorded_id = recorded_prompt_ids("success")[0]
    expected = until_done(recorded_ws("success"), recorded_id)
    assert tokens(until_done(ws.after_greeting(), prompt_id)) == tokens(expected)

    history = http.get(f"/history/{prompt_id}")
    assert history.headers["content-type"] == requests[1]["content_type"]
    entry = history.json()[prompt_id]
    assert_history_shape(entry, requests[1]["body"][recorded_id])
    assert entry["prompt"][1] == prompt_id
    assert entry["prompt"][2] == prompt
    assert entry["prompt"][3] == {"client_id": ws.client_id}
    messages = [m[1] for m in entry["status"]["messages"]]
    assert all(m["prompt_id"] == prompt_id and isinstance(m["timestamp"], int) for m in messages)
    [image] = entry["outputs"]["3"]["images"]
    assert image["filename"].startswith("rec_") and image["filename"].endswith("_.png")
    assert image["subfolder"] == "" and image["type"] == "output"

    view = http.get("/view", params=image)
    assert view.status_code == 200
    assert view.headers["content-type"] == "image/png"
    assert view.headers["content-disposition"] == f'filename="{image["filename"]}"'
    assert view.content.startswith(PNG) and png_size(view.content) == (64, 64)


def test_cached(http: httpx.Client, ws_factory: Callable[..., Ws]) -> None:
    ws = ws_factory()
    prompt = tiny(color())
    first = submit(http, prompt, ws.client_id)
    ws.wait_done(first)
    second = submit(http, prompt, ws.client_id)
    ws.wait_done(second)
    recorded = recorded_ws("cached")
    ids = recorded_prompt_ids("cached")
    run1 = until_done(recorded, ids[0])
    run2 = until_done(recorded[len(run1) :], ids[1])
    mine = ws.after_greeting()
    mine1 = until_done(mine, first)
    mine2 = until_done(mine[len(mine1) :], second)
    assert tokens(mine1) == tokens(run1)
    assert tokens(mine2) == tokens(run2)
    # the replayed output is the first run's file; history gets its own entry
    executed = [e["message"]["data"] for e in mine if _type(e) == "executed"]
    assert executed[0]["output"] == executed[1]["output"]
    entry = wait_history(http, second)
    assert entry["outputs"] == {"3": executed[0]["output"]}
    assert entry["status"]["messages"][1][1]["nodes"] == ["1", "2", "3"]


def test_multi(http: httpx.Client, ws_factory: Callable[..., Ws]) -> None:
    ws = ws_factory()
    ids = [submit(http, tiny(color()), ws.client_id) for _ in range(3)]
    for prompt_id in ids:
        ws.wait_done(prompt_id)
    recorded = recorded_ws("multi")
    recorded_ids = recorded_prompt_ids("multi")

    def of(events: list[dict[str, Any]], prompt_id: str) -> list[str]:
        return [
            token(e)
            for e in events
            if e["kind"] == "ws-text" and e["message"]["data"].get("prompt_id") == prompt_id
        ]

    mine = ws.after_greeting()
    for prompt_id, recorded_id in zip(ids, recorded_ids, strict=True):
        assert of(mine, prompt_id) == of(recorded, recorded_id)
    statuses = [e for e in mine if _type(e) == "status"]
    assert len(statuses) == len([e for e in recorded if _type(e) == "status"]) == 9
    assert token(statuses[-1]) == "status:0"
    # prompts ran one after the other, in submission order
    starts = [e["message"]["data"]["prompt_id"] for e in mine if _type(e) == "execution_start"]
    assert starts == ids

    queue = http.get("/queue").json()
    assert (
        queue == recorded_requests("multi")[3]["body"] == {"queue_running": [], "queue_pending": []}
    )
    history = http.get("/history", params={"max_items": 3}).json()
    assert list(history) == ids
    recorded_history = recorded_requests("multi")[4]["body"]
    for prompt_id, recorded_id in zip(ids, recorded_ids, strict=True):
        assert_history_shape(history[prompt_id], recorded_history[recorded_id])
    numbers = [history[i]["prompt"][0] for i in ids]
    assert numbers == sorted(numbers) and len(set(numbers)) == 3
    everything = list(http.get("/history").json())
    assert everything[-3:] == ids
    offset = len(everything) - 3
    assert list(http.get("/history", params={"offset": offset}).json()) == ids
    assert list(http.get("/history", params={"offset": offset, "max_items": 2}).json()) == ids[:2]


def _normalized(body: Any) -> Any:
    """A validation body with each node's errors in a fixed order (ComfyUI's order is a set's)."""
    if not isinstance(body, dict) or "node_errors" not in body:
        return body
    nodes = {}
    for node_id, info in body["node_errors"].items():
        errors = sorted(info["errors"], key=lambda e: (e["type"], e["details"]))
        nodes[node_id] = {**info, "errors": errors}
    return {**body, "node_errors": nodes}


def test_validation_errors(http: httpx.Client, ws_factory: Callable[..., Ws]) -> None:
    ws = ws_factory()
    before = submit(http, tiny(color()), ws.client_id)
    ws.wait_done(before)
    skip = len(ws.events)
    for event in recorded_requests("validation_errors"):
        if event["request"] is None:
            response = http.post("/prompt", content=b"{this is not json")
        else:
            response = http.post("/prompt", json={**event["request"], "client_id": ws.client_id})
        assert response.status_code == event["status"]
        assert response.headers.get("content-type", "") == event["content_type"]
        if event["content_type"].startswith("application/json"):
            assert _normalized(response.json()) == _normalized(event["body"])
        else:
            assert response.text == event["body"]
    # nothing was sent on the socket for the rejected prompts
    assert len(ws.events) == skip
    # the counter moved on for every rejected prompt that got past JSON parsing (6 of 7)
    after = submit(http, tiny(color()), ws.client_id)
    ws.wait_done(after)
    numbers = [wait_history(http, i)["prompt"][0] for i in (before, after)]
    assert numbers[1] - numbers[0] == 7


@pytest.mark.parametrize(
    ("inputs", "kind", "message"),
    [
        ({"width": 0}, "value_smaller_than_min", "Value 0 smaller than min of 1"),
        ({"width": 20000}, "value_bigger_than_max", "Value 20000 bigger than max of 16384"),
        (
            {"width": "wide"},
            "invalid_input_type",
            "Failed to convert an input value to a INT value",
        ),
    ],
)
def test_validation_error_types(
    http: httpx.Client, inputs: dict[str, Any], kind: str, message: str
) -> None:
    prompt = tiny(1)
    prompt["1"]["inputs"].update(inputs)
    body = http.post("/prompt", json={"prompt": prompt}).json()
    [error] = body["node_errors"]["1"]["errors"]
    assert error["type"] == kind and error["message"] == message
    assert error["extra_info"]["input_name"] == "width"
    assert error["extra_info"]["input_config"][0] == "INT"
    assert body["node_errors"]["1"]["dependent_outputs"] == ["3"]
    assert body["node_errors"]["1"]["class_type"] == "EmptyImage"


def test_validation_link_errors_and_partial_acceptance(http: httpx.Client) -> None:
    missing = {
        "3": {"class_type": "SaveImage", "inputs": {"images": ["99", 0], "filename_prefix": "x"}}
    }
    body = http.post("/prompt", json={"prompt": missing}).json()
    [error] = body["node_errors"]["3"]["errors"]
    assert error["type"] == "exception_during_validation"
    assert error["extra_info"]["exception_type"] == "KeyError"
    assert body["error"]["details"] == "Exception when validating node: '99'"

    mismatch = {
        "1": {
            "class_type": "RegexReplace",
            "inputs": {"string": "a", "regex_pattern": "a", "replace": "b"},
        },
        "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "x"}},
    }
    body = http.post("/prompt", json={"prompt": mismatch}).json()
    [error] = body["node_errors"]["2"]["errors"]
    assert error["type"] == "return_type_mismatch"
    assert error["details"] == "images, received_type(STRING) mismatch input_type(IMAGE)"

    partial = tiny(color())
    partial["1"]["inputs"]["width"] = -5
    partial["4"] = {"class_type": "PreviewAny", "inputs": {"source": "still runs"}}
    response = http.post("/prompt", json={"prompt": partial})
    assert response.status_code == 200
    body = response.json()
    assert body["node_errors"]["1"]["errors"][0]["type"] == "value_smaller_than_min"
    entry = wait_history(http, body["prompt_id"])
    assert entry["prompt"][4] == ["4"]
    assert entry["outputs"] == {"4": {"text": ["still runs"]}}

    combo = {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": 8, "height": 8, "batch_size": 1, "color": 0},
        },
        "2": {
            "class_type": "ImageScale",
            "inputs": {
                "image": ["1", 0],
                "upscale_method": "foo",
                "width": 4,
                "height": 4,
                "crop": "disabled",
            },
        },
        "3": {"class_type": "PreviewImage", "inputs": {"images": ["2", 0]}},
    }
    body = http.post("/prompt", json={"prompt": combo}).json()
    [error] = body["node_errors"]["2"]["errors"]
    assert error["type"] == "value_not_in_list"
    assert error["details"] == (
        "upscale_method: 'foo' not in ['nearest-exact', 'bilinear', 'area', 'bicubic', 'lanczos']"
    )


def test_prompt_id_number_and_front(http: httpx.Client) -> None:
    custom = f"my-custom-id-{uuid.uuid4()}"
    body = http.post(
        "/prompt", json={"prompt": tiny(color()), "prompt_id": custom, "number": 5}
    ).json()
    assert body["prompt_id"] == custom and body["number"] == 5.0
    assert isinstance(body["number"], float)
    body = http.post("/prompt", json={"prompt": tiny(color()), "front": True}).json()
    assert body["number"] <= 0  # minus the counter (0 on a fresh server)
    assert wait_history(http, custom)["prompt"][0] == 5.0


def test_execution_error(http: httpx.Client, ws_factory: Callable[..., Ws]) -> None:
    ws = ws_factory()
    event = recorded_requests("execution_error")[0]
    prompt_id = submit(http, event["request"]["prompt"], ws.client_id)
    ws.wait_done(prompt_id)
    recorded_id = recorded_prompt_ids("execution_error")[0]
    expected = until_done(recorded_ws("execution_error"), recorded_id)
    mine = until_done(ws.after_greeting(), prompt_id)
    assert tokens(mine) == tokens(expected)
    [recorded_error] = [e["message"]["data"] for e in expected if _type(e) == "execution_error"]
    [error] = [e["message"]["data"] for e in mine if _type(e) == "execution_error"]
    assert list(error) == list(recorded_error)
    assert error["exception_message"] == recorded_error["exception_message"]
    assert error["exception_type"] in ("re.error", "re.PatternError")
    assert error["current_inputs"] == recorded_error["current_inputs"]
    assert sorted(error["current_outputs"]) == sorted(recorded_error["current_outputs"])
    assert error["traceback"] and all(isinstance(line, str) for line in error["traceback"])
    entry = http.get(f"/history/{prompt_id}").json()[prompt_id]
    assert_history_shape(entry, recorded_requests("execution_error")[1]["body"][recorded_id])
    assert entry["status"]["messages"][-1][1]["exception_message"] == error["exception_message"]


def test_save_outside_output_is_an_execution_error(
    http: httpx.Client, ws_factory: Callable[..., Ws]
) -> None:
    ws = ws_factory()
    prompt_id = submit(http, tiny(color(), prefix="../../../tmp/x"), ws.client_id)
    ws.wait_done(prompt_id)
    [error] = [m["data"] for m in ws.texts() if m["type"] == "execution_error"]
    assert error["node_type"] == "SaveImage" and error["exception_type"] == "Exception"
    assert error["exception_message"].startswith(
        "**** ERROR: Saving image outside the output folder is not allowed."
    )
    assert sorted(error["executed"]) == ["1", "2"]
    assert set(error["current_inputs"]) == {"images", "filename_prefix", "prompt", "extra_pnginfo"}
    assert error["current_inputs"]["extra_pnginfo"] == [None]
    entry = wait_history(http, prompt_id)
    assert entry["status"]["status_str"] == "error" and entry["outputs"] == {}


def test_interrupt(http: httpx.Client, ws_factory: Callable[..., Ws]) -> None:
    ws = ws_factory()
    prompt_id = submit(http, slow(color()), ws.client_id)
    ws.wait(lambda events: any(token(e) == "executing:2" for e in events))
    response = http.post("/interrupt")
    assert response.status_code == 200 and response.content == b""
    assert "content-type" not in response.headers
    ws.wait_done(prompt_id)
    recorded_id = recorded_prompt_ids("interrupt")[0]
    expected = until_done(recorded_ws("interrupt"), recorded_id)
    assert tokens(until_done(ws.after_greeting(), prompt_id)) == tokens(expected)
    entry = http.get(f"/history/{prompt_id}").json()[prompt_id]
    assert_history_shape(entry, recorded_requests("interrupt")[-1]["body"][recorded_id])


def test_targeted_interrupt_of_another_prompt_is_a_no_op(
    http: httpx.Client, ws_factory: Callable[..., Ws]
) -> None:
    ws = ws_factory()
    prompt_id = submit(http, slow(color(), size=1024), ws.client_id)
    ws.wait(lambda events: any(token(e) == "executing:2" for e in events))
    http.post("/interrupt", json={"prompt_id": str(uuid.uuid4())})
    ws.wait_done(prompt_id)
    assert "execution_success" in [m["type"] for m in ws.texts()]


def test_delete_pending(http: httpx.Client, ws_factory: Callable[..., Ws]) -> None:
    ws = ws_factory()
    running = submit(http, slow(color()), ws.client_id)
    pending = submit(http, tiny(color()), ws.client_id)
    ws.wait_type("execution_start")
    # the status the second post causes may still be on its way: counting statuses before it
    # arrived made the two the deletion causes look like [2, 1] (a failure under load)
    ws.wait(lambda events: any(_remaining(e) == 2 for e in events))
    queue = http.get("/queue").json()
    recorded_queue = recorded_requests("delete_pending")[2]["body"]
    assert [item[1] for item in queue["queue_running"]] == [running]
    assert [item[1] for item in queue["queue_pending"]] == [pending]
    for mine, recorded in zip(
        queue["queue_running"] + queue["queue_pending"],
        recorded_queue["queue_running"] + recorded_queue["queue_pending"],
        strict=True,
    ):
        assert len(mine) == 5 and mine[3] == {"client_id": ws.client_id}
        assert mine[4] == recorded[4]
    statuses_before = len([m for m in ws.texts() if m["type"] == "status"])
    response = http.post("/queue", json={"delete": [pending]})
    assert response.status_code == 200 and response.content == b""
    ws.wait_type("status", statuses_before + 2)
    assert [token(e) for e in ws.after_greeting() if _type(e) == "status"][-2:] == [
        "status:1",
        "status:1",
    ]
    assert http.get("/queue").json()["queue_pending"] == []
    ws.wait_done(running)
    assert http.get(f"/history/{pending}").json() == {}
    assert pending not in json.dumps(ws.texts())
    assert wait_history(http, running)["status"]["status_str"] == "success"


def _remaining(event: dict[str, Any]) -> int | None:
    """A status event's ``queue_remaining`` (None for other events)."""
    if _type(event) != "status":
        return None
    return int(event["message"]["data"]["status"]["exec_info"]["queue_remaining"])


def test_ws_images(http: httpx.Client, ws_factory: Callable[..., Ws]) -> None:
    ws = ws_factory()
    event = recorded_requests("ws_images")[0]
    prompt = event["request"]["prompt"]
    prompt_id = submit(http, prompt, ws.client_id)
    ws.wait_done(prompt_id)
    recorded_id = recorded_prompt_ids("ws_images")[0]
    expected = until_done(recorded_ws("ws_images"), recorded_id)
    mine = until_done(ws.after_greeting(), prompt_id)
    assert tokens(mine) == tokens(expected)
    frames = [e["data"] for e in mine if e["kind"] == "ws-binary"]
    assert len(frames) == 3
    for frame in frames:
        assert frame[:8] == struct.pack(">II", 1, 2) and frame[8:16] == PNG
        assert png_size(frame[8:]) == (32, 32)
    # never cached: a second run executes again
    again = submit(http, prompt, ws.client_id)
    ws.wait_done(again)
    cached = [m["data"]["nodes"] for m in ws.texts() if m["type"] == "execution_cached"]
    assert "2" not in cached[-1]


def test_ws_images_with_preview_metadata(http: httpx.Client, ws_factory: Callable[..., Ws]) -> None:
    ws = ws_factory(flags=True)
    ws.wait_type("feature_flags")
    reply = next(m for m in ws.texts() if m["type"] == "feature_flags")
    assert reply["data"] == {"supports_preview_metadata": True, "max_upload_size": 104857600}
    prompt = recorded_requests("ws_images")[0]["request"]["prompt"]
    prompt_id = submit(http, prompt, ws.client_id)
    ws.wait_done(prompt_id)
    mine = [e for e in ws.after_greeting() if _type(e) != "feature_flags"]
    sequence = [t for t in tokens(mine) if t.startswith(("binary", "progress:"))]
    assert sequence == [
        "binary:4",
        "progress:2:0/3",
        "binary:4",
        "progress:2:1/3",
        "binary:4",
        "progress:2:2/3",
    ]
    frame = next(e["data"] for e in mine if e["kind"] == "ws-binary")
    (length,) = struct.unpack(">I", frame[4:8])
    metadata = json.loads(frame[8 : 8 + length])
    assert metadata == {
        "node_id": "2",
        "prompt_id": prompt_id,
        "display_node_id": "2",
        "parent_node_id": None,
        "real_node_id": "2",
        "image_type": "image/png",
    }
    assert frame[8 + length :].startswith(PNG)


def test_text_and_preview(http: httpx.Client, ws_factory: Callable[..., Ws]) -> None:
    ws = ws_factory()
    event = recorded_requests("text_and_preview")[0]
    prompt = json.loads(json.dumps(event["request"]["prompt"]))
    prompt["1"]["inputs"]["color"] = color()
    prompt_id = submit(http, prompt, ws.client_id, extra_data={"note": "recorded"})
    ws.wait_done(prompt_id)
    recorded_id = recorded_prompt_ids("text_and_preview")[0]
    expected = until_done(recorded_ws("text_and_preview"), recorded_id)
    got = tokens(until_done(ws.after_greeting(), prompt_id))
    if LIVE_URL:  # a real server may run the two independent branches in either order
        unordered = [t for t in got if not t.startswith("progress_state:")]
        recorded = [t for t in tokens(expected) if not t.startswith("progress_state:")]
        assert sorted(unordered) == sorted(recorded)
        assert len(got) == len(tokens(expected))
    else:
        assert got == tokens(expected)
    entry = http.get(f"/history/{prompt_id}").json()[prompt_id]
    assert_history_shape(entry, recorded_requests("text_and_preview")[1]["body"][recorded_id])
    assert entry["prompt"][3] == {"note": "recorded", "client_id": ws.client_id}
    assert entry["outputs"]["4"] == {"text": ["hello comfy"]}
    images = entry["outputs"]["2"]["images"]
    assert [i["type"] for i in images] == ["temp", "temp"]
    assert all(i["filename"].startswith("ComfyUI_temp_") for i in images)
    view = http.get("/view", params=images[1])
    assert view.status_code == 200 and png_size(view.content) == (16, 16)


def test_get_image_size_sends_a_text_frame(
    http: httpx.Client, ws_factory: Callable[..., Ws]
) -> None:
    ws = ws_factory()
    prompt = {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": 48, "height": 40, "batch_size": 2, "color": color()},
        },
        "2": {"class_type": "GetImageSize", "inputs": {"image": ["1", 0]}},
        "3": {"class_type": "PreviewAny", "inputs": {"source": ["2", 0]}},
    }
    prompt_id = submit(http, prompt, ws.client_id)
    ws.wait_done(prompt_id)
    [frame] = [e["data"] for e in ws.after_greeting() if e["kind"] == "ws-binary"]
    assert frame[:4] == struct.pack(">I", 3)
    (length,) = struct.unpack(">I", frame[4:8])
    assert frame[8 : 8 + length] == b"2"
    assert frame[8 + length :] == b"width: 48, height: 40\n batch size: 2"
    assert wait_history(http, prompt_id)["outputs"]["3"] == {"text": ["48"]}


def test_prompt_without_client_id_broadcasts_progress_only(
    http: httpx.Client, ws_factory: Callable[..., Ws]
) -> None:
    watcher = ws_factory()
    prompt_id = submit(http, tiny(color()), None)
    wait_history(http, prompt_id)
    watcher.wait(lambda events: sum(_type(e) == "status" for e in events) >= 4)
    kinds = {m["type"] for m in watcher.texts()[1:]}
    assert kinds == {"status", "progress_state"}


def test_reconnect_gets_current_node_and_the_same_id_trap(
    url: str, http: httpx.Client, ws_factory: Callable[..., Ws]
) -> None:
    first = ws_factory()
    prompt_id = submit(http, slow(color()), first.client_id)
    first.wait(lambda events: any(token(e) == "executing:2" for e in events))
    second = ws_factory(first.client_id)
    second.wait(lambda events: len(events) >= 2)
    assert second.texts()[1] == {"type": "executing", "data": {"node": "2"}}
    first.close()  # the old socket's cleanup unregisters the id: the new one goes deaf
    http.post("/interrupt", json={"prompt_id": prompt_id})
    wait_history(http, prompt_id)
    third = ws_factory()  # an unrelated client still hears the broadcasts
    http.post("/queue", json={"clear": True})
    third.wait_type("status", 2)
    assert len(second.events) == 2


def test_logs(http: httpx.Client, ws_factory: Callable[..., Ws]) -> None:
    ws = ws_factory()
    body = {"clientId": ws.client_id, "enabled": True}
    assert http.patch("/internal/logs/subscribe", json=body).status_code == 200
    submit(http, tiny(color()), None)
    ws.wait_type("logs")
    logs = next(m["data"] for m in ws.texts() if m["type"] == "logs")
    assert set(logs) == {"entries", "size"} and set(logs["entries"][0]) == {"t", "m"}
    http.patch("/internal/logs/subscribe", json={**body, "enabled": False})
    assert isinstance(http.get("/internal/logs").json(), str)
    raw = http.get("/internal/logs/raw").json()
    assert set(raw) == {"entries", "size"} and set(raw["size"]) == {"cols", "rows"}
    assert http.patch("/internal/logs/subscribe", json={}).status_code == 500


def test_misc_routes(http: httpx.Client) -> None:
    for event in recorded_requests("misc"):
        if event["method"] != "GET":
            continue
        if LIVE_URL and event["path"] in ("/userdata?dir=workflows", "/settings"):
            continue  # a used real server has saved workflows and settings
        response = http.get(event["path"])
        assert response.status_code == event["status"], event["path"]
        assert response.headers.get("content-type", "") == event["content_type"], event["path"]
        body = event["body"]
        if event["content_type"].startswith("application/json"):
            mine = response.json()
            assert type(mine) is type(body), event["path"]
            if isinstance(body, dict) and event["path"] not in ("/internal/folder_paths",):
                assert set(mine) == set(body), event["path"]
        elif event["content_type"].startswith("text/plain"):
            assert response.text == body
        else:
            assert response.content == b""
    assert http.get("/features").json() == {
        "supports_preview_metadata": True,
        "max_upload_size": 104857600,
    }
    recorded = {e["path"]: e["body"] for e in recorded_requests("misc")}
    assert http.get("/object_info/EmptyImage").json() == recorded["/object_info/EmptyImage"]
    assert http.get("/models").json() == recorded["/models"]
    assert (
        http.get("/internal/folder_paths").json().keys()
        == recorded["/internal/folder_paths"].keys()
    )
    stats = http.get("/system_stats").json()
    assert set(stats["system"]) == set(recorded["/system_stats"]["system"])
    assert set(stats["devices"][0]) == set(recorded["/system_stats"]["devices"][0])
    assert http.post("/free", json={"unload_models": True}).status_code == 200


def test_api_prefix_internal_and_unknown_paths(http: httpx.Client) -> None:
    assert http.get("/api/prompt").json() == http.get("/prompt").json()
    assert http.get("/api/internal/folder_paths").status_code == 404
    unknown = http.get("/no/such/route")
    assert unknown.status_code == 404 and unknown.content == b""
    wrong = http.delete("/prompt")
    assert wrong.status_code == 405
    assert set(wrong.headers["allow"].split(",")) == {"GET", "HEAD", "POST"}
    assert http.post("/queue", content=b"").status_code == 500
    assert http.get("/history", params={"max_items": "x"}).status_code == 500
    assert http.get("/internal/files/output").status_code == 200
    bad = http.get("/internal/files/nope")
    assert bad.status_code == 400 and bad.json() == {"error": "Invalid directory type"}
    assert http.head("/object_info/EmptyImage").status_code == 200
    assert http.options("/prompt").status_code == 200


def test_origin_check(http: httpx.Client) -> None:
    assert http.get("/prompt", headers={"Origin": "http://evil.example.com"}).status_code == 403
    host = http.base_url.host
    port = http.base_url.port
    if host in ("127.0.0.1", "localhost"):
        same = http.get("/prompt", headers={"Origin": f"http://{host}:{port}"})
        assert same.status_code == 200
        assert http.get("/prompt", headers={"Origin": f"http://{host}"}).status_code == 200


def _png_bytes(c: tuple[int, int, int], size: tuple[int, int] = (8, 8), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, c if mode == "RGB" else (*c, 128)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_upload_view_and_load_image(http: httpx.Client, ws_factory: Callable[..., Ws]) -> None:
    name = f"up_{uuid.uuid4().hex[:8]}.png"
    data = _png_bytes((10, 20, 30))

    def upload(content: bytes, **fields: str) -> httpx.Response:
        return http.post(
            "/upload/image", files={"image": (name, content, "image/png")}, data=fields
        )

    first = upload(data)
    assert first.status_code == 200 and first.json() == {
        "name": name,
        "subfolder": "",
        "type": "input",
    }
    assert upload(data).json()["name"] == name  # same content: reused
    stem = name[:-4]
    assert upload(_png_bytes((1, 2, 3))).json()["name"] == f"{stem} (1).png"
    assert upload(_png_bytes((1, 2, 3)), overwrite="true").json()["name"] == name
    sub = upload(data, subfolder="sub")
    assert sub.json() == {"name": name, "subfolder": "sub", "type": "input"}
    assert upload(data, subfolder="../..").status_code == 400
    assert upload(data, type="temp").json()["type"] == "temp"
    assert upload(data, type="bogus").status_code == 500
    assert http.post("/upload/image", data={"subfolder": "x"}).status_code == 400

    view = http.get("/view", params={"filename": name, "type": "input", "subfolder": "sub"})
    assert view.status_code == 200 and view.content == data
    assert (
        http.get(
            "/view", params={"filename": name, "type": "input", "subfolder": "../.."}
        ).status_code
        == 403
    )
    assert http.get("/view", params={"filename": name, "type": "nope"}).status_code == 400
    assert http.get("/view", params={"filename": f"{name} [input]"}).content == _png_bytes(
        (1, 2, 3)
    )
    jpeg = http.get("/view", params={"filename": name, "type": "input", "preview": "jpeg;50"})
    assert jpeg.headers["content-type"] == "image/jpeg"
    rgb = http.get("/view", params={"filename": name, "type": "input", "channel": "rgb"})
    assert rgb.headers["content-type"] == "image/png"

    info = http.get("/object_info/LoadImage").json()["LoadImage"]
    assert name in info["input"]["required"]["image"][0]

    ws = ws_factory()
    prompt = {
        "1": {"class_type": "LoadImage", "inputs": {"image": f"sub/{name}"}},
        "2": {
            "class_type": "SaveImage",
            "inputs": {"images": ["1", 0], "filename_prefix": "loaded"},
        },
    }
    prompt_id = submit(http, prompt, ws.client_id)
    ws.wait_done(prompt_id)
    [image] = wait_history(http, prompt_id)["outputs"]["2"]["images"]
    saved = http.get("/view", params=image)
    assert png_size(saved.content) == (8, 8)


def test_upload_mask(http: httpx.Client) -> None:
    name = f"orig_{uuid.uuid4().hex[:8]}.png"
    http.post("/upload/image", files={"image": (name, _png_bytes((200, 100, 50)), "image/png")})
    ref = json.dumps({"filename": name, "subfolder": "", "type": "input"})
    mask = _png_bytes((0, 0, 0), mode="RGBA")
    response = http.post(
        "/upload/mask",
        files={"image": (f"mask_{name}", mask, "image/png")},
        data={"original_ref": ref},
    )
    assert response.status_code == 200
    stored = http.get("/view", params={"filename": response.json()["name"], "type": "input"})
    with Image.open(io.BytesIO(stored.content)) as img:
        assert img.mode == "RGBA" and img.getpixel((0, 0)) == (200, 100, 50, 128)
    no_ref = http.post("/upload/mask", files={"image": (f"m2_{name}", mask, "image/png")})
    assert no_ref.status_code == 500


def test_users_settings_and_userdata(http: httpx.Client) -> None:
    assert http.get("/users").json()["storage"] == "server"
    assert http.post("/users", json={"username": "default"}).json() == {
        "error": "Duplicate username."
    }
    key = f"Test.Setting.{uuid.uuid4().hex[:6]}"
    assert http.post(f"/settings/{key}", json={"a": 1}).status_code == 200
    assert http.get(f"/settings/{key}").json() == {"a": 1}
    assert http.get("/settings/Not.There").json() is None
    assert http.post("/settings", json={key: 2}).status_code == 200
    assert http.get("/settings").json()[key] == 2

    folder = f"probe_{uuid.uuid4().hex[:6]}"
    path = f"/userdata/{folder}%2Ftest.json"
    assert http.post(path, content=b'{"x": 1}').json() == f"{folder}/test.json"
    assert http.post(path, params={"overwrite": "false"}, content=b"{}").status_code == 409
    assert http.get(path).json() == {"x": 1}
    listing = http.get("/userdata", params={"dir": folder}).json()
    assert listing == ["test.json"]
    full = http.get("/userdata", params={"dir": folder, "full_info": "true"}).json()
    assert set(full[0]) == {"path", "size", "modified", "created"}
    split = http.get("/userdata", params={"dir": folder, "split": "true"}).json()
    assert split == [["test.json", "test.json"]]
    tree = http.get("/v2/userdata", params={"path": folder}).json()
    assert [e["name"] for e in tree] == ["test.json"] and tree[0]["type"] == "file"
    assert http.get("/v2/userdata", params={"path": "nope_" + folder}).status_code == 404
    moved = http.post(f"{path}/move/{folder}%2Fmoved.json", params={"full_info": "true"})
    assert moved.json()["path"] == f"{folder}/moved.json"
    assert http.get(path).status_code == 404
    assert http.delete(f"/userdata/{folder}%2Fmoved.json").status_code == 204
    assert http.get("/userdata", params={}).text == "Directory not provided"
    assert http.get("/userdata/..%2F..%2Fetc%2Fpasswd").status_code == 403


# -- the double's own controls ---------------------------------------------------------------------


@needs_double
def test_faults_fail_delay_drop(fresh: Any) -> None:
    with httpx.Client(base_url=fresh.url, timeout=TIMEOUT) as http:
        fresh.faults.fail("/history", count=2)
        for _ in range(2):
            response = http.get("/api/history")
            assert response.status_code == 500
            assert response.text == "500 Internal Server Error\n\nServer got itself in trouble"
            assert response.headers["content-type"] == "text/plain; charset=utf-8"
        assert http.get("/history").status_code == 200

        fresh.faults.fail("/prompt", status=503, method="POST")
        assert http.get("/prompt").status_code == 200
        unavailable = http.post("/prompt", json={"prompt": tiny(1)})
        assert unavailable.status_code == 503 and unavailable.text == "503: Service Unavailable"

        fresh.faults.delay("/queue", 0.2)
        started = time.monotonic()
        assert http.get("/queue").status_code == 200
        assert time.monotonic() - started >= 0.2

        fresh.faults.drop("/system_stats")
        with pytest.raises(httpx.TransportError):
            http.get("/system_stats")
        assert http.get("/system_stats").status_code == 200

        fresh.faults.fail("/features", count=None)
        assert http.get("/features").status_code == 500
        assert http.get("/features").status_code == 500
        fresh.faults.clear()
        assert http.get("/features").status_code == 200
        assert ("GET", "/history") in fresh.requests
        assert ("GET", "/api/history") in fresh.requests


@needs_double
def test_drop_and_silence_websockets(fresh: Any) -> None:
    with httpx.Client(base_url=fresh.url, timeout=TIMEOUT) as http:
        ws = Ws(fresh.url)
        ws.wait_type("status")
        assert fresh.ws_connected == 1 and fresh.ws_connections_total == 1
        fresh.faults.drop_websockets()
        ws.wait_closed()
        assert fresh.ws_connected == 0

        quiet = Ws(fresh.url)
        quiet.wait_type("status")
        assert fresh.ws_connections_total == 2
        fresh.faults.silence_websockets(True)
        prompt_id = submit(http, tiny(2), quiet.client_id)
        wait_history(http, prompt_id)
        assert len(quiet.events) == 1 and quiet.closed is None
        fresh.faults.silence_websockets(False)
        again = submit(http, tiny(3), quiet.client_id)
        quiet.wait_done(again)
        quiet.close()
        ws.close()


@needs_double
def test_pause_builds_a_pending_queue(fresh: Any) -> None:
    with httpx.Client(base_url=fresh.url, timeout=TIMEOUT) as http:
        fresh.set_paused(True)
        ids = [submit(http, tiny(10 + i), None) for i in range(3)]
        queue = http.get("/queue").json()
        assert queue["queue_running"] == []
        assert sorted(item[1] for item in queue["queue_pending"]) == sorted(ids)
        assert fresh.queue["queue_pending"] == queue["queue_pending"]
        assert http.get("/prompt").json() == {"exec_info": {"queue_remaining": 3}}
        fresh.node_delay = 0.01
        fresh.set_paused(False)
        for prompt_id in ids:
            wait_history(http, prompt_id)
        assert list(fresh.history) == ids


@needs_double
def test_restart_loses_everything_but_files(fresh: Any) -> None:
    with httpx.Client(base_url=fresh.url, timeout=TIMEOUT) as http:
        done = submit(http, tiny(20), None)
        image = wait_history(http, done)["outputs"]["3"]["images"][0]
        fresh.set_paused(True)
        pending = submit(http, tiny(21), None)
        ws = Ws(fresh.url)
        ws.wait_type("status")
        port = fresh.port
        assert fresh.restart() == [pending]  # what it wiped
        ws.wait_closed()
        assert fresh.port == port
        assert http.get("/queue").json() == {"queue_running": [], "queue_pending": []}
        assert http.get("/history").json() == {}
        assert http.get(f"/history/{pending}").json() == {}
        assert http.get("/view", params=image).status_code == 200
        fresh.set_paused(False)
        body = http.post("/prompt", json={"prompt": tiny(22)}).json()
        assert body["number"] == 0
        wait_history(http, body["prompt_id"])


def test_start_stop_leaves_nothing_behind() -> None:
    if LIVE_URL:
        pytest.skip("controls of the test double")
    from comfy_api_client.testing import ComfyTestServer

    threads = threading.active_count()
    server = ComfyTestServer(port=0, version=VERSION)
    server.start()
    port, root = server.port, server.directory
    with httpx.Client(base_url=server.url, timeout=TIMEOUT) as http:
        prompt_id = submit(http, tiny(5), None)
        wait_history(http, prompt_id)
    ws = Ws(server.url)
    ws.wait_type("status")
    server.stop()
    ws.wait_closed()
    ws.close()
    assert threading.active_count() == threads
    assert not root.exists()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=5):
        pass


@needs_double
def test_history_routes_and_free_memory(fresh: Any) -> None:
    with httpx.Client(base_url=fresh.url, timeout=TIMEOUT) as http:
        ws = Ws(fresh.url)
        ws.wait_type("status")
        prompt = tiny(30)
        ids = []
        for _ in range(2):
            ids.append(submit(http, prompt, ws.client_id))
            ws.wait_done(ids[-1])
        assert http.post("/free", json={"free_memory": True}).status_code == 200
        # As in ComfyUI, the worker applies flags only between prompts: a prompt queued before
        # it woke would still run on the old cache. Wait until the flag was taken.
        deadline = time.monotonic() + TIMEOUT
        while fresh._require_app().queue.flags and time.monotonic() < deadline:
            time.sleep(0.01)
        ids.append(submit(http, prompt, ws.client_id))
        ws.wait_done(ids[-1])
        cached = [m["data"]["nodes"] for m in ws.texts() if m["type"] == "execution_cached"]
        assert cached == [[], ["1", "2", "3"], []]
        assert http.post("/history", json={"delete": [ids[0]]}).status_code == 200
        assert list(http.get("/history").json()) == ids[1:]
        assert http.post("/history", json={"clear": True}).status_code == 200
        assert http.get("/history").json() == {}
        ws.close()


@needs_double
def test_queue_clear_and_front(fresh: Any) -> None:
    with httpx.Client(base_url=fresh.url, timeout=TIMEOUT) as http:
        fresh.set_paused(True)
        first = submit(http, tiny(40), None)
        jumper = submit(http, tiny(41), None, front=True)
        pending = fresh.queue["queue_pending"]
        assert [item[0] for item in pending] == [-1, 0]
        assert pending[0][1] == jumper and pending[1][1] == first
        ws = Ws(fresh.url)
        ws.wait_type("status")
        assert http.post("/queue", json={"clear": True}).status_code == 200
        ws.wait_type("status", 2)
        assert http.get("/queue").json()["queue_pending"] == []
        ws.close()
