"""Comfy API v2 under attack (a real comfy-api-proxy in front of the double, the hostile server
in front of the proxy): its job routes, its asset routes and each job's event stream (SSE)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from v2_proxy import running_proxy

from .conftest import (
    API_KEY,
    V2_KEY,
    LogCapture,
    Side,
    assert_no_secret,
    assert_typed,
    tiny_workflow,
)
from .routes import ATTACKS, HTML, SLOW_ATTACKS, png, rules_of
from .server import HostileServer
from .xfails import V2, cases

RUN_TIMEOUT = 10.0  # two answers dripped until the 3 s http_deadline fit, then the true one
DEADLINE = 14.0
DEPTH = 100_000


@pytest.fixture(scope="module")
def v2_hostile(hostile_upstream: Any) -> Iterator[HostileServer]:
    """The hostile server in front of comfy-api-proxy in front of the double."""
    with running_proxy(hostile_upstream.url) as proxy, HostileServer(proxy) as hostile:
        yield hostile


@pytest.fixture
def v2(v2_hostile: HostileServer) -> Iterator[HostileServer]:
    v2_hostile.clear()
    v2_hostile.clear_requests()
    yield v2_hostile
    v2_hostile.clear()


def load_image_workflow() -> dict[str, Any]:
    """A workflow whose input image (bytes) the client uploads as an asset first."""
    return {
        "1": {"class_type": "LoadImage", "inputs": {"image": png()}},
        "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
        "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "hv2"}},
    }


@dataclass(frozen=True)
class V2Route:
    name: str
    pattern: str
    method: str
    call: str
    args: Callable[[Any], tuple[Any, ...]]
    kwargs: dict[str, Any] = field(default_factory=dict)
    #: Other rules set first (e.g. the hash lookup answered "unknown" to force an upload).
    setup: tuple[tuple[str, str, dict[str, Any]], ...] = ()
    #: The attack leaves the truth intact: the prompt must end with its result.
    must_succeed: bool = False
    #: How many requests are attacked (None: all of them).
    count: int | None = None
    #: An object shaped like the real answer, its fields of the wrong types.
    wrong_fields: Any = field(
        default_factory=lambda: {"id": ["x"], "status": 5, "outputs": "none", "progress": []}
    )


ROUTES = [
    V2Route(
        "submit",
        "/api/v2/jobs",
        "POST",
        "run",
        lambda tmp: (tiny_workflow(),),
        {"timeout": RUN_TIMEOUT},
    ),
    V2Route(  # the first two answers are attacked, then the truth: the result must come
        "job",
        "/api/v2/jobs/[^/]+",
        "GET",
        "run",
        lambda tmp: (tiny_workflow(),),
        {"timeout": RUN_TIMEOUT},
        count=2,
        must_succeed=True,
    ),
    V2Route(
        "events",
        "/api/v2/jobs/[^/]+/events",
        "GET",
        "run",
        lambda tmp: (tiny_workflow(),),
        {"timeout": RUN_TIMEOUT},
        must_succeed=True,
    ),
    V2Route(
        "cancel",
        "/api/v2/jobs/[^/]+/cancel",
        "POST",
        "cancel_prompt",
        lambda tmp: ("0badc0de-0000-4000-8000-000000000000",),
    ),
    V2Route(
        "upload",
        "/api/v2/assets(/from-hash)?",
        "POST",
        "run",
        lambda tmp: (load_image_workflow(),),
        {"timeout": RUN_TIMEOUT},
        setup=(("/api/v2/assets/by-hash/.+", "HEAD", {"status": 404, "content_type": None}),),
    ),
    V2Route(
        "asset",
        "/api/v2/assets/[^/]+(/content)?",
        "GET",
        "download",
        lambda tmp: ("0badc0de-0000-4000-8000-000000000001", tmp),
    ),
]


def sse(*events: tuple[str, Any]) -> bytes:
    out = b""
    for name, data in events:
        text = data if isinstance(data, str) else json.dumps(data)
        out += f"event: {name}\ndata: {text}\n\n".encode()
    return out


SSE = "text/event-stream"
#: Attacks on the event stream only.
STREAM_ATTACKS: dict[str, dict[str, Any]] = {
    "sse_nested": {
        "body": sse(("progress", "[" * DEPTH + "]" * DEPTH)),
        "content_type": SSE,
    },
    "sse_nested_object": {
        "body": sse(("status", '{"status": ' + '{"a": ' * DEPTH + "1" + "}" * DEPTH + "}")),
        "content_type": SSE,
    },
    "sse_not_json": {
        "body": sse(("status", "hello {"), ("progress", "NaN-ish"), ("output", "")),
        "content_type": SSE,
    },
    "sse_wrong_types": {
        "body": sse(
            ("status", []),
            ("status", {"status": 5}),
            ("status", {"status": ["completed"]}),
            ("progress", {"value": "a", "max": [], "node_id": {}}),
            ("progress", None),
            ("output", []),
            ("output", {"id": [], "url": 5, "node_id": {}}),
            ("output", {"id": "x", "filename": 7, "url": ["http://127.0.0.2/"]}),
            ("execution_error", {"exception_message": 5}),
            ("unknown", {"a": 1}),
        ),
        "content_type": SSE,
    },
    "sse_garbage_lines": {
        "body": b"\xff\xfe\x00garbage\r\n\r\nevent:\ndata:\n\n::\n\nretry: x\nid: \x00\n\n",
        "content_type": SSE,
    },
    "sse_html": {"body": HTML, "content_type": "text/html"},
    "sse_long_line": {"body": b"data: " + b"a" * (16 << 20), "content_type": SSE},
    # keepalive comments dripped for longer than the run's timeout, never an event
    "sse_keepalive_drip": {"body": b": keepalive\n" * 40, "drip": 0.05, "content_type": SSE},
}

SLOW_ROUTES = ("submit", "job", "events")
PAIRS: list[tuple[V2Route, str]] = [
    (r, a)
    for r in ROUTES
    for a in [*ATTACKS, *(SLOW_ATTACKS if r.name in SLOW_ROUTES else ()), "redirect"]
] + [(r, a) for r in ROUTES if r.name == "events" for a in STREAM_ATTACKS]
CASES = cases(V2, [(r.name, a) for r, a in PAIRS], *PAIRS)


def rules_for(route: V2Route, attack: str, elsewhere: HostileServer) -> list[dict[str, Any]]:
    if attack == "redirect":
        return [{"redirect": elsewhere.url}]
    if attack in STREAM_ATTACKS:
        return [dict(STREAM_ATTACKS[attack])]
    return rules_of(attack, route)


@pytest.mark.parametrize(("kind", "route", "attack"), CASES)
def test_v2_under_attack(
    route: V2Route,
    attack: str,
    v2: HostileServer,
    elsewhere: HostileServer,
    make_side: Callable[..., Side],
    logs: LogCapture,
    tmp_path: Any,
    kind: str,
) -> None:
    what = f"{kind} v2 {route.call} ({route.method} {route.pattern}, {attack})"
    side = make_side(v2.url, api="v2", api_key=V2_KEY, headers={"X-Api-Key": API_KEY})
    texts: list[str] = []
    for rule in rules_for(route, attack, elsewhere):
        v2.clear()
        for pattern, method, kwargs in route.setup:
            v2.attack(pattern, method=method, **kwargs)
        v2.attack(route.pattern, method=route.method, count=route.count, **rule)
        outcome = side.call(route.call, *route.args(tmp_path), deadline=DEADLINE, **route.kwargs)
        assert_typed(outcome, f"{what} {str(rule)[:60]}", DEADLINE)
        if route.must_succeed and attack != "redirect":  # another origin may not know the job
            assert outcome.error is None, f"{what}: the job finished, but {outcome.error!r}"
        texts += outcome.texts()
    v2.clear()
    normal = side.run_normal()
    assert_typed(normal, f"{what}: a normal prompt afterwards", 30)
    assert normal.error is None, f"{what}: a normal prompt afterwards failed: {normal.error!r}"
    assert_no_secret([*texts, *normal.texts(), repr(side.client), *logs.texts], what)
    leaked = [
        (method, path, name)
        for method, path, headers in elsewhere.requests
        for name, value in headers.items()
        if "SECRET" in value
    ]
    assert not leaked, f"{what}: secret headers sent to another origin: {leaked}"
