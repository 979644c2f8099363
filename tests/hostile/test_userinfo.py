"""A password in the server's address (``user:PW@host``, with or without a scheme): it becomes
a Basic ``Authorization`` header and appears nowhere else — logs, reprs, errors, results'
server names — for a client and for a pool, both kinds."""

from __future__ import annotations

import pytest

from .conftest import PASSWORD, LogCapture, Side, assert_no_secret, assert_typed
from .server import HostileServer
from .xfails import USERINFO, cases

FORMS = ["scheme", "bare"]
WHAT = ["client", "pool"]
PAIRS = [(w, f) for w in WHAT for f in FORMS]


def address(form: str, hostile: HostileServer) -> str:
    hostport = f"alice:{PASSWORD}@127.0.0.1:{hostile.port}"
    return f"http://{hostport}" if form == "scheme" else hostport


@pytest.mark.parametrize(("kind", "what", "form"), cases(USERINFO, PAIRS, *PAIRS))
def test_password_in_the_address_is_never_shown(
    what: str,
    form: str,
    hostile: HostileServer,
    logs: LogCapture,
    kind: str,
) -> None:
    side = Side(kind, address(form, hostile), pool=what == "pool", headers={"X-Api-Key": "k"})
    try:
        opened = side.open()
        assert_typed(opened, f"{kind} {what} open", 20)
        assert opened.error is None, f"open failed: {opened.error!r}"
        normal = side.run_normal()
        assert_typed(normal, f"{kind} {what} run", 30)
        assert normal.error is None, f"{kind} {what} run failed: {normal.error!r}"
        hostile.attack("/prompt", method="POST", status=502, body=b"<html>bad</html>")
        failed = side.run_normal()
        assert_typed(failed, f"{kind} {what} run against a 502", 30)
        texts = [
            *normal.texts(),
            *failed.texts(),
            str(getattr(normal.value, "server", "")),
            repr(side.client),
            str(side.client),
        ]
        assert_no_secret([*texts, *logs.texts], f"{kind} {what} ({form} address)")
        # the credentials do reach the server, as a Basic header
        assert any(h.get("Authorization", "").startswith("Basic ") for _, _, h in hostile.requests)
    finally:
        assert not side.close().hung
