"""The editor's export rules behind the recorded exports, one by one, on small graphs: node ids
renumbered across subgraph definitions, nested containers expanded whatever their mode,
widgets the editor adds itself, and CustomCombo's growing options (0.33.0 definitions)."""

from __future__ import annotations

import copy
import gzip
import json
import random
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client.convert import ui_to_api
from comfy_api_client.errors import ConversionError
from comfy_api_client.workflows.convert.dynamic_prompts import dynamic_prompt, fixed_prompt

DATA = Path(__file__).parent / "data" / "comfyui" / "0.33.0"
INVERT = "a1b2c3d4-0000-4000-8000-00000000000a"
BLUR = "a1b2c3d4-0000-4000-8000-00000000000b"
LINK_KEYS = ("id", "origin_id", "origin_slot", "target_id", "target_slot", "type")


@pytest.fixture(scope="module")
def info() -> dict[str, Any]:
    with gzip.open(DATA / "object_info.json.gz", "rt") as stream:
        loaded: dict[str, Any] = json.load(stream)
    return loaded


def node(id_: int, type_: str, values: Any = (), inputs: Any = (), **extra: Any) -> dict[str, Any]:
    return {
        "id": id_,
        "type": type_,
        "mode": extra.pop("mode", 0),
        "inputs": list(inputs),
        "outputs": extra.pop("outputs", []),
        "widgets_values": list(values),
        **extra,
    }


def image_in(link: int | None, name: str = "image") -> dict[str, Any]:
    return {"name": name, "type": "IMAGE", "link": link}


def passthrough(id_: str, inner: list[dict[str, Any]], first: int) -> dict[str, Any]:
    """A subgraph passing its image input through ``inner`` (a chain, link ids from first)."""
    links = []
    origin: tuple[int, int] = (-10, 0)
    for number, inner_node in enumerate(inner):
        links.append([first + number, *origin, inner_node["id"], 0, "IMAGE"])
        inner_node["inputs"][0]["link"] = first + number
        origin = (inner_node["id"], 0)
    links.append([first + len(inner), *origin, -20, 0, "IMAGE"])
    return {
        "id": id_,
        "name": id_[-1],
        "inputs": [{"name": "image", "type": "IMAGE", "linkIds": [first]}],
        "outputs": [{"name": "IMAGE", "type": "IMAGE", "linkIds": [first + len(inner)]}],
        "nodes": inner,
        "links": [dict(zip(LINK_KEYS, ln, strict=True)) for ln in links],
    }


def chained(*definitions: dict[str, Any], last_node_id: int = 4) -> dict[str, Any]:
    """Root: EmptyImage 1 -> instance 2 of the first definition -> PreviewImage 3."""
    root = [
        node(1, "EmptyImage", [8, 8, 1, 0], outputs=[{"name": "IMAGE", "type": "IMAGE"}]),
        node(2, definitions[0]["id"], inputs=[image_in(1)]),
        node(3, "PreviewImage", inputs=[image_in(2, "images")]),
    ]
    return {
        "last_node_id": last_node_id,
        "nodes": root,
        "links": [[1, 1, 0, 2, 0, "IMAGE"], [2, 2, 0, 3, 0, "IMAGE"]],
        "definitions": {"subgraphs": list(definitions)},
    }


def test_inner_ids_taken_by_the_root_or_an_earlier_definition_are_renumbered(
    info: dict[str, Any],
) -> None:
    # Outer definition: inner 3 (taken by the root: it gets 5, after the last node id 4) and an
    # instance 7 of the inner definition (free; the last id is now 7), whose node 3 gets 8.
    inner = passthrough(BLUR, [node(3, "ImageInvert", inputs=[image_in(None)])], 20)
    outer = passthrough(
        INVERT,
        [
            node(3, "ImageInvert", inputs=[image_in(None)]),
            node(7, BLUR, inputs=[image_in(None)]),
        ],
        10,
    )
    workflow = chained(outer, inner)
    before = copy.deepcopy(workflow)
    prompt = ui_to_api(workflow, info)
    assert workflow == before  # the renumbering works on a copy
    assert sorted(prompt) == ["1", "2:5", "2:7:8", "3"]
    assert prompt["2:5"]["inputs"] == {"image": ["1", 0]}
    assert prompt["2:7:8"]["inputs"] == {"image": ["2:5", 0]}
    assert prompt["3"]["inputs"] == {"images": ["2:7:8", 0]}
    # The graph's state counts, not the legacy last_node_id, when both are saved.
    workflow["state"] = {"lastNodeId": 40}
    assert sorted(ui_to_api(workflow, info)) == ["1", "2:41", "2:7:42", "3"]


