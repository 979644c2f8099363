"""Conversion of what today's editor saves: V3 dynamic inputs, socketless widgets, subgraph
inputs by name, named virtual wires and ``/node_replacements`` (0.33.0 definitions)."""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client.convert import ui_to_api
from comfy_api_client.errors import ConversionError
from comfy_api_client.workflows.validation import expanded_inputs, validate_workflow

DATA = Path(__file__).parent / "data" / "comfyui" / "0.33.0"


@pytest.fixture(scope="module")
def info() -> dict[str, Any]:
    with gzip.open(DATA / "object_info.json.gz", "rt") as stream:
        loaded: dict[str, Any] = json.load(stream)
    return loaded


def node(id_: int, type_: str, values: Any = (), inputs: Any = (), **extra: Any) -> dict[str, Any]:
    return {
        "id": id_,
        "type": type_,
        "mode": 0,
        "inputs": list(inputs),
        "outputs": extra.pop("outputs", []),
        "widgets_values": list(values) if not isinstance(values, dict) else values,
        **extra,
    }


def ui(*nodes: dict[str, Any], links: Any = ()) -> dict[str, Any]:
    return {"nodes": list(nodes), "links": list(links)}


def test_dynamic_combo_sends_the_chosen_option_under_dotted_names(info: dict[str, Any]) -> None:
    values = ["Describe this image", "Opus 4.7", 32768, 1, "off", 0, "randomize", ""]
    prompt = ui_to_api(ui(node(1, "ClaudeNode", values)), info)
    inputs = prompt["1"]["inputs"]
    assert inputs["model"] == "Opus 4.7"
    assert inputs["model.max_tokens"] == 32768
    assert inputs["model.temperature"] == 1
    assert inputs["model.reasoning_effort"] == "off"
    assert inputs["seed"] == 0  # its control value ("randomize") is skipped
    assert inputs["system_prompt"] == ""


def test_nested_dynamic_combos_and_links_into_sub_inputs(info: dict[str, Any]) -> None:
    resize = node(
        2,
        "ResizeImageMaskNode",
        ["scale dimensions", 1024, 768, "center", "lanczos"],
        [
            {
                "name": "resize_type.width",
                "type": "INT",
                "widget": {"name": "resize_type.width"},
                "link": 1,
            }
        ],
    )
    width = node(
        1, "PrimitiveInt", [640, "fixed"], outputs=[{"name": "INT", "type": "INT", "links": [1]}]
    )
    prompt = ui_to_api(ui(width, resize, links=[[1, 1, 0, 2, 0, "INT"]]), info)
    inputs = prompt["2"]["inputs"]
    assert inputs["resize_type"] == "scale dimensions"
    assert inputs["resize_type.width"] == ["1", 0]
    assert inputs["resize_type.height"] == 768
    assert inputs["resize_type.crop"] == "center"
    assert inputs["scale_method"] == "lanczos"
    save = ui_to_api(
        ui(node(3, "SaveVideo", ["video/out", "auto", "h264", "re-encode", 20, "auto"])), info
    )
    assert save["3"]["inputs"] == {
        "filename_prefix": "video/out",
        "format": "auto",
        "format.codec": "h264",
        "format.codec.encoding": "re-encode",
        "format.codec.encoding.crf": 20,
        "format.codec.encoding.color_space": "auto",
        "codec": "auto",  # a hidden widget: not shown, still stored and sent
    }


def test_autogrow_and_socketless_inputs(info: dict[str, Any]) -> None:
    load = node(
        1,
        "LoadImage",
        ["a.png", "image"],
        outputs=[{"name": "IMAGE", "type": "IMAGE", "links": [1, 2]}],
    )
    batch = node(
        2,
        "BatchImagesNode",
        [],
        [
            {"name": "images.image0", "type": "IMAGE", "link": 1},
            {"name": "images.image1", "type": "IMAGE", "link": 2},
            {"name": "images.image2", "type": "IMAGE", "link": None},
        ],
    )
    compare = node(3, "ImageCompare", [], [{"name": "image_a", "type": "IMAGE", "link": None}])
    links = [[1, 1, 0, 2, 0, "IMAGE"], [2, 1, 0, 2, 1, "IMAGE"]]
    prompt = ui_to_api(ui(load, batch, compare, links=links), info)
    assert prompt["2"]["inputs"] == {"images.image0": ["1", 0], "images.image1": ["1", 0]}
    # The editor keeps no value for the comparison widget; it exports its initial one, boxed.
    assert prompt["3"]["inputs"] == {"compare_view": {"__value__": ["", ""]}}
    compare["widgets_values"] = [{"before": "/api/view?filename=a.png"}]
    prompt = ui_to_api(ui(load, batch, compare, links=links), info)
    assert prompt["3"]["inputs"] == {"compare_view": {"__value__": ["", ""]}}


def test_load3d_buttons_are_exported_and_the_capture_has_its_shape(info: dict[str, Any]) -> None:
    values = ["toy.glb", "upload3dmodel", "uploadExtraResources", "clear", "", 768, 512]
    load3d = node(1, "Load3D", values)
    camera = {"position": {"x": 1, "y": 2, "z": 3}, "target": {"x": 0, "y": 0, "z": 0}}
    load3d["properties"] = {"Camera Config": {"cameraType": "perspective", "state": camera}}
    prompt = ui_to_api(ui(load3d), info)
    assert prompt["1"]["inputs"] == {
        "model_file": "toy.glb",
        "upload 3d model": "upload3dmodel",
        "upload extra resources": "uploadExtraResources",
        "clear": "clear",
        "image": {
            "image": "",
            "mask": "",
            "normal": "",
            "camera_info": camera,
            "recording": "",
            "model_3d_info": [],
        },
        "width": 768,
        "height": 512,
    }


