"""Converted UI workflows meet the server: each is answered exactly as its editor export is.

For every ``tests/data/ui/<name>.json``, the client converts it with the server's own node
definitions (``client.convert_ui``) and submits it without client-side validation; the
server's verdict (accepted, or rejected with the same nodes, types and inputs, e.g. for model
files this server does not have) must equal its verdict on ``<name>.api.json``, the editor's
export. Against the double, or a real ComfyUI when ``COMFYUI_URL`` is set.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client import PromptValidationError

UI = Path(__file__).parent / "data" / "ui"
#: The server the editor exports were made against (ComfyUI 0.3.64).
RECORDED = json.loads((Path(__file__).parent / "data" / "comfyui" / "object_info.json").read_text())
CASES = sorted(p.name.removesuffix(".api.json") for p in UI.glob("*.api.json"))


def verdict(client: Any, workflow: Any) -> Any:
    """What the server says: "ran", or the set of (node, type, input) it rejected."""
    try:
        prompt = client.submit_workflow(workflow, validate=False)
    except PromptValidationError as exc:
        return {(p.node_id, p.type, p.input_name) for p in exc.problems}
    result = prompt.future.result(timeout=120)
    return ("ran", result.status, sorted(result.outputs))


@pytest.mark.parametrize("name", CASES)
def test_server_treats_the_conversion_as_the_editor_export(client: Any, name: str) -> None:
    ui = json.loads((UI / f"{name}.json").read_text())
    expected = json.loads((UI / f"{name}.api.json").read_text())
    unknown = {n["class_type"] for n in expected.values()} - set(client.node_definitions())
    if unknown:  # the double knows only its CPU nodes; a real ComfyUI knows them all
        pytest.skip(f"the server has no {', '.join(sorted(unknown))}")
    definitions = client.node_definitions()
    for node in expected.values():  # an untitled node's title is its server's display name
        kind = node["class_type"]
        recorded = (RECORDED.get(kind) or {}).get("display_name") or kind
        if node.get("_meta", {}).get("title") == recorded:
            node["_meta"]["title"] = definitions[kind].get("display_name") or kind
    converted = client.convert_ui(ui)
    assert converted.to_dict() == expected
    assert verdict(client, converted) == verdict(client, expected)


def test_a_cpu_graph_converted_and_submitted_runs(client: Any) -> None:
    result = client.run(json.loads((UI / "cpu.json").read_text()), timeout=120)
    assert result.status == "success" and result.output_images
