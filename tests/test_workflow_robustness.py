"""Damaged input never escapes as anything but a typed error: images, JSON and UI graphs."""

from __future__ import annotations

import contextlib
import copy
import gzip
import io
import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from comfy_api_client import ConversionError, Workflow, WorkflowError
from comfy_api_client.convert import ui_to_api

DATA = Path(__file__).parent / "data"
OBJECT_INFO = json.loads((DATA / "comfyui" / "object_info.json").read_text())
UI_CASES = [
    json.loads(p.read_text())
    for p in sorted((DATA / "ui").glob("*.json"))
    if not p.name.endswith(".api.json")
]


def _png() -> bytes:
    info = PngInfo()
    info.add_text("prompt", json.dumps({"1": {"class_type": "EmptyImage", "inputs": {}}}))
    info.add_itxt("workflow", json.dumps({"nodes": [], "links": []}), zip=True)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


PNG = _png()
JUNK = st.one_of(
    st.none(),
    st.integers(-3, 3),
    st.text(max_size=3),
    st.lists(st.integers(-1, 3), max_size=3),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(PNG) - 1), st.integers(0, 255)), max_size=8),
    st.integers(8, len(PNG)),
)
def test_damaged_images_give_workflow_errors(changes: list[tuple[int, int]], cut: int) -> None:
    data = bytearray(PNG)
    for index, value in changes:
        data[index] = value
    with contextlib.suppress(WorkflowError):
        Workflow.load(bytes(data[:cut]))


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(range(len(UI_CASES))), st.lists(st.tuples(st.integers(0), JUNK), max_size=3))
def test_damaged_ui_graphs_give_conversion_errors(case: int, edits: list[tuple[int, Any]]) -> None:
    ui = copy.deepcopy(UI_CASES[case])
    paths = _paths(ui)
    for pick, junk in edits:
        *parents, last = paths[pick % len(paths)]
        with contextlib.suppress(TypeError, IndexError, KeyError):  # an earlier edit moved it
            target: Any = ui
            for key in parents:
                target = target[key]
            target[last] = junk
    with contextlib.suppress(ConversionError):
        ui_to_api(ui, OBJECT_INFO)


def _txt2img() -> dict[str, Any]:
    return copy.deepcopy(json.loads((DATA / "ui" / "txt2img.json").read_text()))


def test_link_from_a_slot_below_zero_is_a_conversion_error() -> None:
    """Found by the fuzz test: slot -2 of a reroute was read as the second-last input."""
    ui = _txt2img()
    reroutes = {n["id"] for n in ui["nodes"] if n["type"] == "Reroute"}
    link = next(ln for ln in ui["links"] if ln[1] in reroutes)
    link[2] = -2
    try:
        ui_to_api(ui, OBJECT_INFO)
    except ConversionError as error:
        assert "-2" in str(error)
    else:
        raise AssertionError("slot -2 was accepted")


def test_link_slot_with_non_ascii_digits_is_not_a_crash() -> None:
    """Found by the fuzz test: ``"¹".isdigit()`` is true but ``int("¹")`` fails."""
    ui = _txt2img()
    ui["links"][0][2] = "¹"
    with contextlib.suppress(ConversionError):
        ui_to_api(ui, OBJECT_INFO)


# -- node replacements (/node_replacements applied to a graph) ---------------------------

INFO_033 = json.loads(
    gzip.decompress((DATA / "comfyui" / "0.33.0" / "object_info.json.gz").read_bytes())
)
REPLACEMENTS = json.loads((DATA / "comfyui" / "0.33.0" / "node_replacements.json").read_text())
#: The 0.33.0 server without the deprecated nodes it still ships, so they get replaced too.
INFO_REPLACING = {
    k: v
    for k, v in INFO_033.items()
    if k not in {"ResizeImagesByLongerEdge", "ImageBatch", "ImageScaleBy"}
}


def _node(
    id_: int,
    type_: str,
    inputs: list[tuple[str, str, int | None]],
    outputs: list[tuple[str, list[int]]],
    values: list[Any],
) -> dict[str, Any]:
    return {
        "id": id_,
        "type": type_,
        "mode": 0,
        "inputs": [{"name": n, "type": t, "link": link} for n, t, link in inputs],
        "outputs": [{"name": t, "type": t, "links": links} for t, links in outputs],
        "widgets_values": values,
    }


