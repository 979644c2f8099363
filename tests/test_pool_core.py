"""The pool's decisions without any server: ``routing.py`` and ``pool_core.PoolCore``."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from comfy_api_client.core.pool_core import (
    REATTACH_DELAYS,
    AskAgain,
    CleanUp,
    Deliver,
    Emit,
    Fail,
    Follow,
    GiveUp,
    Move,
    Poll,
    PoolCore,
    PoolEffect,
    PoolResult,
    Post,
    Probe,
    ServerHealth,
    ServerStateEvent,
    server_name,
    with_server,
)
from comfy_api_client.core.results import PromptResult
from comfy_api_client.core.routing import Capabilities, least_loaded, requirements, server_load
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


def states(effects: list[PoolEffect]) -> list[ServerHealth]:
    """The server states the effects tell the pool's ``on_event``."""
    return [
        e.event.state
        for e in effects
        if isinstance(e, Emit) and isinstance(e.event, ServerStateEvent)
    ]


def placed_core(**kwargs: Any) -> PoolCore:
    core = PoolCore(["a", "b"], **kwargs)
    core.learn("a", INFO)
    core.learn("b", INFO)
    return core


def test_placement_counts_at_once_and_prefers_fresh_servers() -> None:
    core = placed_core()
    needs = requirements(workflow())
    core.new_prompt("p1", None, None)
    core.new_prompt("p2", None, None)
    name, token = core.place("p1", needs, {})
    assert name == "a"
    assert core.place("p2", needs, {})[0] == "b"  # a has one in flight
    name, token2 = core.place("p1", needs, {"a": 0, "b": 9})
    assert name == "b"  # a moved prompt avoids a
    first = core.view("p1")
    assert first is not None and first.attempts == ("a", "b")
    assert token2 != token and not core.current("p1", token) and core.current("p1", token2)
    with pytest.raises(InvalidArgumentError, match="already has this prompt"):
        core.new_prompt("p1", None, None)


def test_no_eligible_server_and_no_server_available() -> None:
    core = placed_core()
    record = "p"
    core.new_prompt(record, None, ["b"])
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
    record = "p"
    core.new_prompt(record, None, None)
    _, token = core.place(record, needs, {})
    (move,) = core.settle(record, token, None, PromptLostError("p"))
    assert isinstance(move, Move) and move.ask_old and move.old == "a"
    assert core.settle(record, token, "result", None) == []  # while moving
    (post,) = core.located(record, "a", "lost", None, asked=True)  # not there: post it again
    assert isinstance(post, Post) and (post.old, post.reason) == ("a", "lost")
    _, token2 = core.place(record, needs, {})
    assert core.settle(record, token, "result", None) == []  # the old placement
    (final,) = core.settle(record, token2, None, PromptLostError("p"))  # no attempt left
    assert isinstance(final, Fail) and isinstance(final.error, PromptLostError)
    assert "tried 2 times" in str(final.error.__notes__)


def test_errors_of_the_workflow_never_move_and_cancelled_losses_are_cancellations() -> None:
    core = placed_core()
    needs = requirements(workflow())
    core.new_prompt("p", None, None)
    core.prepared("p", None, "waiter of p")
    _, token = core.place("p", needs, {})
    error = ExecutionError("p", {"node_id": "4"})
    (failed,) = core.settle("p", token, None, error)
    assert isinstance(failed, Fail) and failed.error is error and failed.waiter == "waiter of p"
    assert failed.view.done and failed.view.attempts == ("a",)
    core.new_prompt("q", None, None)
    _, token = core.place("q", needs, {})
    assert core.cancel("q") == "b"  # where to cancel it
    (outcome,) = core.settle("q", token, None, PromptLostError("q"))
    assert isinstance(outcome, Fail) and isinstance(outcome.error, PromptCancelledError)
    core.new_prompt("r", None, None)
    _, token = core.place("r", needs, {})
    (delivered,) = core.settle("r", token, "result", None)
    assert isinstance(delivered, Deliver) and (delivered.result, delivered.server) == (
        "result",
        "a",
    )
    assert core.view("r") is None and not core.current("r", token)  # no longer followed
    assert core.servers["a"].in_flight == set() and core.servers["b"].in_flight == set()


def test_health_backoff_failover_after_and_recovery() -> None:
    core = placed_core(failover_after=5.0, probe_interval=1.0)
    needs = requirements(workflow())
    record = "p"
    core.new_prompt(record, None, None)
    core.prepared(record, None, "waiter of p")
    core.place(record, needs, {})
    assert core.tick(0.0, {"a": True, "b": True}) == []
    assert core.tick(0.0, {"a": False, "b": True}) == [Probe("a")]  # its socket is down
    effects = core.probed("a", False, "refused", 0.0)
    assert states(effects) == [ServerHealth.DOWN] and len(effects) == 1  # no clean-up
    nexts = []
    for _step in range(4):  # backoff: each failed probe waits longer
        nexts.append(core.servers["a"].next_probe)
        core.tick(nexts[-1], {})
        core.probed("a", False, "refused", nexts[-1])
    assert [b - a for a, b in itertools.pairwise(nexts)] == [0.5, 1.0, 2.0]
    moves = [e for e in core.tick(5.0, {"b": True}) if isinstance(e, Move)]
    assert [(m.prompt_id, m.old, m.ask_old, m.waiter) for m in moves] == [
        ("p", "a", False, "waiter of p")
    ]
    # a could not be asked: it must drop p when back
    assert isinstance(core.located(record, "a", "down", None, asked=False)[0], Post)
    core.place(record, needs, {})
    effects = core.probed("a", True, None, 20.0)
    assert states(effects) == [ServerHealth.RECOVERING]
    assert [e for e in effects if isinstance(e, CleanUp)] == [CleanUp("a", ["p"])]
    core.new_prompt("q", ["a"], None)
    with pytest.raises(NoServerAvailableError):  # no new prompt while recovering
        core.place("q", needs, {})
    assert states(core.recovered("a", ["p"])) == [ServerHealth.UP]


