"""UI-format workflows to the API format, as the editor's "Export (API)" gives them.

Each ``tests/data/ui/<name>.json`` is a workflow as the editor saves it; ``<name>.api.json``
next to it is the prompt the editor would export for it, written from the editor's rules.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client.convert import is_ui_format, ui_to_api
from comfy_api_client.errors import ConversionError, WorkflowError

UI = Path(__file__).parent / "data" / "ui"
OBJECT_INFO = Path(__file__).parent / "data" / "comfyui" / "object_info.json"
CASES = sorted(p.name.removesuffix(".api.json") for p in UI.glob("*.api.json"))


@pytest.fixture(scope="module")
def object_info() -> dict[str, Any]:
    return json.loads(OBJECT_INFO.read_text())


def load(name: str) -> dict[str, Any]:
    return json.loads((UI / f"{name}.json").read_text())


def order(prompt: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Node ids and each node's input names, in order (JSON key order matters)."""
    return [(node_id, list(node["inputs"])) for node_id, node in prompt.items()]


def test_every_shape_has_a_case() -> None:
    assert set(CASES) >= {
        "txt2img",
        "bypass",
        "muted",
        "note",
        "group_node",
        "subgraph",
        "converted_widget",
        "cpu",
    }


@pytest.mark.parametrize("name", CASES)
def test_matches_the_editor_export(name: str, object_info: dict[str, Any]) -> None:
    expected = json.loads((UI / f"{name}.api.json").read_text())
    prompt = ui_to_api(load(name), object_info)
    assert prompt == expected
    assert order(prompt) == order(expected)


@pytest.mark.parametrize("name", CASES)
def test_input_is_not_changed(name: str, object_info: dict[str, Any]) -> None:
    ui = load(name)
    before = copy.deepcopy(ui)
    prompt = ui_to_api(ui, object_info)
    assert ui == before
    # The prompt shares nothing with the workflow: editing it leaves the workflow alone.
    for node in prompt.values():
        node["inputs"].clear()
    assert ui == before


def test_is_ui_format(object_info: dict[str, Any]) -> None:
    for name in CASES:
        assert is_ui_format(load(name))
        assert not is_ui_format(json.loads((UI / f"{name}.api.json").read_text()))
    assert is_ui_format({"version": 1, "state": {}, "nodes": []})  # schema 1 without links
    assert not is_ui_format({"nodes": {}, "links": []})
    assert not is_ui_format({"nodes": []})
    assert not is_ui_format([])
    assert not is_ui_format(None)


def test_api_format_is_refused(object_info: dict[str, Any]) -> None:
    api = json.loads((UI / "cpu.api.json").read_text())
    with pytest.raises(ConversionError, match="not a UI-format workflow"):
        ui_to_api(api, object_info)


# --- errors -----------------------------------------------------------------------------


def test_unknown_node_type_names_id_type_and_title(object_info: dict[str, Any]) -> None:
    ui = load("cpu")
    ui["nodes"][1].update(type="FancyInvert", title="My Invert")
    with pytest.raises(ConversionError) as caught:
        ui_to_api(ui, object_info)
    error = caught.value
    assert isinstance(error, WorkflowError)
    assert error.node_id == "2"
    assert error.title == "My Invert"
    message = str(error)
    assert "node 2" in message and "FancyInvert" in message and "My Invert" in message


def test_unknown_node_type_inside_a_subgraph_names_its_flattened_id(
    object_info: dict[str, Any],
) -> None:
    ui = load("subgraph")
    ui["definitions"]["subgraphs"][1]["nodes"][0]["type"] = "FancyInvert"
    with pytest.raises(ConversionError) as caught:
        ui_to_api(ui, object_info)
    assert caught.value.node_id == "2:6:7"
    assert "FancyInvert" in str(caught.value)


