"""The pool's decisions without any server: ``routing.py`` and ``pool_core.PoolCore``."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from comfy_api_client.errors import (
    ComfyConnectionError,
    ExecutionError,
    InvalidArgumentError,
    NoEligibleServerError,
    NoServerAvailableError,
    PromptCancelledError,
    PromptLostError,
    PromptUnconfirmedError,
)
from comfy_api_client.pool_core import (
    REATTACH_DELAYS,
    AskAgain,
    Deliver,
    Fail,
    Follow,
    Ignore,
    Move,
    PoolCore,
    PoolResult,
    ServerHealth,
    server_name,
    with_server,
)
from comfy_api_client.results import PromptResult
from comfy_api_client.routing import Capabilities, least_loaded, requirements, server_load

INFO: dict[str, Any] = {
    "CheckpointLoaderSimple": {
        "input": {"required": {"ckpt_name": [["a.safetensors", "b.safetensors"], {}]}}
    },
    "LoadImage": {"input": {"required": {"image": [["x.png"], {"image_upload": True}]}}},
    "V3Loader": {
        "input": {"required": {"model": ["COMBO", {"options": ["m.gguf"]}]}},
    },
    "SaveImage": {"input": {"required": {"filename_prefix": ["STRING", {}]}}},
}


def workflow(**files: str) -> dict[str, Any]:
    return {
        "4": {
            "class_type": "CheckpointLoaderSimple",
            "inputs": {"ckpt_name": files.get("ckpt", "a.safetensors")},
        },
        "5": {"class_type": "LoadImage", "inputs": {"image": files.get("image", "x.png")}},
        "6": {"class_type": "SaveImage", "inputs": {"filename_prefix": "out/x.png"}},
    }


def test_capabilities_name_missing_classes_and_files() -> None:
    caps = Capabilities(INFO)
    assert caps.missing(requirements(workflow())) == []
    wf = workflow(ckpt="c.safetensors", image="sub/y.png")
    wf["7"] = {"class_type": "Nope", "inputs": {}}
    wf["8"] = {"class_type": "V3Loader", "inputs": {"model": "other.gguf"}}
    assert caps.missing(requirements(wf)) == [
        "node class 'Nope' (node 7)",
        "file 'c.safetensors' (node 4 CheckpointLoaderSimple.ckpt_name)",
        "file 'sub/y.png' (node 5 LoadImage.image)",
        "file 'other.gguf' (node 8 V3Loader.model)",
    ]
    # a STRING input that looks like a file name is no requirement; annotated uploads pass
    assert caps.missing(requirements(workflow(image="x.png [output]"))) == []


def test_least_loaded_by_weight_and_turns() -> None:
    assert least_loaded(["a", "b"], {"a": 3, "b": 0}, {}) == "b"
    assert least_loaded(["a", "b"], {"a": 3, "b": 1}, {"a": 3}) == "a"  # 4/3 < 2/1
    assert [least_loaded(["a", "b"], {}, {}, turn) for turn in range(4)] == ["a", "b", "a", "b"]
    assert server_load(None, 2) == 2 and server_load(5, 2) == 5


def placed_core(**kwargs: Any) -> PoolCore:
    core = PoolCore(["a", "b"], **kwargs)
    core.learn("a", INFO)
    core.learn("b", INFO)
    return core


def test_placement_counts_at_once_and_prefers_fresh_servers() -> None:
    core = placed_core()
    needs = requirements(workflow())
    first = core.new_prompt("p1", None, None)
    second = core.new_prompt("p2", None, None)
    assert core.place(first, needs, {})[0] == "a"
    assert core.place(second, needs, {})[0] == "b"  # a has one in flight
    assert core.place(first, needs, {"a": 0, "b": 9})[0] == "b"  # a moved prompt avoids a
    assert first.attempts == ["a", "b"] and first.token == 2
    with pytest.raises(InvalidArgumentError, match="already has this prompt"):
        core.new_prompt("p1", None, None)


def test_no_eligible_server_and_no_server_available() -> None:
    core = placed_core()
    record = core.new_prompt("p", None, ["b"])
    with pytest.raises(NoEligibleServerError) as caught:
        core.place(record, requirements(workflow(ckpt="z.safetensors")), {})
    assert caught.value.reasons == {
        "a": ["file 'z.safetensors' (node 4 CheckpointLoaderSimple.ckpt_name)"],
        "b": ["excluded"],
    }
    core.went_down("a", "refused", 0.0)
    with pytest.raises(NoServerAvailableError) as down:
        core.place(record, requirements(workflow()), {})
    assert isinstance(down.value, ComfyConnectionError)
    assert down.value.reasons["a"] == ["down (refused)"]


def test_outcomes_of_old_placements_are_ignored_and_lost_prompts_move() -> None:
    core = placed_core(max_attempts=2)
    needs = requirements(workflow())
    record = core.new_prompt("p", None, None)
    _, token = core.place(record, needs, {})
    move = core.settle(record, token, PromptLostError("p"))
    assert isinstance(move, Move) and move.ask_old and move.old == "a"
    assert isinstance(core.settle(record, token, None), Ignore)  # while moving
    core.moved(record, "a", asked=True)
    _, token2 = core.place(record, needs, {})
    assert isinstance(core.settle(record, token, None), Ignore)  # the old placement
    final = core.settle(record, token2, PromptLostError("p"))  # no attempt left
    assert isinstance(final, Fail) and isinstance(final.error, PromptLostError)
    assert "tried 2 times" in str(final.error.__notes__)


def test_errors_of_the_workflow_never_move_and_cancelled_losses_are_cancellations() -> None:
    core = placed_core()
    needs = requirements(workflow())
    record = core.new_prompt("p", None, None)
    _, token = core.place(record, needs, {})
    error = ExecutionError("p", {"node_id": "4"})
    assert core.settle(record, token, error) == Fail(error)
    record = core.new_prompt("q", None, None)
    _, token = core.place(record, needs, {})
    core.cancel(record)
    outcome = core.settle(record, token, PromptLostError("q"))
    assert isinstance(outcome, Fail) and isinstance(outcome.error, PromptCancelledError)
    record = core.new_prompt("r", None, None)
    _, token = core.place(record, needs, {})
    assert isinstance(core.settle(record, token, None), Deliver)
    assert core.servers["a"].in_flight == set() and core.servers["b"].in_flight == set()


def test_health_backoff_failover_after_and_recovery() -> None:
    core = placed_core(failover_after=5.0, probe_interval=1.0)
    needs = requirements(workflow())
    record = core.new_prompt("p", None, None)
    core.place(record, needs, {})
    assert core.tick(0.0, {"a": True, "b": True}).probes == []
    assert core.tick(0.0, {"a": False, "b": True}).probes == ["a"]  # its socket is down
    event, cleanup = core.probed("a", False, "refused", 0.0)
    assert event is not None and event.state is ServerHealth.DOWN and cleanup is None
    nexts = []
    for _step in range(4):  # backoff: each failed probe waits longer
        nexts.append(core.servers["a"].next_probe)
        core.tick(nexts[-1], {})
        core.probed("a", False, "refused", nexts[-1])
    assert [b - a for a, b in itertools.pairwise(nexts)] == [0.5, 1.0, 2.0]
    tick = core.tick(5.0, {"b": True})
    assert [(m.record.prompt_id, m.old, m.ask_old) for m in tick.moves] == [("p", "a", False)]
    core.moved(record, "a", asked=False)  # a could not be asked: it must drop p when back
    core.place(record, needs, {})
    event, cleanup = core.probed("a", True, None, 20.0)
    assert event is not None and event.state is ServerHealth.RECOVERING and cleanup == ["p"]
    with pytest.raises(NoServerAvailableError):  # no new prompt while recovering
        core.place(core.new_prompt("q", ["a"], None), needs, {})
    event = core.recovered("a", ["p"])
    assert event is not None and event.state is ServerHealth.UP


def test_a_prompt_without_attempts_on_a_dead_server_fails() -> None:
    core = placed_core(max_attempts=1, failover_after=1.0)
    record = core.new_prompt("p", None, None)
    core.place(record, requirements(workflow()), {})
    core.went_down("a", "refused", 0.0)
    assert core.tick(2.0, {}).moves == []
    ((failed, error),) = core.overdue_failures(2.0)
    assert failed is record and isinstance(error, PromptLostError)


def test_settings_are_checked() -> None:
    with pytest.raises(InvalidArgumentError):
        PoolCore([])
    with pytest.raises(InvalidArgumentError, match="listed twice"):
        PoolCore(["a", "a"])
    with pytest.raises(InvalidArgumentError, match="not a server"):
        PoolCore(["a"], {"b": 2})
    with pytest.raises(InvalidArgumentError, match="> 0"):
        PoolCore(["a"], {"a": 0})


def test_a_pool_speaks_the_native_api() -> None:
    from comfy_api_client import create_pool

    with pytest.raises(InvalidArgumentError, match="native API"):
        create_pool(["gpu1:8188"], api="v2")


def test_names_and_results() -> None:
    assert server_name("gpu1:8188") == "gpu1:8188"
    assert server_name("http://user:secret@gpu1:8188") == "http://gpu1:8188"
    result = PromptResult("p", "success", {}, [], {})
    pooled = with_server(result, "gpu1:8188")
    assert isinstance(pooled, PoolResult) and isinstance(pooled, PromptResult)
    assert (pooled.prompt_id, pooled.server) == ("p", "gpu1:8188")


def test_a_reattach_posts_only_once_every_server_in_scope_said_it_has_not() -> None:
    core = PoolCore(["a", "b", "c"])
    record = core.new_prompt("p", None, ["c"])
    core.went_down("b", "refused", 0.0)  # down servers are asked too
    assert core.reattach(record, {"a": None, "b": None}, {}, 0) is None
    assert core.reattach(record, {"b": "finished"}, {"a": "502"}, 0) == Follow("b", "finished")
    step = core.reattach(record, {"b": None}, {"a": "502"}, 0)
    assert step == AskAgain(["a"], REATTACH_DELAYS[0])
    last = core.reattach(record, {"b": None}, {"a": "502"}, len(REATTACH_DELAYS))
    assert isinstance(last, Fail) and isinstance(last.error, PromptUnconfirmedError)
    assert isinstance(last.error, ComfyConnectionError)
    assert last.error.reasons == {"a": ["502"]} and "a: 502" in str(last.error)