def test_a_prompt_without_attempts_on_a_dead_server_fails() -> None:
    core = placed_core(max_attempts=1, failover_after=1.0)
    core.new_prompt("p", None, None)
    core.prepared("p", None, "waiter of p")
    core.place("p", requirements(workflow()), {})
    assert states(core.went_down("a", "refused", 0.0)) == [ServerHealth.DOWN]
    effects = core.tick(2.0, {})
    assert not any(isinstance(e, Move) for e in effects)
    (failed,) = [e for e in effects if isinstance(e, Fail)]
    assert failed.waiter == "waiter of p" and isinstance(failed.error, PromptLostError)


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
    record = "p"
    core.new_prompt(record, None, ["c"])
    core.went_down("b", "refused", 0.0)  # down servers are asked too
    assert core.reattach(record, {"a": None, "b": None}, {}, 0) is None
    assert core.reattach(record, {"b": "finished"}, {"a": "502"}, 0) == Follow("b", "finished")
    core.prepared(record, None, "waiter of p")
    (poll,) = core.reattached(record, Follow("b", "finished"))
    assert (poll, core.view(record).attempts) == (Poll("p", "waiter of p", "b", poll.token), ("b",))  # type: ignore[union-attr]
    core.fail(record, PromptLostError("p"))
    core.new_prompt(record, None, ["c"])
    step = core.reattach(record, {"b": None}, {"a": "502"}, 0)
    assert step == AskAgain(["a"], REATTACH_DELAYS[0])
    last = core.reattach(record, {"b": None}, {"a": "502"}, len(REATTACH_DELAYS))
    assert isinstance(last, GiveUp) and isinstance(last.error, PromptUnconfirmedError)
    assert isinstance(last.error, ComfyConnectionError)
    assert last.error.reasons == {"a": ["502"]} and "a: 502" in str(last.error)


def test_the_core_is_the_one_registry_and_answers_with_effects() -> None:
    core = placed_core(max_attempts=3)
    needs = requirements(workflow())
    heard: list[object] = []
    core.new_prompt("p", None, None, heard.append)
    assert core.waiter("p") is None  # not handed out before it is ready to post
    core.prepared("p", "payload", "waiter of p")
    assert (core.waiter("p"), core.payload("p")) == ("waiter of p", "payload")
    _, token = core.place("p", needs, {})
    assert core.unplace("p", "a", sent=True)  # may have arrived: an attempt, a is asked later
    view = core.view("p")
    assert view is not None and (view.server, view.attempts) == (None, ("a",))
    _, token = core.place("p", needs, {})
    (move,) = core.settle("p", token, None, PromptLostError("p"))
    assert isinstance(move, Move) and move.old == "b"
    (moved,) = core.moved_to("p", "b", "lost")
    assert isinstance(moved, Emit) and moved.also is not None and moved.to_pool
    assert (moved.event.prompt_id, moved.event.from_server) == ("p", "b")  # type: ignore[union-attr]
    # a cancelled prompt never moves again: leaving its server ends it
    core.cancel("p")
    (ended,) = core.located("p", "b", "lost", None, asked=True)
    assert isinstance(ended, Fail) and isinstance(ended.error, PromptCancelledError)
    assert ended.waiter == "waiter of p" and core.view("p") is None


def test_a_prompt_id_used_again_ignores_the_old_placements() -> None:
    core = placed_core()
    needs = requirements(workflow())
    core.new_prompt("p", None, None)
    _, old = core.place("p", needs, {})
    assert len(core.settle("p", old, "first", None)) == 1
    core.new_prompt("p", None, None)  # the same id, posted again after it finished
    _, new = core.place("p", needs, {})
    assert core.settle("p", old, "stale", None) == [] and core.current("p", new)
    core.prepared("p", None, "waiter of the second")
    assert core.view("p", "waiter of the first") is None  # a snapshot is of one prompt only
    assert core.view("p", "waiter of the second") == core.view("p")


def test_closing_fails_every_waiting_prompt() -> None:
    core = placed_core()
    for pid in ("p", "q"):
        core.new_prompt(pid, None, None)
        core.prepared(pid, None, f"waiter of {pid}")
    effects = core.close()
    assert [(e.waiter, type(e.error).__name__) for e in effects if isinstance(e, Fail)] == [
        ("waiter of p", "ClientClosedError"),
        ("waiter of q", "ClientClosedError"),
    ]
    assert core.view("p") is None and core.tick(100.0, {}) == []


def test_a_moving_prompt_its_old_server_still_has_is_followed_there() -> None:
    core = placed_core()
    core.new_prompt("p", None, None)
    core.prepared("p", None, "waiter of p")
    _, token = core.place("p", requirements(workflow()), {})
    (move,) = core.settle("p", token, None, PromptLostError("p"))
    assert isinstance(move, Move) and move.ask_old
    (poll,) = core.located("p", "a", "lost", "queued", asked=True)
    assert isinstance(poll, Poll) and (poll.server, poll.waiter) == ("a", "waiter of p")
    assert core.current("p", poll.token) and not core.current("p", token)
    view = core.view("p")
    assert view is not None and view.attempts == ("a",)  # not a new attempt
    assert core.servers["a"].moved_away == set()
