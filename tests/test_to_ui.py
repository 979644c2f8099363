"""``Workflow.to_ui``: API workflows written back as editor workflows (UI format).

Every official template of ComfyUI 0.33.0 (``comfyui-workflow-templates-json`` 0.1.50) goes
UI -> API -> UI -> API and must come back the same; the editor's format details (widget order,
``control_after_generate``, V3 inputs, links, titles, ids) and the layout are checked on small
workflows built by hand against 0.33.0's recorded node definitions.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.resources
import json
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client import Workflow, create_client
from comfy_api_client.convert import ui_to_api
from comfy_api_client.errors import ConversionError, WorkflowError
from comfy_api_client.integrations.cli import EXIT_OK, main
from comfy_api_client.workflows.convert.dynamic_prompts import fixed_prompt
from comfy_api_client.workflows.convert.ids import unique_node_ids
from comfy_api_client.workflows.convert.layout import Box, overlaps, place
from comfy_api_client.workflows.convert.to_ui import CONTROL_VALUE, api_to_ui

DATA = Path(__file__).parent / "data" / "comfyui" / "0.33.0"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "invert.json"
#: The real editor's "Export (API)" of every 0.1.50 template (frontend 1.49.6).
EDITOR_EXPORTS = DATA / "editor" / "exports-0.1.50.json.gz"
TEMPLATES = "comfyui_workflow_templates_json"  # 0.1.50, the set ComfyUI 0.33.0 ships


def load(path: Path) -> Any:
    with gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path) as f:
        return json.load(f)


def templates() -> list[tuple[str, dict[str, Any]]]:
    """The UI-format templates of the 0.1.50 set, by name."""
    root = importlib.resources.files(TEMPLATES) / "templates"
    found = []
    for entry in root.iterdir():
        if entry.name.endswith(".json") and not entry.name.startswith("index"):
            ui = json.loads(entry.read_text(encoding="utf-8"))
            if isinstance(ui, dict) and isinstance(ui.get("nodes"), list):
                found.append((entry.name.removesuffix(".json"), ui))
    return sorted(found, key=lambda item: item[0])


INFO: dict[str, Any] = load(DATA / "object_info.json.gz")
#: 0.33.0's definitions and the three custom node types three templates use, recorded from
#: 0.33.0 with their packs installed (data/comfyui/0.33.0/custom-nodes/README.md).
WITH_CUSTOM: dict[str, Any] = {**INFO, **load(DATA / "custom-nodes" / "object_info.json")}

#: Templates whose flattened subgraphs give a *value* to a socket input (a subgraph input
#: fed by a widget of the subgraph node), and one with a commented dynamic prompt in a
#: subgraph input: the editor holds these only in a subgraph, which to_ui rebuilds.
REBUILT = {
    "image_ernie_image",
    "image_ernie_image_turbo",
    "image_ideogram4_t2i_int8",
    "template_ltx2_3_ic_lora_ingredients",
    "video_ltx2_3_ic_lora",
    "video_wan21_scail2_character_replacement",
    "video_wan21_scail2_character_replacement_int8",
}


def node(ui: dict[str, Any], node_id: int | str) -> dict[str, Any]:
    return next(n for n in ui["nodes"] if n["id"] == node_id)


def boxes(ui: dict[str, Any]) -> list[Box]:
    return [Box(str(n["id"]), *n["size"], *n["pos"]) for n in ui["nodes"]]


def check_layout(ui: dict[str, Any]) -> None:
    """No two nodes overlap; every link runs left to right."""
    assert overlaps(boxes(ui)) == []
    x = {n["id"]: n["pos"][0] for n in ui["nodes"]}
    right = {n["id"]: n["pos"][0] + n["size"][0] for n in ui["nodes"]}
    for link in ui["links"]:
        _, origin, _, target, *_ = (
            link
            if isinstance(link, list)
            else [link[k] for k in ("id", "origin_id", "origin_slot", "target_id")]
        )
        if origin in x and target in x:  # not a subgraph's input or output node
            assert right[origin] < x[target]


def test_every_template_round_trips_through_the_editor_format(
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    pytest.importorskip(TEMPLATES)
    replacements = load(DATA / "node_replacements.json")
    same, rebuilt = 0, set()
    with caplog.at_level("WARNING", logger="comfy_api_client.workflows.convert"):
        for name, template in templates():
            api = ui_to_api(template, WITH_CUSTOM, node_replacements=replacements)
            ui = api_to_ui(api, WITH_CUSTOM)
            assert ui_to_api(ui, WITH_CUSTOM) == api, name
            assert json.loads(json.dumps(ui)) == ui  # plain JSON
            assert unique_node_ids(ui) is ui, name  # no id the editor would renumber
            check_layout(ui)
            if "definitions" in ui:
                rebuilt.add(name)
                for definition in ui["definitions"]["subgraphs"]:
                    check_layout(definition)
            same += 1
    with capsys.disabled():
        print(f"\nUI -> API -> UI -> API: {same} same, {len(rebuilt)} with subgraphs rebuilt")
    assert same == 506 and rebuilt == REBUILT
    assert caplog.records == []  # no text the editor would change


def test_the_editors_own_exports_come_back_through_to_ui() -> None:
    """What the real editor exported for each template, written by to_ui and converted back
    by the client, is what the editor exported (the live check of the same files: the editor
    itself gives back 499 of 503, the others live 3D captures: data/comfyui/0.33.0/
    editor-to-ui.json, and editor/to-ui-subgraphs.json.gz for the 7 with rebuilt subgraphs)."""
    if not EDITOR_EXPORTS.exists():
        pytest.skip("the editor's recorded exports are not in this checkout")
    same, refused = 0, 0
    for name, api in load(EDITOR_EXPORTS)["exports"].items():
        try:
            ui = api_to_ui(api, INFO)
        except ConversionError as error:
            assert "not an API-format node" in str(error)
            refused += 1  # 3 with nodes the recording server did not have (class_type null)
            continue
        back = ui_to_api(ui, INFO)
        for node_id, entry in api.items():  # a 3D capture's file names are made at export
            if entry["class_type"] == "Load3D" and isinstance(entry["inputs"].get("image"), dict):
                made, saved = back[node_id]["inputs"]["image"], entry["inputs"]["image"]
                if "camera_info" in made:
                    assert made["camera_info"] == saved["camera_info"], name
                back[node_id]["inputs"]["image"] = saved
        assert back == api, name
        same += 1
    assert refused == 3 and same == 503


def test_widget_values_in_the_editors_order_with_control_after_generate() -> None:
    api = {
        "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "a.safetensors"}},
        "5": {
            "class_type": "EmptyLatentImage",
            "inputs": {"width": 64, "height": 96, "batch_size": 2},
        },
        "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat", "clip": ["4", 1]}},
        "3": {
            "class_type": "KSampler",
            "inputs": {
                "seed": 42,
                "steps": 7,
                "cfg": 3.5,
                "sampler_name": "euler",
                "scheduler": "karras",
                "denoise": 0.5,
                "model": ["4", 0],
                "positive": ["6", 0],
                "negative": ["6", 0],
                "latent_image": ["5", 0],
            },
            "_meta": {"title": "Sampler"},
        },
    }
    ui = api_to_ui(api, INFO)
    sampler = node(ui, 3)
    # The seed's control value follows it; the order is the definition's, not the API's.
    assert sampler["widgets_values"] == [42, CONTROL_VALUE, 7, 3.5, "euler", "karras", 0.5]
    assert CONTROL_VALUE == "fixed"
    assert [i["name"] for i in sampler["inputs"]] == [
        "model",
        "positive",
        "negative",
        "latent_image",
    ]
    assert node(ui, 5)["widgets_values"] == [64, 96, 2]
    assert ui["version"] == 0.4 and ui["last_node_id"] == 6 and ui["last_link_id"] == 5
    assert ui_to_api(ui, INFO) == {
        k: {**v, "_meta": {"title": ui_title(ui, k)}} for k, v in api.items()
    }


def ui_title(ui: dict[str, Any], node_id: str) -> str:
    raw = node(ui, int(node_id))
    return raw.get("title") or INFO[raw["type"]]["display_name"]


def test_links_typed_by_their_output_and_linked_widgets_become_sockets() -> None:
    api = {
        "1": {"class_type": "PrimitiveInt", "inputs": {"value": 7}, "_meta": {"title": "Seed"}},
        "2": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "a.safetensors"}},
        "3": {
            "class_type": "KSampler",
            "inputs": {
                "model": ["2", 0],
                "seed": ["1", 0],
                "steps": 20,
                "cfg": 8,
                "sampler_name": "euler",
                "scheduler": "normal",
                "positive": ["9", 0],
                "negative": ["9", 0],
                "latent_image": ["10", 0],
                "denoise": 1,
            },
        },
        "9": {"class_type": "CLIPTextEncode", "inputs": {"text": "x", "clip": ["2", 1]}},
        "10": {
            "class_type": "EmptyLatentImage",
            "inputs": {"width": 8, "height": 8, "batch_size": 1},
        },
    }
    ui = api_to_ui(api, INFO)
    sampler = node(ui, 3)
    seed = sampler["inputs"][-1]
    assert seed == {"name": "seed", "type": "INT", "widget": {"name": "seed"}, "link": seed["link"]}
    assert sampler["widgets_values"][:2] == [0, CONTROL_VALUE]  # the value underneath a link
    links = {link[0]: link for link in ui["links"]}
    assert links[seed["link"]] == [seed["link"], 1, 0, 3, 4, "INT"]
    assert links[node(ui, 9)["inputs"][0]["link"]][1:] == [2, 1, 9, 0, "CLIP"]
    loader = node(ui, 2)
    assert [(o["name"], o["type"]) for o in loader["outputs"]] == [
        ("MODEL", "MODEL"),
        ("CLIP", "CLIP"),
        ("VAE", "VAE"),
    ]
    assert loader["outputs"][2]["links"] is None
    for link_id, origin, slot, target, target_slot, kind in ui["links"]:
        assert link_id in node(ui, origin)["outputs"][slot]["links"]
        assert node(ui, target)["inputs"][target_slot]["link"] == link_id
        assert node(ui, origin)["outputs"][slot]["type"] == kind
    assert node(ui, 1)["title"] == "Seed" and sampler["title"] == "KSampler"  # always written
    assert ui_to_api(ui, INFO)["3"]["inputs"] == api["3"]["inputs"]


def test_v3_dynamic_combo_autogrow_and_match_type() -> None:
    api = {
        "1": {"class_type": "LoadImage", "inputs": {"image": "a.png"}},
        "2": {
            "class_type": "ResizeImageMaskNode",
            "inputs": {
                "input": ["1", 0],
                "resize_type": "scale dimensions",
                "resize_type.width": 640,
                "resize_type.height": 480,
                "resize_type.crop": "disabled",
                "scale_method": "lanczos",
            },
        },
        "3": {
            "class_type": "BatchImagesNode",
            "inputs": {"images.image0": ["2", 0], "images.image1": ["1", 0]},
        },
        "4": {"class_type": "PreviewImage", "inputs": {"images": ["3", 0]}},
    }
    ui = api_to_ui(api, INFO)
    assert node(ui, 1)["widgets_values"] == ["a.png", "image"]  # the upload button's value
    resize = node(ui, 2)
    assert resize["widgets_values"] == ["scale dimensions", 640, 480, "disabled", "lanczos"]
    assert resize["outputs"] == [{"name": "resized", "type": "IMAGE", "links": [2]}]
    batch = node(ui, 3)
    assert [(i["name"], i["label"], i["type"]) for i in batch["inputs"]] == [
        ("images.image0", "image0", "IMAGE"),
        ("images.image1", "image1", "IMAGE"),
    ]
    assert ui_to_api(ui, INFO)["2"]["inputs"] == api["2"]["inputs"]
    assert ui_to_api(ui, INFO)["3"]["inputs"] == api["3"]["inputs"]


def test_path_ids_of_flattened_subgraphs_stay_strings() -> None:
    api = {
        "7": {
            "class_type": "EmptyImage",
            "inputs": {"width": 8, "height": 8, "batch_size": 1, "color": 0},
        },
        "12:3": {"class_type": "ImageInvert", "inputs": {"image": ["7", 0]}},
        "12:4": {
            "class_type": "SaveImage",
            "inputs": {"images": ["12:3", 0], "filename_prefix": "x"},
        },
    }
    ui = api_to_ui(api, INFO)
    assert [n["id"] for n in ui["nodes"]] == [7, "12:3", "12:4"]
    assert ui["last_node_id"] == 7
    assert [link[1:5] for link in ui["links"]] == [[7, 0, "12:3", 0], ["12:3", 0, "12:4", 0]]
    back = ui_to_api(ui, INFO)
    assert {k: v["inputs"] for k, v in back.items()} == {k: v["inputs"] for k, v in api.items()}


def test_layout_columns_by_depth_without_overlaps() -> None:
    # 0 -> 1 -> 2 -> 3, and 4 feeds 3 directly: 4 sits in the first column, 3 in the fourth.
    sized = [Box(str(i), 200 + 50 * i, 100 + 80 * (i % 3)) for i in range(5)]
    placed = place(sized, [("0", "1"), ("1", "2"), ("2", "3"), ("4", "3")])
    assert [placed[str(i)].depth for i in range(5)] == [0, 1, 2, 3, 0]
    assert placed["0"].x == placed["4"].x < placed["1"].x < placed["2"].x < placed["3"].x
    assert placed["0"].order < placed["1"].order < placed["2"].order < placed["3"].order
    assert placed["4"].order < placed["3"].order
    assert overlaps(placed.values()) == []
    # Many nodes in one column are stacked; a wide node pushes the next column right.
    many = place([Box(str(i), 300 if i else 900, 150) for i in range(30)], [])
    assert overlaps(many.values()) == [] and len({b.x for b in many.values()}) == 1
    chained = place([Box("a", 900, 50), Box("b", 10, 50)], [("a", "b")])
    assert chained["b"].x >= 900
    # A loop (never valid) still gets a place for every node.
    looped = place([Box("a", 10, 10), Box("b", 10, 10)], [("a", "b"), ("b", "a")])
    assert overlaps(looped.values()) == [] and set(looped) == {"a", "b"}


def test_overlaps_finds_intersecting_nodes() -> None:
    a, b = Box("a", 100, 100, 0, 0), Box("b", 100, 100, 50, 50)
    assert overlaps([a, b]) == [("a", "b")]
    b.y = 100 + 30  # below a, title bar included
    assert overlaps([a, b]) == []


def inputs_of(api: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    return {k: (v["class_type"], v["inputs"]) for k, v in api.items()}


def subgraph_api() -> dict[str, Any]:
    """Subgraph 5 flattened: its input fed width 512 to a widget and to a socket; a link in
    from node 1 and one out to node 6."""
    return {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": 8, "height": 8, "batch_size": 1, "color": 0},
        },
        "5:3": {
            "class_type": "EmptyLatentImage",
            "inputs": {"width": 512, "height": 256, "batch_size": 1},
        },
        "5:2": {"class_type": "PreviewAny", "inputs": {"source": 512}},
        "5:4": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
        "6": {"class_type": "PreviewImage", "inputs": {"images": ["5:4", 0]}},
    }


def test_a_value_on_a_socket_inside_a_subgraph_is_held_by_a_rebuilt_subgraph(
    caplog: pytest.LogCaptureFixture,
) -> None:
    api = subgraph_api()
    with caplog.at_level("WARNING", logger="comfy_api_client.workflows.convert"):
        ui = api_to_ui(api, INFO)
    assert caplog.records == []
    assert inputs_of(ui_to_api(ui, INFO)) == inputs_of(api)
    assert unique_node_ids(ui) is ui
    [definition] = ui["definitions"]["subgraphs"]
    instance = node(ui, 5)
    assert instance["type"] == definition["id"]
    assert {n["id"] for n in ui["nodes"]} == {1, 5, 6}
    assert sorted(n["id"] for n in definition["nodes"]) == [2, 3, 4]
    # The instance: the value's widget, a socket for node 1's image; its output to node 6.
    assert [(i["name"], i["type"], "widget" in i) for i in instance["inputs"]] == [
        ("width", "INT", True),
        ("image", "IMAGE", False),
    ]
    assert [(i["name"], i["type"]) for i in definition["inputs"]] == [
        ("width", "INT"),
        ("image", "IMAGE"),
    ]
    assert [(o["name"], o["type"]) for o in definition["outputs"]] == [("IMAGE", "IMAGE")]
    links = {link["id"]: link for link in definition["links"]}
    fed = [links[i] for i in definition["inputs"][0]["linkIds"]]
    # The widget holding the same value first (the subgraph node shows it), then the socket.
    assert [(ln["target_id"], ln["origin_id"]) for ln in fed] == [(3, -10), (2, -10)]
    latent = node({"nodes": definition["nodes"]}, 3)
    assert latent["inputs"][0]["widget"] == {"name": "width"} and latent["inputs"][0]["link"]
    assert latent["widgets_values"] == [512, 256, 1]
    ids = [ln[0] for ln in ui["links"]] + list(links)
    assert len(ids) == len(set(ids)) == ui["last_link_id"]  # one link id space
    check_layout(ui)
    check_layout(definition)


def test_a_commented_prompt_inside_a_subgraph_goes_in_through_its_input(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The editor strips comments from a node's own prompt widget, not from a subgraph input's
    value: the text is written unescaped and fed from the subgraph node."""
    text = "a {red|blue} cat // on a mat"
    api = {
        "9:1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "a.safetensors"}},
        "9:2": {"class_type": "CLIPTextEncode", "inputs": {"text": text, "clip": ["9:1", 1]}},
    }
    with caplog.at_level("WARNING", logger="comfy_api_client.workflows.convert"):
        ui = api_to_ui(api, INFO)
    assert caplog.records == []
    [definition] = ui["definitions"]["subgraphs"]
    prompt = node({"nodes": definition["nodes"]}, 2)
    assert prompt["widgets_values"] == [text]
    assert node(ui, 9)["inputs"] == [
        {"name": "text", "type": "STRING", "widget": {"name": "text"}, "link": None}
    ]
    assert inputs_of(ui_to_api(ui, INFO)) == inputs_of(api)