def test_unknown_node_type_that_is_muted_is_just_left_out(object_info: dict[str, Any]) -> None:
    ui = load("cpu")
    ui["nodes"].append(
        {"id": 7, "type": "SomeMissingCustomNode", "mode": 2, "inputs": [], "outputs": []}
    )
    assert ui_to_api(ui, object_info) == ui_to_api(load("cpu"), object_info)


def test_dangling_link_names_the_node(object_info: dict[str, Any]) -> None:
    ui = load("cpu")
    ui["links"] = [ln for ln in ui["links"] if ln[0] != 2]  # SaveImage still uses link 2
    with pytest.raises(ConversionError) as caught:
        ui_to_api(ui, object_info)
    assert caught.value.node_id == "3"
    assert caught.value.title == "Save Image"
    assert "link 2" in str(caught.value) and "images" in str(caught.value)


def test_link_from_a_missing_node_names_the_node(object_info: dict[str, Any]) -> None:
    ui = load("cpu")
    ui["nodes"] = [n for n in ui["nodes"] if n["id"] != 1]  # ImageInvert's source is gone
    with pytest.raises(ConversionError) as caught:
        ui_to_api(ui, object_info)
    assert caught.value.node_id == "2"
    assert "node 1" in str(caught.value)


def test_reroute_loop_is_an_error(object_info: dict[str, Any]) -> None:
    ui = load("cpu")
    ui["nodes"] += [
        {
            "id": 8,
            "type": "Reroute",
            "inputs": [{"name": "", "type": "*", "link": 9}],
            "outputs": [{"name": "", "type": "*", "links": [8]}],
        },
        {
            "id": 9,
            "type": "Reroute",
            "inputs": [{"name": "", "type": "*", "link": 8}],
            "outputs": [{"name": "", "type": "*", "links": [9, 10]}],
        },
    ]
    ui["nodes"][1]["inputs"][0]["link"] = 10
    ui["links"] += [[8, 8, 0, 9, 0, "*"], [9, 9, 0, 8, 0, "*"], [10, 9, 0, 2, 0, "IMAGE"]]
    with pytest.raises(ConversionError, match="loop"):
        ui_to_api(ui, object_info)


def test_subgraph_that_contains_itself_is_an_error(object_info: dict[str, Any]) -> None:
    ui = load("subgraph")
    inner = ui["definitions"]["subgraphs"][1]
    inner["nodes"][0]["type"] = inner["id"]  # the "Invert" subgraph now holds itself
    with pytest.raises(ConversionError, match="contains itself"):
        ui_to_api(ui, object_info)


def test_duplicate_node_ids_are_an_error(object_info: dict[str, Any]) -> None:
    ui = load("cpu")
    ui["nodes"].append(copy.deepcopy(ui["nodes"][1]))
    with pytest.raises(ConversionError, match="share this id") as caught:
        ui_to_api(ui, object_info)
    assert caught.value.node_id == "2"


# --- widget rules -------------------------------------------------------------------------

CUSTOM_INFO: dict[str, Any] = {
    "Picker": {
        "input": {
            "required": {
                "choice": [["a", "b", "c"], {"control_after_generate": True}],
                "seed": ["INT", {"control_after_generate": False}],
                "noise_seed": ["INT", {}],
                "mode": ["COMBO", {"options": ["x", "y"]}],
                "weights": ["FLOAT", {"default": 0.5}],
                "image": ["IMAGE", {}],
            },
            "optional": {"label": ["STRING", {"default": "none"}]},
        },
        "input_order": {
            "required": ["choice", "seed", "noise_seed", "mode", "weights", "image"],
            "optional": ["label"],
        },
        "output": ["IMAGE"],
        "output_name": ["IMAGE"],
        "name": "Picker",
        "display_name": "",
        "output_node": True,
    }
}


def picker(widgets_values: object, **extra: Any) -> dict[str, Any]:
    node = {"id": 1, "type": "Picker", "mode": 0, "inputs": [], "outputs": []}
    if widgets_values is not None:
        node["widgets_values"] = widgets_values
    node.update(extra)
    return {"nodes": [node], "links": []}


