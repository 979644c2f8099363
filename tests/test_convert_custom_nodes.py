"""The three 0.1.50 templates that need custom nodes convert with those nodes' real definitions.

``comfyui-workflow-templates-json`` 0.1.50 has three templates using node types ComfyUI 0.33.0
lacks (``AILab_QwenVL`` and ``ImageRemoveAlpha+``, ``GetImageSizeAndCount``). Their
definitions were recorded from a real 0.33.0 with the packs installed
(``data/comfyui/0.33.0/custom-nodes/``, see its README); merged into 0.33.0's own, the three
templates convert exactly as that server's editor exports them, and without them the
converter refuses each, naming the node.
"""

from __future__ import annotations

import gzip
import importlib.resources
import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client.convert import ui_to_api
from comfy_api_client.errors import ConversionError

pytest.importorskip("comfyui_workflow_templates_json")

DATA = Path(__file__).parent / "data" / "comfyui" / "0.33.0"
CUSTOM = DATA / "custom-nodes"

#: Each template and the node types (and the node id first refused) it needs beyond 0.33.0.
TEMPLATES = {
    "templates_rob_realistic_2k_images_quick_variations.app.json": (
        {"AILab_QwenVL", "ImageRemoveAlpha+"},
        "126:96",
    ),
    "template_rob_realistic_2k_images_quick_variations.json": (
        {"AILab_QwenVL", "ImageRemoveAlpha+"},
        "126:96",
    ),
    "templates_mjm_looped_restyler.json": ({"GetImageSizeAndCount"}, "89:87"),
}


def _load(path: Path) -> Any:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as stream:
        return json.load(stream)


@pytest.fixture(scope="module")
def server() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """0.33.0's definitions, its node replacements, and the recorded custom definitions."""
    return (
        _load(DATA / "object_info.json.gz"),
        _load(DATA / "node_replacements.json"),
        _load(CUSTOM / "object_info.json"),
    )


def _template(name: str) -> dict[str, Any]:
    root = importlib.resources.files("comfyui_workflow_templates_json") / "templates"
    return json.loads((root / name).read_text(encoding="utf-8"))


def test_the_recorded_definitions_are_exactly_the_missing_ones(server: Any) -> None:
    info, _, custom = server
    needed = set().union(*(types for types, _ in TEMPLATES.values()))
    assert set(custom) == needed
    assert not needed & set(info)
    for name, definition in custom.items():
        assert definition["name"] == name
        assert definition["python_module"].startswith("custom_nodes.")


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_refused_without_the_custom_definitions(server: Any, template: str) -> None:
    info, replacements, _ = server
    types, node_id = TEMPLATES[template]
    with pytest.raises(ConversionError, match="does not know node type") as caught:
        ui_to_api(_template(template), info, node_replacements=replacements)
    assert caught.value.node_id == node_id
    assert any(f"'{name}'" in str(caught.value) for name in types)


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_each_custom_definition_is_needed(server: Any, template: str) -> None:
    info, replacements, custom = server
    for name in TEMPLATES[template][0]:
        partial = {**info, **{k: v for k, v in custom.items() if k != name}}
        with pytest.raises(ConversionError, match=re.escape(f"does not know node type '{name}'")):
            ui_to_api(_template(template), partial, node_replacements=replacements)


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_converts_as_the_editor_exports_it(
    server: Any, template: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Node ids, class types, inputs, values, links and titles: all exactly the editor's."""
    info, replacements, custom = server
    with caplog.at_level(logging.WARNING):
        prompt = ui_to_api(_template(template), {**info, **custom}, node_replacements=replacements)
    assert not caplog.records  # nothing realigned or guessed
    types = {entry["class_type"] for entry in prompt.values()}
    assert types - set(info) == TEMPLATES[template][0]
    editor = _load(CUSTOM / "editor-exports.json")[template]
    assert json.loads(json.dumps(prompt)) == editor


@pytest.mark.parametrize(
    ("template", "seed"),
    [
        ("templates_rob_realistic_2k_images_quick_variations.app.json", 1942291147),
        ("template_rob_realistic_2k_images_quick_variations.json", 2981982610),
    ],
)
def test_qwenvl_widget_values_land_on_their_inputs(server: Any, template: str, seed: int) -> None:
    """Saved as [model, quantization, attention, preset, custom prompt, max tokens, keep
    loaded, seed, control_after_generate]; the control value is the editor's, not sent."""
    info, replacements, custom = server
    prompt = ui_to_api(_template(template), {**info, **custom}, node_replacements=replacements)
    assert prompt["126:96"]["class_type"] == "AILab_QwenVL"
    assert prompt["126:96"]["inputs"] == {
        "model_name": "Qwen3-VL-4B-Instruct",
        "quantization": "None (FP16)",
        "attention_mode": "auto",
        "preset_prompt": "🖼️ Detailed Description",
        "custom_prompt": "",
        "max_tokens": 256,
        "keep_model_loaded": True,
        "seed": seed,
        "image": ["77", 0],
    }


def test_the_export_without_the_packs_differs_only_at_their_nodes() -> None:
    """The editor's export of these templates recorded without the packs
    (``editor/exports-0.1.50.json.gz``) has the same nodes; only the custom ones differ
    (no class there)."""
    without = _load(DATA / "editor" / "exports-0.1.50.json.gz")["exports"]
    for template, (types, _) in TEMPLATES.items():
        editor = _load(CUSTOM / "editor-exports.json")[template]
        assert set(without[template]) == set(editor)
        differ = {k for k in editor if without[template][k] != editor[k]}
        assert {editor[k]["class_type"] for k in differ} == types
        assert all(without[template][k]["class_type"] is None for k in differ)