def _replaced_graph() -> dict[str, Any]:
    """Deprecated nodes of every shape /node_replacements has, one inside a subgraph."""
    subgraph = {
        "id": "5c0e0c1a-0000-4000-8000-000000000001",
        "name": "scale",
        "inputs": [{"id": "i", "name": "image", "type": "IMAGE", "linkIds": [20]}],
        "outputs": [{"id": "o", "name": "IMAGE", "type": "IMAGE", "linkIds": [21]}],
        "nodes": [
            _node(1, "ImageScaleBy", [("image", "IMAGE", 20)], [("IMAGE", [21])], ["area", 2])
        ],
        "links": [
            {"id": 20, "origin_id": -10, "origin_slot": 0, "target_id": 1, "target_slot": 0},
            {"id": 21, "origin_id": 1, "origin_slot": 0, "target_id": -20, "target_slot": 0},
        ],
    }
    nodes = [
        _node(1, "LoadImage", [], [("IMAGE", [1, 2, 3]), ("MASK", [])], ["a.png", "image"]),
        _node(2, "ResizeImagesByLongerEdge", [("images", "IMAGE", 1)], [("IMAGE", [4])], [512]),
        _node(3, "ImageScaleBy", [("image", "IMAGE", 2)], [("IMAGE", [5])], ["nearest-exact", 1.5]),
        _node(
            4,
            "ImageBatch",
            [("image1", "IMAGE", 4), ("image2", "IMAGE", 5)],
            [("IMAGE", [6])],
            [],
        ),
        _node(5, "SaveImage", [("images", "IMAGE", 6)], [], ["out"]),
        _node(6, "T2IAdapterLoader", [], [("CONTROL_NET", [])], ["t2i.safetensors"]),
        _node(7, subgraph["id"], [("image", "IMAGE", 3)], [("IMAGE", [7])], []),
        _node(8, "PreviewImage", [("images", "IMAGE", 7)], [], []),
    ]
    links = [
        [1, 1, 0, 2, 0, "IMAGE"],
        [2, 1, 0, 3, 0, "IMAGE"],
        [3, 1, 0, 7, 0, "IMAGE"],
        [4, 2, 0, 4, 0, "IMAGE"],
        [5, 3, 0, 4, 1, "IMAGE"],
        [6, 4, 0, 5, 0, "IMAGE"],
        [7, 7, 0, 8, 0, "IMAGE"],
    ]
    return {"nodes": nodes, "links": links, "definitions": {"subgraphs": [subgraph]}}


def test_the_replacement_graph_converts() -> None:
    prompt = ui_to_api(_replaced_graph(), INFO_REPLACING, node_replacements=REPLACEMENTS)
    assert {k: v["class_type"] for k, v in prompt.items()} == {
        "1": "LoadImage",
        "2": "ImageScaleToMaxDimension",
        "3": "ResizeImageMaskNode",
        "4": "BatchImagesNode",
        "5": "SaveImage",
        "6": "ControlNetLoader",
        "8": "PreviewImage",
        # inner node 1 clashes with the root's node 1: the editor renumbers it after the last id
        "7:9": "ResizeImageMaskNode",
    }


def _damage(value: Any, edits: list[tuple[int, Any]]) -> None:
    paths = _paths(value)
    for pick, junk in edits:
        *parents, last = paths[pick % len(paths)]
        with contextlib.suppress(TypeError, IndexError, KeyError):  # an earlier edit moved it
            target: Any = value
            for key in parents:
                target = target[key]
            target[last] = junk


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0), JUNK), max_size=3),
    st.lists(st.tuples(st.integers(0), JUNK), max_size=3),
    st.lists(st.tuples(st.integers(0, 7), st.lists(JUNK, max_size=6)), max_size=2),
)
def test_damaged_graphs_and_replacements_give_conversion_errors(
    graph_edits: list[tuple[int, Any]],
    replacement_edits: list[tuple[int, Any]],
    stored: list[tuple[int, list[Any]]],
) -> None:
    """The replacement path, and stored values of any shape (read by position or realigned
    when they do not fit), fail only with ``ConversionError``."""
    ui = _replaced_graph()
    replacements = copy.deepcopy(REPLACEMENTS)
    for index, values in stored:
        ui["nodes"][index]["widgets_values"] = values
    _damage(ui, graph_edits)
    _damage(replacements, replacement_edits)
    with contextlib.suppress(ConversionError):
        ui_to_api(ui, INFO_REPLACING, node_replacements=replacements)