def test_control_values_are_skipped() -> None:
    # choice: combo with control_after_generate (control + filter list stored after it);
    # seed: told not to have one; noise_seed: gets one by its name.
    values = ["b", "increment", "", 7, 9, "fixed", "y", 0.25, "hello"]
    prompt = ui_to_api(picker(values), CUSTOM_INFO)
    assert prompt["1"] == {
        "inputs": {
            "choice": "b",
            "seed": 7,
            "noise_seed": 9,
            "mode": "y",
            "weights": 0.25,
            "label": "hello",
        },
        "class_type": "Picker",
        "_meta": {"title": "Picker"},  # empty display_name: the name
    }


def test_widget_values_by_name_and_defaults() -> None:
    by_name = {"seed": 3, "choice": "c", "label": "named", "unknown": 1}
    inputs = ui_to_api(picker(by_name), CUSTOM_INFO)["1"]["inputs"]
    assert inputs == {
        "choice": "c",
        "seed": 3,
        "noise_seed": 0,
        "mode": "x",
        "weights": 0.5,
        "label": "named",
    }
    assert list(inputs) == ["choice", "seed", "noise_seed", "mode", "weights", "label"]
    assert ui_to_api(picker(None), CUSTOM_INFO)["1"]["inputs"]["label"] == "none"


def test_list_values_are_boxed_so_they_are_not_links() -> None:
    values = ["a", "fixed", "", 1, 2, "fixed", "x", [0.1, 0.2], "l"]
    inputs = ui_to_api(picker(values), CUSTOM_INFO)["1"]["inputs"]
    assert inputs["weights"] == {"__value__": [0.1, 0.2]}


def test_upload_button_is_not_sent(object_info: dict[str, Any]) -> None:
    node = {
        "id": 1,
        "type": "LoadImage",
        "mode": 0,
        "outputs": [{"name": "IMAGE", "type": "IMAGE", "links": []}],
        "widgets_values": ["example.png", "image"],
    }
    prompt = ui_to_api({"nodes": [node], "links": []}, object_info)
    assert prompt["1"]["inputs"] == {"image": "example.png"}
    assert prompt["1"]["_meta"]["title"] == "Load Image"


def test_linked_widget_keeps_its_place_and_unknown_saved_inputs_are_kept() -> None:
    source = {
        "id": 2,
        "type": "Picker",
        "mode": 0,
        "widgets_values": ["a"],
        "outputs": [{"name": "IMAGE", "type": "IMAGE", "links": [1, 2]}],
    }
    target = picker(
        ["a", "fixed", "", 1, 2, "fixed", "x", 0.5, "l"],
        inputs=[
            {"name": "image", "type": "IMAGE", "link": 1},
            {"name": "weights", "type": "FLOAT", "widget": {"name": "weights"}, "link": None},
            {"name": "mode", "type": "COMBO", "widget": {"name": "mode"}, "link": 2},
            {"name": "extra_input", "type": "IMAGE", "link": 2},
        ],
    )
    ui = {
        "nodes": [source, target["nodes"][0]],
        "links": [[1, 2, 0, 1, 0, "IMAGE"], [2, 2, 0, 1, 2, "IMAGE"]],
    }
    inputs = ui_to_api(ui, CUSTOM_INFO)["1"]["inputs"]
    assert list(inputs) == [
        "choice",
        "seed",
        "noise_seed",
        "mode",
        "weights",
        "label",
        "image",
        "extra_input",
    ]
    assert inputs["mode"] == ["2", 0]
    assert inputs["weights"] == 0.5
    assert inputs["extra_input"] == ["2", 0]


# --- graph rules --------------------------------------------------------------------------


