"""Damaged input never escapes as anything but a typed error: images, JSON and UI graphs."""

from __future__ import annotations

import contextlib
import copy
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