def test_proxy_widgets_follow_renumbered_inner_nodes(info: dict[str, Any]) -> None:
    blur = node(1, "ImageBlur", [2, 1.0], inputs=[image_in(None)])
    workflow = chained(passthrough(BLUR, [blur], 10))
    host = workflow["nodes"][1]
    host["properties"] = {"proxyWidgets": [["1", "sigma"]]}
    host["widgets_values"] = [2.5]
    prompt = ui_to_api(workflow, info)
    assert prompt["2:5"]["inputs"] == {"blur_radius": 2, "sigma": 2.5, "image": ["1", 0]}


def test_nested_bypassed_subgraph_is_expanded_and_bypassed(info: dict[str, Any]) -> None:
    inner = passthrough(BLUR, [node(21, "ImageInvert", inputs=[image_in(None)])], 20)
    outer = passthrough(
        INVERT,
        [
            node(11, "ImageInvert", inputs=[image_in(None)]),
            node(12, BLUR, inputs=[image_in(None)], mode=4),
        ],
        10,
    )
    workflow = chained(outer, inner, last_node_id=21)
    prompt = ui_to_api(workflow, info)
    # Its inner node is sent (as the editor does); links go around the bypassed instance.
    assert prompt["2:12:21"]["inputs"] == {"image": ["2:11", 0]}
    assert prompt["3"]["inputs"] == {"images": ["2:11", 0]}
    # A bypassed instance at the root keeps its contents out.
    workflow["nodes"][1]["mode"] = 4
    assert sorted(ui_to_api(workflow, info)) == ["1", "3"]


@pytest.mark.parametrize(("kind", "values"), [("SaveGLB", ["3d/out", ""]), ("Preview3D", ["", ""])])
def test_3d_viewers_export_the_preview_widget_the_editor_adds(
    info: dict[str, Any], kind: str, values: list[str]
) -> None:
    mesh = "mesh" if kind == "SaveGLB" else "model_file"
    viewer = node(1, kind, values, inputs=[{"name": mesh, "type": "MESH", "link": None}])
    inputs = ui_to_api({"nodes": [viewer], "links": []}, info)["1"]["inputs"]
    assert inputs["image"] == ""
    viewer["widgets_values"] = values[:1]  # saved before the widget existed: its default
    assert ui_to_api({"nodes": [viewer], "links": []}, info)["1"]["inputs"]["image"] == ""


def test_custom_combo_options_stop_at_the_first_empty_one(info: dict[str, Any]) -> None:
    combo = node(1, "CustomCombo", ["b", 5, "a", "b", "", "c", ""])
    inputs = ui_to_api({"nodes": [combo], "links": []}, info)["1"]["inputs"]
    # Loading adds an option widget only while the last one is filled in: "c" has none.
    assert inputs == {"choice": "b", "index": 1, "option1": "a", "option2": "b", "option3": ""}
    combo["widgets_values"] = ["gone", 0, "a", ""]
    inputs = ui_to_api({"nodes": [combo], "links": []}, info)["1"]["inputs"]
    assert inputs == {"choice": "gone", "index": -1, "option1": "a", "option2": ""}
    combo["widgets_values"] = []  # never saved: no choice (undefined), one empty option
    inputs = ui_to_api({"nodes": [combo], "links": []}, info)["1"]["inputs"]
    assert inputs == {"index": -1, "option1": ""}


def test_custom_combo_index_follows_a_promoted_choice(info: dict[str, Any]) -> None:
    combo = node(
        5,
        "CustomCombo",
        ["x", 0, "x", "y", ""],
        inputs=[{"name": "choice", "type": "COMBO", "widget": {"name": "choice"}, "link": 10}],
        outputs=[{"name": "COMBO", "type": "COMBO"}, {"name": "INDEX", "type": "INT"}],
    )
    definition = {
        "id": INVERT,
        "name": "choose",
        "inputs": [{"name": "choice", "type": "COMBO", "linkIds": [10]}],
        "outputs": [],
        "nodes": [combo],
        "links": [
            {
                "id": 10,
                "origin_id": -10,
                "origin_slot": 0,
                "target_id": 5,
                "target_slot": 0,
                "type": "COMBO",
            }
        ],
    }
    host = node(2, INVERT, ["y"], inputs=[{"name": "choice", "type": "COMBO", "link": None}])
    host["properties"] = {"proxyWidgets": [["-1", "choice"]]}
    workflow = {"nodes": [host], "links": [], "definitions": {"subgraphs": [definition]}}
    inputs = ui_to_api(workflow, info)["2:5"]["inputs"]
    assert (inputs["choice"], inputs["index"]) == ("y", 1)


