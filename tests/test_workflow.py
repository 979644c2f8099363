"""``Workflow``: loading, addressing, templating, seeds, outputs, copies, image metadata."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from comfy_api_client import Workflow, WorkflowError
from comfy_api_client.workflows.metadata import read_image_metadata


def sample() -> dict[str, Any]:
    return {
        "3": {
            "class_type": "KSampler",
            "inputs": {"seed": 5, "steps": 20, "cfg": 8.0, "model": ["4", 0]},
            "_meta": {"title": "KSampler"},
        },
        "4": {
            "class_type": "CheckpointLoaderSimple",
            "inputs": {"ckpt_name": "a.safetensors"},
            "_meta": {"title": "Load Checkpoint"},
        },
        "6": {
            "class_type": "CLIPTextEncode",
            "inputs": {"text": "a photo of {{subject}}, {{ style }}", "clip": ["4", 1]},
            "_meta": {"title": "Positive Prompt"},
        },
        "7": {
            "class_type": "CLIPTextEncode",
            "inputs": {"text": "blurry", "clip": ["4", 1]},
            "_meta": {"title": "Negative Prompt"},
        },
        "9": {
            "class_type": "SaveImage",
            "inputs": {"filename_prefix": "{{prefix}}", "images": ["8", 0]},
            "_meta": {"title": "Save Image"},
        },
        "10": {
            "class_type": "SaveImage",
            "inputs": {"filename_prefix": "second", "images": ["8", 0]},
            "_meta": {"title": "Save Image"},
        },
    }


def test_address_by_id_title_and_unique_class() -> None:
    wf = Workflow(sample())
    assert wf.get("3.seed") == 5
    assert wf.get("KSampler.steps") == 20  # class type (unique) and title
    assert wf.get("Positive Prompt.text").startswith("a photo")
    assert wf.get("Load Checkpoint.ckpt_name") == "a.safetensors"
    assert wf.node_id("CheckpointLoaderSimple") == "4"
    assert "Negative Prompt" in wf and "Nothing" not in wf


def test_ambiguity_lists_the_candidates() -> None:
    wf = Workflow(sample())
    with pytest.raises(WorkflowError) as err:
        wf.get("CLIPTextEncode.text")
    message = str(err.value)
    assert "ambiguous" in message and "6 (CLIPTextEncode, 'Positive Prompt')" in message
    assert "7 (CLIPTextEncode, 'Negative Prompt')" in message
    with pytest.raises(WorkflowError, match="2 nodes have that title"):
        wf.get("Save Image.filename_prefix")


def test_unknown_node_and_input_are_clear_errors() -> None:
    wf = Workflow(sample())
    with pytest.raises(WorkflowError, match=r"no node 'Sampler'.*3 \(KSampler\)"):
        wf.get("Sampler.seed")
    with pytest.raises(WorkflowError, match=r"has no input 'sed'.*seed, steps"):
        wf.set("KSampler.sed", 1)
    with pytest.raises(WorkflowError, match=r"not 'NODE\.input'"):
        wf.get("seed")
    wf.set("KSampler.denoise", 0.5, create=True)
    assert wf.get("3.denoise") == 0.5


def test_set_update_and_titles_with_dots() -> None:
    data = sample()
    data["7"]["_meta"]["title"] = "Neg. prompt v1.2"
    wf = Workflow(data)
    wf.set("KSampler.seed", 42).update({"Positive Prompt.text": "x", "3.steps": 4})
    assert wf.get("Neg. prompt v1.2.text") == "blurry"
    assert (wf.get("3.seed"), wf.get("6.text"), wf.get("KSampler.steps")) == (42, "x", 4)
    before = wf.to_dict()
    with pytest.raises(WorkflowError):
        wf.update({"3.steps": 9, "Nope.text": "y"})
    assert wf.to_dict() == before  # all or nothing


def test_fill_placeholders_keeps_the_type_of_whole_values() -> None:
    wf = Workflow(sample())
    wf.set("3.steps", "{{steps}}")
    assert wf.placeholders() == {"subject", "style", "prefix", "steps"}
    wf.fill({"subject": "a cat", "style": "oil"}, prefix="cats", steps=12)
    assert wf.get("6.text") == "a photo of a cat, oil"
    assert wf.get("9.filename_prefix") == "cats"
    assert wf.get("3.steps") == 12
    assert wf.placeholders() == set()
    with pytest.raises(WorkflowError, match="no placeholder named subjekt"):
        Workflow(sample()).fill(subjekt="typo")


def test_randomize_seeds_leaves_links_alone() -> None:
    data = sample()
    data["11"] = {"class_type": "KSampler", "inputs": {"seed": ["12", 0], "noise_seed": 1}}
    wf = Workflow(data)
    wf.randomize_seeds(seed=77)
    assert wf.get("3.seed") == 77 and wf.get("11.noise_seed") == 77
    assert wf.get("11.seed") == ["12", 0]
    seeds = {Workflow(sample()).randomize_seeds().get("3.seed") for _ in range(5)}
    assert len(seeds) > 1


def test_copy_and_to_dict_never_touch_the_original() -> None:
    data = sample()
    wf = Workflow(data)
    clone = wf.copy().set("3.seed", 1)
    assert wf.get("3.seed") == 5 and clone.get("3.seed") == 1
    out = wf.to_dict()
    out["3"]["inputs"]["seed"] = 99
    assert wf.get("3.seed") == 5
    wf.set("3.seed", 6)
    assert data["3"]["inputs"]["seed"] == 5  # the dict it was built from


def test_select_outputs() -> None:
    wf = Workflow(sample()).select_outputs("9")
    assert wf.partial_execution_targets == ["9"]
    assert wf.copy().partial_execution_targets == ["9"]
    assert wf.select_outputs().partial_execution_targets is None


def test_load_save_round_trip(tmp_path: Path) -> None:
    path = Workflow(sample()).set("3.seed", 8).save(tmp_path / "wf.json")
    loaded = Workflow.load(path)
    assert loaded.get("3.seed") == 8
    assert Workflow.load(str(path)) == loaded
    assert Workflow.load(json.loads(path.read_text())) == loaded
    assert Workflow.load(path.read_bytes()) == loaded
    assert Workflow.load(loaded) == loaded and Workflow.load(loaded) is not loaded


def test_load_a_post_prompt_body() -> None:
    body = {"prompt": sample(), "client_id": "x", "partial_execution_targets": ["9"]}
    wf = Workflow.load(body)
    assert wf.get("3.seed") == 5 and wf.partial_execution_targets == ["9"]


def test_ui_format_is_held_until_converted() -> None:
    ui = {"nodes": [{"id": 1, "type": "EmptyImage"}], "links": [], "version": 0.4}
    wf = Workflow.load(ui)
    assert wf.is_ui and "UI format" in repr(wf)
    with pytest.raises(WorkflowError, match="UI format"):
        wf.get("1.width")


def test_bad_sources_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(WorkflowError, match="cannot read"):
        Workflow.load(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(WorkflowError, match="not valid JSON"):
        Workflow.load(tmp_path / "bad.json")
    with pytest.raises(WorkflowError, match="neither JSON nor a PNG"):
        Workflow.load(b"GIF89a....")
    with pytest.raises(WorkflowError, match="not an API-format node"):
        Workflow({"1": {"inputs": {}}})


def png_with(texts: dict[str, str], itxt: bool = False) -> bytes:
    info = PngInfo()
    for key, value in texts.items():
        if itxt:
            info.add_itxt(key, value, zip=True)
        else:
            info.add_text(key, value)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


@pytest.mark.parametrize("itxt", [False, True])
def test_load_from_a_comfyui_png(tmp_path: Path, itxt: bool) -> None:
    ui = {"nodes": [], "links": [], "version": 0.4, "extra": {}}
    data = png_with({"prompt": json.dumps(sample()), "workflow": json.dumps(ui)}, itxt)
    wf = Workflow.load(data)
    assert wf.get("KSampler.seed") == 5 and wf.ui == ui
    (tmp_path / "out.png").write_bytes(data)
    assert Workflow.load(tmp_path / "out.png") == wf


def test_a_png_with_only_the_ui_workflow() -> None:
    ui = {"nodes": [{"id": 1, "type": "EmptyImage"}], "links": []}
    assert Workflow.load(png_with({"workflow": json.dumps(ui)})).is_ui
    with pytest.raises(WorkflowError, match="no ComfyUI workflow"):
        Workflow.load(png_with({"Software": "x"}))


def test_load_from_a_comfyui_webp() -> None:
    """ComfyUI's animated WebP: EXIF 0x0110 "prompt:<json>", 0x010F "workflow:<json>"."""
    image = Image.new("RGB", (4, 4))
    exif = image.getexif()
    exif[0x0110] = "prompt:" + json.dumps(sample())
    exif[0x010F] = "workflow:" + json.dumps({"nodes": [], "links": []})
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", exif=exif)
    texts = read_image_metadata(buffer.getvalue())
    assert texts is not None and set(texts) == {"prompt", "workflow"}
    assert Workflow.load(buffer.getvalue()).get("3.steps") == 20


def test_damaged_png_keeps_what_can_be_read() -> None:
    data = png_with({"prompt": json.dumps(sample())})
    assert read_image_metadata(data[:-30]) == {"prompt": json.dumps(sample())}
    assert read_image_metadata(b"not an image") is None
