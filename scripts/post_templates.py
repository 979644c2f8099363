"""Convert every official workflow template with a live ComfyUI and post it there.

    python scripts/post_templates.py --server http://127.0.0.1:8188 [--package NAME] [--show N]

Each template of the installed package (default ``comfyui_workflow_templates_json``; the 0.3.64
set is ``comfyui_workflow_templates``) is converted with the server's own node definitions and
node replacements (``client.convert_ui``) and posted without client-side validation, so the
server judges it. A prompt the server accepts is cancelled at once (it never runs to the end).
Prints how many were accepted outright (partial acceptance counts as a rejection), rejected only for missing model or input files, for
node types the server does not have, or for anything else (structural: a converter bug).
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from comfy_api_client import ConversionError, PromptValidationError, create_client

#: Error types a server gives for node types it does not have (0.3.64, then 0.33).
UNKNOWN_NODE_TYPES = {"invalid_prompt", "missing_node_type"}


def templates(package: str) -> list[tuple[str, dict[str, Any]]]:
    root = importlib.resources.files(package) / "templates"
    found = []
    for entry in root.iterdir():
        if entry.name.endswith(".json") and not entry.name.startswith("index"):
            ui = json.loads(entry.read_text(encoding="utf-8"))
            if isinstance(ui, dict) and isinstance(ui.get("nodes"), list):
                found.append((entry.name.removesuffix(".json"), ui))
    return sorted(found, key=lambda item: item[0])


def names_a_file(value: object) -> bool:
    return isinstance(value, str) and "." in value.rsplit("/", 1)[-1][1:]


def judge(error: PromptValidationError) -> tuple[str, list[str]]:
    """``files``, ``unknown`` or ``structural`` for a rejection, with the structural problems."""
    kinds: set[str] = set()
    problems = []
    top = error.error if isinstance(error.error, dict) else {}
    if top.get("type") in UNKNOWN_NODE_TYPES:
        return "unknown", []
    for node_id, entry in (error.node_errors or {}).items():
        for item in entry.get("errors", []):
            received = (item.get("extra_info") or {}).get("received_value")
            if item.get("type") in UNKNOWN_NODE_TYPES:
                kinds.add("unknown")
            elif item.get("type") == "value_not_in_list" and names_a_file(received):
                kinds.add("files")
            elif item.get("type") == "custom_validation_failed" and re.search(
                r"Invalid [\w ]+ file: ", str(item.get("details"))
            ):
                kinds.add("files")  # LoadImage, LoadVideo, LoadAudio: an input file it lacks
            else:
                problems.append(
                    f"{node_id} {entry.get('class_type')}: {item.get('type')} {item.get('details')}"
                )
    if not error.node_errors:
        problems.append(f"{top.get('type')}: {top.get('message')}")
    if problems:
        return "structural", problems
    return ("unknown" if "unknown" in kinds else "files"), []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", required=True, help="the ComfyUI to post to")
    parser.add_argument("--package", default="comfyui_workflow_templates_json")
    parser.add_argument("--show", type=int, default=20, help="structural problems to print")
    args = parser.parse_args(argv)
    counts: Counter[str] = Counter()
    structural: dict[str, list[str]] = {}
    # strict: a prompt accepted without some of its outputs is cancelled and judged as rejected
    with create_client(args.server, validate=False, strict=True, http_timeout=60) as client:
        print(f"server {client.server_info().version}, package {args.package}")
        for name, ui in templates(args.package):
            counts["templates"] += 1
            try:
                workflow = client.convert_ui(ui)
            except ConversionError as exc:
                unknown = "does not know node type" in str(exc)
                counts["unknown nodes" if unknown else "structural"] += 1
                if not unknown:
                    structural[name] = [f"conversion: {exc}"]
                continue
            counts["converted"] += 1
            try:
                prompt = client.submit_workflow(workflow, return_future=False)
            except PromptValidationError as exc:
                kind, problems = judge(exc)
                counts[
                    {"files": "missing files only", "unknown": "unknown nodes"}.get(kind, kind)
                ] += 1
                if problems:
                    structural[name] = problems
                continue
            counts["accepted"] += 1
            client.cancel_prompt(prompt.prompt_id)
    order = [
        "templates",
        "converted",
        "accepted",
        "missing files only",
        "unknown nodes",
        "structural",
    ]
    print(" | ".join(f"{key}: {counts[key]}" for key in order))
    for name, problems in list(structural.items())[: args.show]:
        print(f"- {name}: " + "; ".join(problems[:3]))
    return 1 if structural else 0


if __name__ == "__main__":
    sys.exit(main())
