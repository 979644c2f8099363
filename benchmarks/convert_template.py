"""How long the UI -> API conversion of the largest official template takes (a benchmark line).

    python benchmarks/convert_template.py [--runs 50]

Reads the templates of ``comfyui-workflow-templates-json`` (a test dependency) and the 0.33.0
``/object_info`` and ``/node_replacements`` recorded in ``tests/data``; prints the median and
best time of ``ui_to_api`` for the largest template (by node count, subgraphs included).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.resources
import json
import statistics
import time
from pathlib import Path
from typing import Any

from comfy_api_client.convert import ui_to_api

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "comfyui" / "0.33.0"


def _node_count(ui: dict[str, Any]) -> int:
    subgraphs = (ui.get("definitions") or {}).get("subgraphs") or []
    return len(ui.get("nodes") or []) + sum(len(s.get("nodes") or []) for s in subgraphs)


def largest_template() -> tuple[str, dict[str, Any]]:
    """The template with the most nodes, and its name."""
    root = importlib.resources.files("comfyui_workflow_templates_json") / "templates"
    best: tuple[int, str, dict[str, Any]] = (-1, "", {})
    for entry in root.iterdir():
        if not entry.name.endswith(".json") or entry.name.startswith("index"):
            continue
        ui = json.loads(entry.read_text(encoding="utf-8"))
        if isinstance(ui, dict) and isinstance(ui.get("nodes"), list):
            best = max(best, (_node_count(ui), entry.name, ui), key=lambda item: item[0])
    return best[1], best[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    with gzip.open(DATA / "object_info.json.gz", "rt", encoding="utf-8") as stream:
        info = json.load(stream)
    replacements = json.loads((DATA / "node_replacements.json").read_text(encoding="utf-8"))
    name, ui = largest_template()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        prompt = ui_to_api(ui, info, node_replacements=replacements)
        times.append(time.perf_counter() - start)
    print(
        f"convert largest template {name} ({_node_count(ui)} UI nodes -> {len(prompt)} prompt "
        f"nodes): median {statistics.median(times) * 1000:.1f} ms, best {min(times) * 1000:.1f} ms "
        f"over {args.runs} runs (target < 50 ms)"
    )


if __name__ == "__main__":
    main()