def test_an_unknown_inner_node_is_named_by_its_renumbered_id(info: dict[str, Any]) -> None:
    inner = passthrough(BLUR, [node(1, "NoSuchNode", inputs=[image_in(None)])], 10)
    with pytest.raises(ConversionError) as caught:
        ui_to_api(chained(inner), info)
    assert caught.value.node_id == "2:5"


def test_3d_loader_buttons_come_only_with_a_model_file_widget(info: dict[str, Any]) -> None:
    # Preview3DAdvanced has a LOAD_3D widget but no model_file: no buttons, no values for them.
    viewer = node(
        1,
        "Preview3DAdvanced",
        ["", 768, 512],
        inputs=[{"name": "model_3d", "type": "FILE_3D", "link": None}],
    )
    inputs = ui_to_api({"nodes": [viewer], "links": []}, info)["1"]["inputs"]
    assert set(inputs) == {"viewport_state", "width", "height"}
    assert (inputs["width"], inputs["height"]) == (768, 512)
    assert inputs["viewport_state"]["camera_info"] is None  # no saved camera to give


def test_links_into_sub_inputs_of_an_option_the_server_lacks_are_dropped(
    info: dict[str, Any],
) -> None:
    # A template saved with a newer server's option: the editor builds no sub-inputs for a
    # choice its definition lacks, so the saved "model.prompt" socket and its link are gone.
    text = node(2, "PrimitiveStringMultiline", ["a cat"], outputs=[{"name": "STRING"}])
    video = node(
        1,
        "MinimaxHailuo03TextToVideoNode",
        ["MiniMax H9", "", "768P", "16:9", 5, 7, "fixed", False],
        inputs=[{"name": "model.prompt", "type": "STRING", "link": 1}],
    )
    workflow = {"nodes": [text, video], "links": [[1, 2, 0, 1, 0, "STRING"]]}
    inputs = ui_to_api(workflow, info)["1"]["inputs"]
    assert "model.prompt" not in inputs and inputs["model"] == "MiniMax H9"
    video["widgets_values"][0] = "MiniMax H3"  # an option it offers: linked as saved
    assert ui_to_api(workflow, info)["1"]["inputs"]["model.prompt"] == ["2", 0]


def test_dynamic_prompt_texts_are_sent_as_the_editor_sends_them() -> None:
    """Comments stripped, one option of each group (nested too), escapes unescaped."""
    pick = random.Random(7)
    assert dynamic_prompt("a cat // by night\nin /* old */ snow", pick) == "a cat \nin  snow"
    assert dynamic_prompt("see https://example.com") == "see https:"  # as the editor does
    assert dynamic_prompt(r"a \{literal\} \| bar \n", pick) == r"a {literal} | bar \n"
    assert dynamic_prompt("end \\") == "end \\undefined"  # JavaScript reads past the end
    seen = {dynamic_prompt("a {red|{light|dark} blue} car", random.Random(n)) for n in range(60)}
    assert seen == {"a red car", "a light blue car", "a dark blue car"}
    assert dynamic_prompt("{only", pick) == "only"  # an unclosed group runs to the end
    assert fixed_prompt("a {b|c}") is None and fixed_prompt(r"a \{b\}") == "a {b}"


def test_a_dynamic_prompt_widget_sends_the_processed_text(info: dict[str, Any]) -> None:
    """CLIPTextEncode's ``text`` (``dynamicPrompts``) is processed as the editor exports it;
    a text that is not a dynamic prompt (SaveImage's prefix) is sent as it is."""
    clip = {"name": "clip", "type": "CLIP", "link": None}
    ui = {
        "nodes": [
            node(1, "CLIPTextEncode", ["a {cat|dog} // draft\n"], [clip]),
            node(2, "SaveImage", ["out // kept"], [image_in(None, "images")]),
        ],
        "links": [],
    }
    prompt = ui_to_api(ui, info)
    assert prompt["1"]["inputs"]["text"] in ("a cat \n", "a dog \n")
    assert prompt["2"]["inputs"]["filename_prefix"] == "out // kept"


def test_dynamic_prompts_match_the_real_editors_export(info: dict[str, Any]) -> None:
    """The real editor's export of a comment, a choice and escapes (recorded): the converter
    gives the same, but for the option picked at random."""
    recorded = json.loads((DATA / "editor" / "dynamic-prompts.json").read_text(encoding="utf-8"))
    exported = recorded["export"]
    other = copy.deepcopy(exported)
    other["1"]["inputs"]["text"] = exported["1"]["inputs"]["text"].replace("a cat", "a dog")
    seen = [ui_to_api(recorded["ui"], info) for _ in range(40)]
    assert all(prompt in (exported, other) for prompt in seen)
    assert exported in seen and other in seen
