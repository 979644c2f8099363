"""Every official workflow template converts to a prompt the server would accept structurally.

The templates that ComfyUI 0.33.0 ships (``comfyui-workflow-templates-json`` 0.1.50) are
converted offline with that server's ``/object_info`` and ``/node_replacements``; those of
0.3.64 (``comfyui-workflow-templates`` 0.1.95) with its ``/object_info``. Each prompt is then
checked with the client's own validation. Missing model or input files (a combo value that
names a file the recorded server did not have) and node types the server does not know are
expected and only counted; anything else is a structural problem and fails the test.

The 0.1.50 prompts are also compared, template by template, with what the real editor's
"Export (API)" gave for each (``data/comfyui/0.33.0/editor/``): ids, class types, inputs,
values, links and titles must be the same.
"""

from __future__ import annotations

import copy
import gzip
import importlib.resources
import json
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client.convert import ui_to_api
from comfy_api_client.errors import ConversionError
from comfy_api_client.workflows.validation import validate_workflow

DATA = Path(__file__).parent / "data" / "comfyui"


@dataclass(frozen=True)
class TemplateSet:
    package: str
    object_info: Path
    replacements: Path | None


SETS = {
    "0.1.50": TemplateSet(
        "comfyui_workflow_templates_json",
        DATA / "0.33.0" / "object_info.json.gz",
        DATA / "0.33.0" / "node_replacements.json",
    ),
    "0.1.95": TemplateSet("comfyui_workflow_templates", DATA / "object_info.json", None),
}


def _load(path: Path) -> Any:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as stream:
        return json.load(stream)


def _templates(package: str) -> list[tuple[str, dict[str, Any]]]:
    root = importlib.resources.files(package) / "templates"
    found = []
    for entry in root.iterdir():
        name = entry.name
        if not name.endswith(".json") or name.startswith("index"):
            continue
        ui = json.loads(entry.read_text(encoding="utf-8"))
        if isinstance(ui, dict) and isinstance(ui.get("nodes"), list):
            found.append((name.removesuffix(".json"), ui))
    return sorted(found, key=lambda item: item[0])


def _names_a_file(value: Any) -> bool:
    return isinstance(value, str) and "." in value.rsplit("/", 1)[-1][1:]


def classify(body: dict[str, Any] | None) -> tuple[str, list[str]]:
    """``clean``, ``files``, ``unknown`` or ``structural``, and the structural problems."""
    if body is None:
        return "clean", []
    kinds: set[str] = set()
    problems: list[str] = []
    for node_id, entry in (body.get("node_errors") or {}).items():
        for error in entry["errors"]:
            received = error.get("extra_info", {}).get("received_value")
            if error["type"] == "invalid_prompt":
                kinds.add("unknown")
            elif error["type"] == "value_not_in_list" and _names_a_file(received):
                kinds.add("files")
            else:
                problems.append(
                    f"{node_id} {entry['class_type']}: {error['type']} {error['details']}"
                )
    if not body.get("node_errors"):
        problems.append(body["error"]["type"])
    if problems:
        return "structural", problems
    return ("unknown" if "unknown" in kinds else "files"), []


def run_set(name: str) -> tuple[Counter[str], dict[str, list[str]]]:
    """Convert and validate every template of one set: counts, and problems by template."""
    spec = SETS[name]
    info = _load(spec.object_info)
    replacements = _load(spec.replacements) if spec.replacements else None
    counts: Counter[str] = Counter()
    problems: dict[str, list[str]] = {}
    for template, ui in _templates(spec.package):
        counts["templates"] += 1
        try:
            prompt = ui_to_api(ui, info, node_replacements=replacements)
        except ConversionError as error:
            if "does not know node type" in str(error):
                counts["unknown nodes"] += 1
            else:
                counts["structural"] += 1
                problems[template] = [str(error)]
            continue
        counts["converted"] += 1
        kind, found = classify(validate_workflow(prompt, info))
        counts[{"files": "missing files only", "unknown": "unknown nodes"}.get(kind, kind)] += 1
        if found:
            problems[template] = found
    return counts, problems


