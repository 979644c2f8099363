"""Every HTTP route of the native API under attack, with both clients.

Each case: the hostile server answers one route badly; the call must end within its deadline
with a result or a ``ComfyError``, the client must then still run a normal prompt, and no
secret may appear in any log record, result, error or the client's repr.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .conftest import (
    DEADLINE,
    HTTP_TIMEOUT,
    LogCapture,
    Side,
    assert_no_secret,
    assert_typed,
)
from .routes import ATTACKS, ROUTES, SLOW_ATTACKS, Route, rules_of
from .server import HostileServer
from .xfails import NATIVE, cases

PAIRS = [(r, a) for r in ROUTES for a in ATTACKS] + [
    (r, a) for r in ROUTES if r.slow for a in SLOW_ATTACKS
]
#: A drip or a stall must end within this (the client's http_timeout is 1 s, its
#: http_deadline 3 s).
SLOW_DEADLINE = 6.0
CASES = cases(NATIVE, [(r.name, a) for r, a in PAIRS], *PAIRS)


def attack_case(
    route: Route,
    rules: list[dict[str, Any]],
    hostile: HostileServer,
    side: Side,
    logs: LogCapture,
    tmp_path: Any,
    kind: str,
) -> None:
    texts: list[str] = []
    for rule in rules:
        what = f"{kind} {route.call} ({route.method} {route.pattern}, {str(rule)[:60]})"
        hostile.clear()
        hostile.attack(route.pattern, method=route.method, **rule)
        deadline = SLOW_DEADLINE if "drip" in rule or "stall" in rule else DEADLINE
        outcome = side.call(
            route.call, *route.args(tmp_path), deadline=deadline, **route.kwargs(tmp_path)
        )
        assert_typed(outcome, what, deadline)
        texts += outcome.texts()
        if route.call == "submit_workflow" and outcome.error is None:
            # a prompt the client believes it submitted must still end, one way or the other
            waited = side.call_on(outcome.value, "result", timeout=5, deadline=10)
            assert_typed(waited, f"{what}: the prompt's result", 10)
            texts += waited.texts()
    hostile.clear()
    normal = side.run_normal()
    assert_typed(normal, f"{what}: a normal prompt afterwards", 30)
    assert normal.error is None, f"{what}: a normal prompt afterwards failed: {normal.error!r}"
    assert_no_secret([*texts, *normal.texts(), repr(side.client), *logs.texts], what)


@pytest.mark.parametrize(("kind", "route", "attack"), CASES)
def test_route_under_attack(
    route: Route,
    attack: str,
    hostile: HostileServer,
    make_side: Callable[..., Side],
    logs: LogCapture,
    tmp_path: Any,
    kind: str,
) -> None:
    side = make_side(hostile.url)
    attack_case(route, rules_of(attack, route), hostile, side, logs, tmp_path, kind)


REDIRECTS = cases(NATIVE, [(r.name, "redirect") for r in ROUTES], *ROUTES)


@pytest.mark.parametrize(("kind", "route"), REDIRECTS)
def test_redirect_to_another_origin_carries_no_secret(
    route: Route,
    hostile: HostileServer,
    elsewhere: HostileServer,
    make_side: Callable[..., Side],
    logs: LogCapture,
    tmp_path: Any,
    kind: str,
) -> None:
    """A 307 to another host (127.0.0.2, the same double behind it): whatever the client does,
    the custom headers never reach the other origin."""
    side = make_side(hostile.url)
    attack_case(route, [{"redirect": elsewhere.url}], hostile, side, logs, tmp_path, kind)
    leaked = [
        (method, path, name)
        for method, path, headers in elsewhere.requests
        for name, value in headers.items()
        if any(secret in value for secret in ("SECRET",))
    ]
    assert not leaked, f"secret headers sent to another origin: {leaked}"


def test_timeout_setting_is_short() -> None:
    """The suite's deadlines assume a short ``http_timeout``."""
    assert HTTP_TIMEOUT <= 2
