"""Every official workflow template converts to a prompt the server would accept structurally.

The templates that ComfyUI 0.33.0 ships (``comfyui-workflow-templates-json`` 0.1.50) are
converted offline with that server's ``/object_info`` and ``/node_replacements``; those of
0.3.64 (``comfyui-workflow-templates`` 0.1.95) with its ``/object_info``. Each prompt is then
checked with the client's own validation. Missing model or input files (a combo value that
names a file the recorded server did not have) and node types the server does not know are
expected and only counted; anything else is a structural problem and fails the test.
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