def test_the_real_editor_exported_the_rebuilt_subgraphs_unchanged() -> None:
    """The live check, recorded: the real editor opened what to_ui writes for the seven
    templates and two small workflows with rebuilt subgraphs, and its "Export (API)" is the
    API workflow to_ui was given. The recording names a digest of what to_ui wrote then."""
    pytest.importorskip(TEMPLATES)
    recording = load(DATA / "editor" / "to-ui-subgraphs.json.gz")["workflows"]
    replacements = load(DATA / "node_replacements.json")
    by_name = dict(templates())
    assert {n.removesuffix(".json") for n in recording if "/" not in n} == REBUILT
    for name, recorded in recording.items():
        api = recorded.get("api") or ui_to_api(
            by_name[name.removesuffix(".json")], INFO, node_replacements=replacements
        )
        ui = api_to_ui(api, INFO)
        digest = hashlib.sha256(json.dumps(ui, sort_keys=True).encode()).hexdigest()
        assert digest == recorded["to_ui_sha256"], f"{name}: to_ui writes something else now"
        assert inputs_of(recorded["export"]) == inputs_of(api), name


def test_what_no_subgraph_can_hold_is_refused_saying_why() -> None:
    def why(api: dict[str, Any]) -> str:
        with pytest.raises(ConversionError) as caught:
            api_to_ui(api, INFO)
        message = str(caught.value)
        assert "input 'source' is a socket" in message and caught.value.node_id
        return message

    top = {"2": {"class_type": "PreviewAny", "inputs": {"source": 512}}}
    assert "not inside a subgraph" in why(top)
    api = subgraph_api()
    api["5:2"]["inputs"]["source"] = 513  # no widget of subgraph 5 holds 513
    assert "no widget of subgraph 5's nodes holds the same value" in why(api)
    api = subgraph_api()
    api["5:2"]["inputs"]["source"] = 512.0  # a float: the INT widget does not hold it
    assert "no widget" in why(api)
    api = subgraph_api()  # a V3 dynamic combo's option is no subgraph node's widget
    api["5:3"] = {
        "class_type": "ResizeImageMaskNode",
        "inputs": {
            "resize_type": "scale dimensions",
            "resize_type.width": 512,
            "resize_type.height": 256,
            "resize_type.crop": "center",
            "scale_method": "area",
            "input": ["1", 0],
        },
    }
    assert "no widget" in why(api)
    api = subgraph_api()
    api["5:7:8"] = {"class_type": "PreviewAny", "inputs": {"source": ["5:3", 0]}}
    assert "nested subgraphs ('5:7:8')" in why(api)
    api = subgraph_api()
    api["3"] = api.pop("1")  # root node 3 and inner node 3: the editor would renumber it
    api["5:4"]["inputs"]["image"] = ["3", 0]
    assert "node id 3 inside subgraph 5 is taken outside it" in why(api)
    for odd in ("a:2", ":2", "05:2"):
        assert "is not a subgraph path id" in why({odd: top["2"], "1:3": subgraph_api()["5:3"]})
    api = subgraph_api()
    api["5"] = api.pop("6")  # a node "5" beside "5:..." ids: these are not a subgraph's
    assert "the workflow has a node '5' too" in why(api)