COLUMNS = ("templates", "converted", "clean", "missing files only", "unknown nodes", "structural")


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_template_converts_without_structural_problems(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip(SETS[name].package)
    counts, problems = run_set(name)
    with capsys.disabled():
        print(f"\n{'set':8} " + " ".join(f"{c:>18}" for c in COLUMNS))
        print(f"{name:8} " + " ".join(f"{counts[c]:>18}" for c in COLUMNS))
    assert counts["templates"] > 100
    assert not problems, json.dumps(problems, indent=1)[:4000]


def test_templates_saved_against_other_versions_of_their_nodes_are_realigned(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Three 0.1.95 templates were saved with widgets 0.3.64's nodes no longer have (or before
    ones they gained): their values are matched to the widgets by what each accepts."""
    spec = SETS["0.1.95"]
    pytest.importorskip(spec.package)
    templates = dict(_templates(spec.package))
    info = _load(spec.object_info)
    with caplog.at_level(logging.WARNING, logger="comfy_api_client.workflows.convert"):
        rodin = ui_to_api(templates["api_rodin_gen2"], info)["67"]["inputs"]
        motion = ui_to_api(templates["api_moonvalley_video_to_video_motion_transfer"], info)
    # Saved as [Seed, Material_Type, Polygon_count, TAPose]; 0.3.64 puts TAPose first.
    assert {k: v for k, v in rodin.items() if k != "Images"} == {
        "TAPose": False,
        "Seed": 0,
        "Material_Type": "PBR",
        "Polygon_count": "500K-Triangle",
    }
    # Saved before 'steps' existed, with a control value after the seed.
    inputs = motion["38"]["inputs"]
    assert (inputs["seed"], inputs["steps"]) == (3711400033, 33)
    assert (inputs["control_type"], inputs["motion_intensity"]) == ("Motion Transfer", 100)
    assert [r.levelno for r in caplog.records] == [logging.WARNING, logging.WARNING]


def test_host_values_of_widgets_promoted_from_inner_nodes() -> None:
    """Real shapes of ``properties.proxyWidgets`` entries naming inner nodes (0.1.50): a
    widget no subgraph input feeds, and one promoted from a nested subgraph."""
    spec = SETS["0.1.50"]
    pytest.importorskip(spec.package)
    templates = dict(_templates(spec.package))
    info, replacements = _load(spec.object_info), _load(spec.replacements)
    ui = copy.deepcopy(templates["basic_image_color_adjustment"])
    host = next(n for n in ui["nodes"] if n["id"] == 147)
    assert host["properties"]["proxyWidgets"][:2] == [["34", "value"], ["35", "value"]]
    before = ui_to_api(ui, info, node_replacements=replacements)
    host["widgets_values"] = [None, 0.5]
    after = ui_to_api(ui, info, node_replacements=replacements)
    assert after["147:34"] == before["147:34"]
    assert after["147:35"]["inputs"]["value"] == 0.5
    ui = copy.deepcopy(templates["3d_triposplat_image_to_gaussian_splat"])
    host = next(n for n in ui["nodes"] if n["id"] == 88)
    assert host["properties"]["proxyWidgets"][7] == ["85", "bg_removal_name"]
    host["widgets_values"] = [None] * 7 + ["other.safetensors"]
    prompt = ui_to_api(ui, info, node_replacements=replacements)
    assert prompt["88:85:82"]["inputs"]["bg_removal_name"] == "other.safetensors"


# -- the editor's own "Export (API)" of every 0.1.50 template --------------------------------

EXPORTS = DATA / "0.33.0" / "editor" / "exports-0.1.50.json.gz"
#: The editor titles an untitled node with its own bundled English name of the node type
#: (frontend 1.49.6), which for these types differs from the server's ``display_name``; the
#: converter uses the server's. Titles are not sent to the nodes; everything else is exact.
EDITOR_NAMES = {
    "LTXVSeparateAVLatent": "LTXVSeparateAVLatent",
    "LTXVConcatAVLatent": "LTXVConcatAVLatent",
    "ByteDanceSeedreamNodeV2": "ByteDance Seedream 4.5 & 5.0",
    "ByteDance2ReferenceNode": "ByteDance Seedance 2.5 Reference to Video",
    "TopazImageEnhance": "Topaz Image Enhance",
    "IdeogramPImage": "Ideogram P-Image",
}

#: The one difference left, an editor defect rather than a rule: a PrimitiveNode inside a
#: subgraph feeds GeminiImage2Node 130's ``aspect_ratio`` and GeminiNanoBanana2V2 157's dotted
#: ``model.aspect_ratio``; the editor exports for the latter the value of node 130's widget
#: ``model`` (the dotted name cut at its dot), whatever the primitive holds. Checked on the
#: live editor: changing 130's ``model`` changes 157's export; with the links in the other
#: order the primitive's value lands in 130's ``model``. The converter sends the primitive's
#: value to both, as the user set it.
KNOWN_DIFFERENCES = {
    "templates_graphic_design_recomposer": [
        '143:157 GeminiNanoBanana2V2.model.aspect_ratio: "16:9" '
        '!= editor "gemini-3-pro-image-preview"'
    ],
}


def _capture_shape(value: Any) -> Any:
    """A ``Load3D`` viewport capture by its keys and the kind of each value (its file names
    carry a time stamp and its camera comes from the live viewport)."""
    if not isinstance(value, dict):
        return value
    return {key: type(item).__name__ for key, item in value.items()}


def _comparable(prompt: dict[str, Any], info: dict[str, Any], names: Counter[str]) -> Any:
    """``prompt`` as compared: the capture by its shape, titles the editor names itself."""
    result = json.loads(json.dumps(prompt))
    for entry in result.values():
        if entry.get("class_type") == "Load3D" and "image" in entry["inputs"]:
            entry["inputs"]["image"] = _capture_shape(entry["inputs"]["image"])
        class_type = entry.get("class_type")
        display = (info.get(class_type) or {}).get("display_name")
        if class_type in EDITOR_NAMES and entry["_meta"]["title"] == display:
            entry["_meta"]["title"] = EDITOR_NAMES[class_type]
            names[class_type] += 1
    return result


def describe_differences(ours: dict[str, Any], editor: dict[str, Any]) -> list[str]:
    """One line per node or input that differs, naming the node id."""
    lines = []
    for node_id in sorted(set(ours) | set(editor)):
        mine, theirs = ours.get(node_id), editor.get(node_id)
        if mine is None or theirs is None:
            side, entry = ("editor", theirs) if mine is None else ("converter", mine)
            lines.append(f"{node_id} {(entry or {}).get('class_type')}: only in the {side}'s")
            continue
        for key in ("class_type", "_meta"):
            if mine.get(key) != theirs.get(key):
                lines.append(f"{node_id} {key}: {mine.get(key)!r} != editor {theirs.get(key)!r}")
        for name in sorted(set(mine["inputs"]) | set(theirs["inputs"])):
            a = mine["inputs"].get(name, "<absent>")
            b = theirs["inputs"].get(name, "<absent>")
            if a != b:
                lines.append(
                    f"{node_id} {mine['class_type']}.{name}: {json.dumps(a)[:120]} "
                    f"!= editor {json.dumps(b)[:120]}"
                )
    return lines


def compare_with_editor() -> tuple[Counter[str], dict[str, list[str]], Counter[str]]:
    """Counts (identical, refused), the differences by template, and the editor names used."""
    spec = SETS["0.1.50"]
    assert spec.replacements is not None
    info, replacements = _load(spec.object_info), _load(spec.replacements)
    exports = _load(EXPORTS)["exports"]
    templates = dict(_templates(spec.package))
    assert len(exports) == len(templates) == 506
    counts, differences, names = Counter[str](), {}, Counter[str]()
    for template, ui in sorted(templates.items()):
        editor = exports[f"{template}.json"]
        unknown = [k for k, v in editor.items() if v.get("class_type") is None]
        try:
            prompt = ui_to_api(ui, info, node_replacements=replacements)
        except ConversionError as error:
            # The editor exports a node the server lacks blindly (class_type null); the
            # converter refuses it, naming the same node.
            if error.node_id in unknown and "does not know node type" in str(error):
                counts["refused"] += 1
            else:
                differences[template] = [f"refused: {error}"]
            continue
        if unknown:
            differences[template] = [f"converted, but the editor has unknown nodes {unknown}"]
            continue
        lines = describe_differences(
            _comparable(prompt, info, names), _comparable(editor, info, Counter())
        )
        if lines:
            differences[template] = lines
        else:
            counts["identical"] += 1
    return counts, differences, names


def test_every_template_converts_as_the_editor_exports_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Node ids, class types, inputs, values, links and titles, exactly as the real editor's
    "Export (API)" gives them (frontend 1.49.6 on ComfyUI 0.33.0); templates with nodes the
    server lacks are refused naming the node the editor exported with no class."""
    pytest.importorskip(SETS["0.1.50"].package)
    counts, differences, names = compare_with_editor()
    with capsys.disabled():
        print(
            f"\n0.1.50: {counts['identical']} of 506 identical to the editor's export, "
            f"{counts['refused']} refused (nodes the server lacks), {len(differences)} differ"
        )
    report = "\n".join(
        f"{template}:\n  " + "\n  ".join(lines[:12]) for template, lines in differences.items()
    )
    assert differences == KNOWN_DIFFERENCES, f"{len(differences)} differ:\n{report[:6000]}"
    assert set(names) == set(EDITOR_NAMES)  # every editor name is still needed


# -- the older corpus against its own, older editor -------------------------------------------

EXPORTS_0_3_64 = DATA / "editor-exports-0.1.95-0.3.64.json.gz"
#: Widgets the 0.3.64 editor (frontend 1.27.10) adds and exports, today's editor no longer.
OLDER_EDITOR_WIDGETS = {"audioUI": "", "preview": "", "refresh": "refresh", "audio": ""}
#: Templates whose stored values the converter realigns (see the test above).
REALIGNED = {
    "api_rodin_gen2",
    "api_moonvalley_video_to_video_motion_transfer",
    "api_moonvalley_video_to_video_pose_control",
}


def test_the_older_corpus_against_its_own_editor() -> None:
    """0.1.95 against the export of 0.3.64's editor (frontend 1.27.10), recorded on a live
    0.3.64 whose audio nodes the recorded object_info lacks (those templates are refused and
    skipped). The converter follows today's editor, so the only differences allowed are the
    older editor's own widgets, its titles and the realigned templates."""
    spec = SETS["0.1.95"]
    pytest.importorskip(spec.package)
    info = _load(spec.object_info)
    exports = _load(EXPORTS_0_3_64)["exports"]
    counts, unexpected = Counter[str](), {}
    for template, ui in _templates(spec.package):
        editor = exports[f"{template}.json"]
        try:
            prompt = ui_to_api(ui, info)
        except ConversionError as error:
            # Either the editor exported it with no class (no server has it), or the live
            # server had a node the recorded one lacks.
            lacking = editor[str(error.node_id)]["class_type"]
            assert lacking not in info, str(error)
            counts["refused: custom node" if lacking is None else "refused: audio node"] += 1
            continue
        lines = [
            line
            for line in describe_differences(_comparable(prompt, info, Counter()), editor)
            if " _meta: " not in line
        ]
        older_widgets = [
            line
            for line in lines
            if any(
                line.endswith(f'.{n}: "<absent>" != editor {json.dumps(v)}')
                for n, v in OLDER_EDITOR_WIDGETS.items()
            )
        ]
        if not lines:
            counts["identical but for titles"] += 1
        elif template in REALIGNED:
            counts["realigned"] += 1
        elif lines == older_widgets:
            counts["the older editor's widgets"] += 1
        else:
            unexpected[template] = lines
    assert counts == {
        "identical but for titles": 153,
        "the older editor's widgets": 4,
        "realigned": 3,
        "refused: audio node": 11,
        "refused: custom node": 1,
    }, (counts, unexpected)
    assert not unexpected