def test_subgraph_inputs_meet_the_instance_inputs_by_name(info: dict[str, Any]) -> None:
    text = node(
        1,
        "PrimitiveStringMultiline",
        ["a cat"],
        outputs=[{"name": "STRING", "type": "STRING", "links": [1]}],
    )
    instance = node(2, "sg", [], [{"name": "text", "type": "STRING", "link": 1}])
    inner = node(
        5,
        "CLIPTextEncode",
        ["unused"],
        [
            {"name": "clip", "type": "CLIP", "link": None},
            {"name": "text", "type": "STRING", "widget": {"name": "text"}, "link": 11},
        ],
    )
    subgraph = {
        "id": "sg",
        "name": "sg",
        "inputs": [
            {"name": "steps", "type": "INT", "linkIds": []},
            {"name": "text", "type": "STRING", "linkIds": [11]},
        ],
        "outputs": [],
        "nodes": [inner],
        "links": [
            {
                "id": 11,
                "origin_id": -10,
                "origin_slot": 1,
                "target_id": 5,
                "target_slot": 1,
                "type": "STRING",
            }
        ],
    }
    workflow = ui(text, instance, links=[[1, 1, 0, 2, 0, "STRING"]])
    workflow["definitions"] = {"subgraphs": [subgraph]}
    prompt = ui_to_api(workflow, info)
    assert prompt["2:5"]["inputs"]["text"] == ["1", 0]


def test_named_virtual_wires_resolve_like_reroutes(info: dict[str, Any]) -> None:
    load = node(
        1,
        "LoadImage",
        ["a.png", "image"],
        outputs=[{"name": "IMAGE", "type": "IMAGE", "links": [1]}],
    )
    setter = node(
        2,
        "SetNode",
        ["pic"],
        [{"name": "IMAGE", "type": "IMAGE", "link": 1}],
        outputs=[{"name": "*", "type": "*", "links": None}],
        properties={"previousName": "pic"},
    )
    getter = node(3, "GetNode", ["pic"], outputs=[{"name": "IMAGE", "type": "IMAGE", "links": [2]}])
    invert = node(4, "ImageInvert", [], [{"name": "image", "type": "IMAGE", "link": 2}])
    links = [[1, 1, 0, 2, 0, "IMAGE"], [2, 3, 0, 4, 0, "IMAGE"]]
    prompt = ui_to_api(ui(load, setter, getter, invert, links=links), info)
    assert set(prompt) == {"1", "4"}
    assert prompt["4"]["inputs"] == {"image": ["1", 0]}
    # A getter without its setter is still an unknown node.
    with pytest.raises(ConversionError, match="GetNode"):
        ui_to_api(ui(load, getter, invert, links=[[2, 3, 0, 4, 0, "IMAGE"]]), info)


def test_node_replacements_swap_node_types_the_server_lacks(
    info: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    replacements = json.loads((DATA / "node_replacements.json").read_text())
    old = node(
        1,
        "T2IAdapterLoader",
        ["adapter.safetensors"],
        outputs=[{"name": "CONTROL_NET", "type": "CONTROL_NET", "links": []}],
    )
    renamed = node(2, "SDV_img2vid_Conditioning", [1024, 576, 14, 127, 6, 0.0])
    with pytest.raises(ConversionError, match="T2IAdapterLoader"):
        ui_to_api(ui(old), info)
    with caplog.at_level(logging.INFO, logger="comfy_api_client.workflows.convert.replacements"):
        prompt = ui_to_api(ui(old, renamed), info, node_replacements=replacements)
    assert prompt["1"]["class_type"] == "ControlNetLoader"
    assert prompt["1"]["inputs"] == {"control_net_name": "adapter.safetensors"}
    assert prompt["2"]["class_type"] == "SVD_img2vid_Conditioning"
    assert prompt["2"]["inputs"]["width"] == 1024
    assert "T2IAdapterLoader replaced by ControlNetLoader" in caplog.text


def test_validation_expands_v3_inputs_as_the_server_does(info: dict[str, Any]) -> None:
    declared = info["ResizeImageMaskNode"]["input"]
    expanded = expanded_inputs(declared, {"resize_type": "scale by multiplier"})
    assert set(expanded["required"]) == {
        "input",
        "resize_type",
        "resize_type.multiplier",
        "scale_method",
    }
    assert expanded_inputs(declared, {"resize_type": "nonsense"})["required"].keys() == {
        "input",
        "scale_method",
    }
    grow = expanded_inputs(
        info["BatchImagesNode"]["input"], {"images.image0": ["1", 0], "images.image3": ["1", 0]}
    )
    assert set(grow["required"]) == {"images.image0"} and set(grow["optional"]) == {"images.image3"}
    prompt = {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": 8, "height": 8, "batch_size": 1, "color": 0},
        },
        "2": {
            "class_type": "ResizeImageMaskNode",
            "inputs": {
                "input": ["1", 0],
                "resize_type": "scale by multiplier",
                "scale_method": "area",
            },
        },
        "3": {"class_type": "PreviewImage", "inputs": {"images": ["2", 0]}},
    }
    body = validate_workflow(prompt, info)
    assert body is not None
    errors = body["node_errors"]["2"]["errors"]
    assert [(e["type"], e["details"]) for e in errors] == [
        ("required_input_missing", "resize_type.multiplier")
    ]