def test_what_the_editor_cannot_hold_is_refused_naming_node_and_input() -> None:
    def refused(api: dict[str, Any]) -> ConversionError:
        with pytest.raises(ConversionError) as caught:
            api_to_ui(api, INFO)
        return caught.value

    error = refused({"5": {"class_type": "NoSuchNode", "inputs": {}}})
    assert error.node_id == "5" and "NoSuchNode" in str(error)
    error = refused({"2": {"class_type": "ImageInvert", "inputs": {"image": ["9", 0]}}})
    assert "node 9" in str(error) and "'image'" in str(error)
    api: dict[str, Any] = {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": 8, "height": 8, "batch_size": 1, "color": 0},
        },
        "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 3]}},
    }
    assert "output 3" in str(refused(api))
    api["2"]["inputs"]["image"] = 5
    assert "'image' is a socket" in str(refused(api))
    assert "not an API-format node" in str(refused({"1": {"inputs": {}}}))


def test_values_of_inputs_the_definition_lacks_follow_the_widgets(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """What the editor exports for the widgets its extensions add (CustomCombo's index and
    options, written by the editor's "Export (API)") is kept, numbered names in number order;
    the 3D loader's button values are what to_ui writes for its buttons anyway."""
    options = {f"option{i}": f"o{i}" for i in (10, 1, 2, 3, 4, 5, 6, 7, 8, 9)}
    api = {
        "5": {"class_type": "CustomCombo", "inputs": {"choice": "o2", **options, "index": 1}},
        "6": {
            "class_type": "Load3D",
            "inputs": {
                "model_file": "toy.glb",
                "image": "",
                "width": 64,
                "height": 32,
                "clear": "clear",
                "upload 3d model": "upload3dmodel",
                "upload extra resources": "uploadExtraResources",
            },
        },
    }
    with caplog.at_level("INFO", logger="comfy_api_client.workflows.convert"):
        ui = api_to_ui(api, INFO)
    assert node(ui, 5)["widgets_values"] == ["o2", 1, *(f"o{i}" for i in range(1, 11))]
    assert node(ui, 6)["widgets_values"] == [
        "toy.glb",
        "upload3dmodel",
        "uploadExtraResources",
        "clear",
        "",
        64,
        32,
    ]
    assert "option10" in caplog.text and "Load3D" not in caplog.text  # kept, and logged
    assert ui_to_api(ui, INFO)["5"]["inputs"]["choice"] == "o2"


def test_prompt_text_is_escaped_so_the_editor_sends_it_unchanged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The editor reads CLIPTextEncode's text as a dynamic prompt ({a|b} picks one, // starts
    a comment): braces and bars are escaped; comments cannot be, and a warning says so."""
    texts = ['{"subject": "cat", "style": "a|b"}', "plain | text", "see https://example.com"]
    api = {
        str(i): {"class_type": "CLIPTextEncode", "inputs": {"text": t, "clip": ["9", 1]}}
        for i, t in enumerate(texts, 1)
    }
    api["9"] = {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "a.safetensors"}}
    with caplog.at_level("WARNING", logger="comfy_api_client.workflows.convert"):
        ui = api_to_ui(api, INFO)
    written = [node(ui, i)["widgets_values"][0] for i in (1, 2, 3)]
    assert written[0] == r'\{"subject": "cat", "style": "a\|b"\}'
    assert fixed_prompt(written[0]) == texts[0]
    assert fixed_prompt(texts[0]) is None  # unescaped, the editor would pick a choice
    assert written[1] == texts[1] and fixed_prompt(texts[1]) == texts[1]
    assert written[2] == texts[2] and fixed_prompt(texts[2]) == "see https:"
    assert [r.getMessage() for r in caplog.records] == [
        "node 3 (CLIPTextEncode, 'CLIP Text Encode (Prompt)'): the editor reads '//' and "
        "'/* */' in input 'text' as comments and will not send this text unchanged"
    ]
    assert fixed_prompt("a\\nb /* note */") == "a\\nb "


def test_workflow_to_ui_takes_definitions_or_a_client(server: Any) -> None:
    workflow = Workflow.load(EXAMPLE)
    with create_client(server.url) as client:
        ui = workflow.to_ui(client)
        assert Workflow.from_ui(ui, client.node_definitions()) == Workflow(workflow.nodes, ui=ui)
    assert ui == workflow.to_ui(client.node_definitions()) and node(ui, 1)["title"] == "Canvas"
    check_layout(ui)
    with pytest.raises(WorkflowError, match="converted"):
        Workflow(ui=ui).to_ui(INFO)

    class AsyncLike:
        async def node_definitions(self) -> dict[str, Any]:
            return INFO

    with pytest.raises(WorkflowError, match=r"await client\.node_definitions"):
        workflow.to_ui(AsyncLike())  # type: ignore[arg-type]  # mypy refuses it too


def test_cli_convert_to_ui_and_back(
    server: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(EXAMPLE), "--to", "ui", "--server", server.url]) == EXIT_OK
    ui = json.loads(capsys.readouterr().out)
    assert ui["version"] == 0.4 and len(ui["nodes"]) == 3
    (tmp_path / "ui.json").write_text(json.dumps(ui))
    assert main(["convert", str(tmp_path / "ui.json"), "--server", server.url]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == json.loads(EXAMPLE.read_text())
    offline = ["--object-info", str(DATA.parent / "object_info.json")]
    assert main(["convert", str(EXAMPLE), "--to", "ui", *offline]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["nodes"][0]["type"] == "EmptyImage"
