"""Stored widget values saved against another version of a node: the editor's own migration
of pre-1.16 saves, and the converter's realignment when values read by position cannot be."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from comfy_api_client.convert import ui_to_api

#: A node as a server might define it today: a toggle added first, a seed without control.
SAMPLER: dict[str, Any] = {
    "input": {
        "required": {
            "images": ["IMAGE", {}],
            "enabled": ["BOOLEAN", {"default": False}],
            "text": ["STRING", {"multiline": True}],
            "seed": [
                "INT",
                {"default": 9, "min": 0, "max": 4294967295, "control_after_generate": False},
            ],
            "steps": ["INT", {"default": 33, "min": 1, "max": 100}],
        },
        "optional": {
            "mode": [["Fast", "Slow"], {"default": "Fast"}],
            "strength": ["INT", {"default": 100, "min": 0, "max": 100}],
        },
    },
    "input_order": {
        "required": ["images", "enabled", "text", "seed", "steps"],
        "optional": ["mode", "strength"],
    },
    "output": ["IMAGE"],
    "output_name": ["IMAGE"],
    "name": "Sampler",
}
FORCED: dict[str, Any] = {
    "input": {
        "required": {
            "a": ["INT", {"default": 1}],
            "b": ["FLOAT", {"forceInput": True}],
            "c": ["STRING", {}],
        }
    },
    "output": ["STRING"],
    "output_name": ["STRING"],
    "name": "Forced",
}
INFO = {"Sampler": SAMPLER, "Forced": FORCED}


def one_node(type_: str, values: list[Any]) -> dict[str, Any]:
    node = {"id": 1, "type": type_, "mode": 0, "inputs": [], "widgets_values": values}
    return {"nodes": [node], "links": []}


def inputs_of(type_: str, values: list[Any]) -> dict[str, Any]:
    inputs: dict[str, Any] = ui_to_api(one_node(type_, values), INFO)["1"]["inputs"]
    return inputs


def test_values_that_fit_are_read_by_position_as_the_editor_does(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        inputs = inputs_of("Sampler", [True, "cat", 5, 20, "Slow", 50])
    assert inputs == {
        "enabled": True,
        "text": "cat",
        "seed": 5,
        "steps": 20,
        "mode": "Slow",
        "strength": 50,
    }
    assert not caplog.records


def test_a_widget_the_node_gained_takes_its_default(caplog: pytest.LogCaptureFixture) -> None:
    # Saved before 'enabled' existed, by an editor that gave the seed a control widget.
    with caplog.at_level(logging.WARNING, logger="comfy_api_client.workflows.convert"):
        inputs = inputs_of("Sampler", ["cat", 5, "randomize", 20, "Slow", 50])
    assert inputs == {
        "enabled": False,
        "text": "cat",
        "seed": 5,
        "steps": 20,
        "mode": "Slow",
        "strength": 50,
    }
    (record,) = caplog.records
    assert record.levelno == logging.WARNING
    message = record.getMessage()
    assert "node 1 (Sampler, 'Sampler')" in message
    assert "defaults for ['enabled']" in message and "positions [2]" in message
    assert "randomize" not in message and "cat" not in message  # values are not logged


def test_a_widget_the_node_lost_drops_its_value() -> None:
    # Saved with a widget between 'text' and 'seed' that the node no longer has.
    inputs = inputs_of("Sampler", [True, "cat", "old choice", 5, 20, "Slow", 50])
    assert inputs == {
        "enabled": True,
        "text": "cat",
        "seed": 5,
        "steps": 20,
        "mode": "Slow",
        "strength": 50,
    }


def test_a_value_out_of_range_is_realigned() -> None:
    # 'steps' was added after 'seed': the stored seed lands in steps (max 100) by position.
    inputs = inputs_of("Sampler", [True, "cat", 146344522, "Slow", 50])
    assert inputs["seed"] == 146344522
    assert inputs["steps"] == 33
    assert (inputs["mode"], inputs["strength"]) == ("Slow", 50)


def test_a_choice_the_server_lacks_is_kept_for_the_server_to_report(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A missing option (a custom scheduler, a model file) is not a sign of a stale save.
    with caplog.at_level(logging.WARNING):
        inputs = inputs_of("Sampler", [True, "cat", 5, 20, "beta57", 50])
    assert inputs["mode"] == "beta57"
    assert not caplog.records


def test_one_bad_value_does_not_move_the_others() -> None:
    inputs = inputs_of("Sampler", [True, "cat", 5, "garbage", "Slow", 50])
    assert inputs == {
        "enabled": True,
        "text": "cat",
        "seed": 5,
        "steps": 33,
        "mode": "Slow",
        "strength": 50,
    }


def test_pre_1_16_saves_lose_the_value_of_a_force_input() -> None:
    # Before frontend 1.16 a forceInput input was a widget converted to an input, with a
    # value stored for it; the editor drops it when the count matches that layout.
    assert inputs_of("Forced", [7, 0.5, "text"]) == {"a": 7, "c": "text"}
    # Saved by a newer editor: no value for it, nothing to drop.
    assert inputs_of("Forced", [7, "text"]) == {"a": 7, "c": "text"}