def test_node_ids_come_out_in_javascript_key_order(object_info: dict[str, Any]) -> None:
    ui = load("cpu")
    for node, new_id in zip(ui["nodes"], (10, 9, 100), strict=True):
        node["id"] = new_id
    ui["links"] = [[1, 10, 0, 9, 0, "IMAGE"], [2, 9, 0, 100, 0, "IMAGE"]]
    assert list(ui_to_api(ui, object_info)) == ["9", "10", "100"]


def test_bypassed_node_with_nothing_to_pass_drops_the_input_only(
    object_info: dict[str, Any],
) -> None:
    prompt = ui_to_api(load("bypass"), object_info)
    assert prompt["8"]["inputs"] == {}  # MASK wanted, the bypassed node only takes IMAGE


def test_primitive_feeds_through_reroutes(object_info: dict[str, Any]) -> None:
    ui = load("txt2img")
    reroute = {
        "id": 14,
        "type": "Reroute",
        "mode": 0,
        "inputs": [{"name": "", "type": "*", "link": 24}],
        "outputs": [{"name": "", "type": "INT", "links": [23]}],
    }
    ui["nodes"].append(reroute)
    ui["links"] = [ln for ln in ui["links"] if ln[0] != 23]
    ui["links"] += [[24, 13, 0, 14, 0, "INT"], [23, 14, 0, 3, 4, "INT"]]
    assert ui_to_api(ui, object_info)["3"]["inputs"]["seed"] == 42


def test_muted_primitive_still_sets_its_value(object_info: dict[str, Any]) -> None:
    ui = load("txt2img")
    next(n for n in ui["nodes"] if n["id"] == 13)["mode"] = 2
    assert ui_to_api(ui, object_info)["3"]["inputs"]["seed"] == 42


def test_muted_or_bypassed_subgraph_is_not_expanded(object_info: dict[str, Any]) -> None:
    ui = load("subgraph")
    ui["nodes"][1]["mode"] = 2
    prompt = ui_to_api(ui, object_info)
    assert list(prompt) == ["1", "3"]
    assert prompt["3"]["inputs"] == {"filename_prefix": "subgraph/out"}
    ui["nodes"][1]["mode"] = 4  # bypassed: its IMAGE input goes straight through
    prompt = ui_to_api(ui, object_info)
    assert list(prompt) == ["1", "3"]
    assert prompt["3"]["inputs"]["images"] == ["1", 0]


def test_linked_subgraph_input_replaces_the_promoted_value(object_info: dict[str, Any]) -> None:
    ui = load("subgraph")
    ui["nodes"].append(
        {
            "id": 4,
            "type": "PrimitiveFloat",
            "mode": 0,
            "widgets_values": [4.0],
            "outputs": [{"name": "FLOAT", "type": "FLOAT", "links": [3]}],
        }
    )
    ui["nodes"][1]["inputs"][1]["link"] = 3
    ui["links"].append([3, 4, 0, 2, 1, "FLOAT"])
    prompt = ui_to_api(ui, object_info)
    # Root node 4 takes the id the editor would give the inner ImageBlur (1, taken): it gets 5.
    assert prompt["2:5"]["inputs"]["sigma"] == ["4", 0]
    assert prompt["4"]["inputs"] == {"value": 4.0}


def test_subgraph_without_stored_values_uses_the_inner_widget(object_info: dict[str, Any]) -> None:
    ui = load("subgraph")
    del ui["nodes"][1]["widgets_values"]
    assert ui_to_api(ui, object_info)["2:4"]["inputs"]["sigma"] == 1


def test_subgraph_proxy_widgets(object_info: dict[str, Any]) -> None:
    ui = load("subgraph")
    ui["nodes"][1]["properties"]["proxyWidgets"] = [["-1", "sigma"]]
    ui["nodes"][1]["widgets_values"] = [3.5]
    assert ui_to_api(ui, object_info)["2:4"]["inputs"]["sigma"] == 3.5


