"""Property-based: random sequences of the test double's faults (``testing/faults.py``) while a
few prompts run. Every prompt ends with its result or a ``ComfyError`` within its deadline,
none runs twice (the double counts executions), and the client still works afterwards."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import Side, assert_typed, tiny_workflow

PATHS = ("/prompt", "/history", "/queue", "/view", "/ws", "/object_info")
WAIT = 30.0

step = st.one_of(
    st.tuples(st.just("fail"), st.sampled_from(PATHS), st.sampled_from((500, 502, 503))),
    st.tuples(st.just("delay"), st.sampled_from(PATHS), st.sampled_from((0.1, 0.5, 1.5))),
    st.tuples(st.just("drop"), st.sampled_from(PATHS), st.just(0)),
    st.tuples(st.just("lose"), st.sampled_from(PATHS), st.just(0)),
    st.tuples(st.just("cut"), st.just(""), st.just(0)),
    st.tuples(st.just("silence"), st.just(""), st.sampled_from((0.5, 2.5))),
)
plans = st.lists(step, min_size=1, max_size=5)


def apply(double: Any, action: str, path: str, arg: float) -> None:
    faults = double.faults
    if action == "fail":
        faults.fail(path, int(arg), count=2)
    elif action == "delay":
        faults.delay(path, arg, count=2)
    elif action == "drop":
        faults.drop(path, count=1)
    elif action == "lose":
        faults.lose_answer(path, count=1)
    elif action == "cut":
        faults.drop_websockets()
    elif action == "silence":
        faults.silence_websockets(True)
        time.sleep(arg)
        faults.silence_websockets(False)


def check_plan(double: Any, kind: str, plan: list[tuple[str, str, float]]) -> None:
    double.faults.clear()
    side = Side(kind, double.url)
    try:
        opened = side.open()
        assert_typed(opened, f"{kind} open", 20)
        assert opened.error is None, f"open failed: {opened.error!r}"
        ids: list[str] = []
        prompts: list[Any] = []
        for i, (action, path, arg) in enumerate(plan):
            apply(double, action, path, arg)
            if i < 3:
                pid = str(uuid.uuid4())
                ids.append(pid)
                submitted = side.call("submit_workflow", tiny_workflow(), prompt_id=pid)
                assert_typed(submitted, f"{kind} submit under {plan[: i + 1]}")
                if submitted.error is None:
                    prompts.append(submitted.value)
        for prompt in prompts:
            waited = side.call_on(prompt, "result", deadline=WAIT)
            assert_typed(waited, f"{kind} result() under {plan}", WAIT)
        double.faults.clear()
        normal = side.run_normal()
        assert_typed(normal, f"{kind} a normal prompt after {plan}", 30)
        assert normal.error is None, f"a normal prompt after {plan} failed: {normal.error!r}"
        runs = Counter(pid for pid, _ in double.executed)
        twice = {pid: runs[pid] for pid in ids if runs[pid] > 1}
        assert not twice, f"{kind}: prompts run twice under {plan}: {twice}"
    finally:
        double.faults.clear()
        assert not side.close().hung, "close() hung"


@pytest.mark.parametrize("kind", ["sync", "async"])
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plans)
def test_random_faults_lose_nothing_and_run_nothing_twice(
    kind: str, plan: list[tuple[str, str, float]], double: Any
) -> None:
    check_plan(double, kind, plan)