def test_schema_1_workflow_with_link_objects(object_info: dict[str, Any]) -> None:
    ui = load("cpu")
    keys = ("id", "origin_id", "origin_slot", "target_id", "target_slot", "type")
    ui["links"] = [dict(zip(keys, ln, strict=True)) for ln in ui["links"]]
    ui["version"] = 1
    assert ui_to_api(ui, object_info) == json.loads((UI / "cpu.api.json").read_text())


def test_group_node_widgets_reach_the_inner_nodes(object_info: dict[str, Any]) -> None:
    ui = load("group_node")
    ui["nodes"][1]["widgets_values"] = [7, "randomize", 0.75]
    inputs = ui_to_api(ui, object_info)["5:1"]["inputs"]
    assert (inputs["seed"], inputs["strength"]) == (7, 0.75)


def test_group_node_with_the_legacy_separator(object_info: dict[str, Any]) -> None:
    ui = load("group_node")
    ui["nodes"][1]["type"] = "workflow/Invert and noise"
    assert ui_to_api(ui, object_info) == json.loads((UI / "group_node.api.json").read_text())


def test_group_node_with_an_inner_primitive(object_info: dict[str, Any]) -> None:
    # The primitive becomes the group widget "<title> value" (with a control value after
    # it) and feeds the inner widget it is linked to.
    ui = load("group_node")
    ui["extra"]["groupNodes"]["Invert and noise"] = {
        "nodes": [
            {
                "type": "PrimitiveNode",
                "title": "Noise seed",
                "mode": 0,
                "outputs": [
                    {"name": "INT", "type": "INT", "links": [], "widget": {"name": "seed"}}
                ],
                "widgets_values": [5, "fixed"],
                "index": 0,
            },
            {
                "type": "ImageAddNoise",
                "mode": 0,
                "inputs": [
                    {"name": "image", "type": "IMAGE", "link": None},
                    {"name": "seed", "type": "INT", "widget": {"name": "seed"}, "link": None},
                ],
                "outputs": [{"name": "IMAGE", "type": "IMAGE", "links": []}],
                "widgets_values": [5, "fixed", 0.5],
                "index": 1,
            },
        ],
        "links": [[None, 0, 1, 0, 4, "IMAGE"], [0, 0, 1, 1, 11, "INT"]],
        "external": [[1, 0, "IMAGE"]],
    }
    ui["nodes"][1]["inputs"] = [
        {"name": "image", "type": "IMAGE", "link": 10},
        {"name": "Noise seed value", "type": "INT", "widget": {"name": "Noise seed value"}},
        {"name": "strength", "type": "FLOAT", "widget": {"name": "strength"}, "link": None},
    ]
    ui["nodes"][1]["widgets_values"] = [77, "fixed", 0.3]
    prompt = ui_to_api(ui, object_info)
    assert list(prompt) == ["4", "6", "5:1"]
    assert prompt["5:1"]["inputs"] == {"seed": 77, "strength": 0.3, "image": ["4", 0]}
    assert prompt["6"]["inputs"]["images"] == ["5:1", 0]


def test_subgraph_proxy_widgets_of_inner_nodes(object_info: dict[str, Any]) -> None:
    # Entries [inner id, widget name]: a widget a subgraph input feeds takes the host value
    # through that input; one no input feeds is set on the inner node, for this instance.
    ui = load("subgraph")
    host = ui["nodes"][1]
    host["properties"]["proxyWidgets"] = [
        ["1", "sigma"],
        ["1", "blur_radius"],
        ["2", "$$canvas-image-preview"],
    ]
    host["widgets_values"] = [3.5, 7, None]
    assert ui_to_api(ui, object_info)["2:4"]["inputs"] == {
        "blur_radius": 7,
        "sigma": 3.5,
        "image": ["1", 0],
    }
    # Holes (no host value) leave the inner widgets' own values, as saved inside.
    host["widgets_values"] = [None, None]
    assert ui_to_api(ui, object_info)["2:4"]["inputs"] == {
        "blur_radius": 2,
        "sigma": 1,
        "image": ["1", 0],
    }
