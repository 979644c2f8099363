"""Node classes as ``/object_info`` describes them, found and told for an agent."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .models import NodeDescription, NodeInput, NodeOutput, NodeSummary

#: How many choices of a combo input are listed (the rest are counted).
MAX_CHOICES = 200


def summary(name: str, body: Mapping[str, Any]) -> NodeSummary:
    return NodeSummary(
        name=name,
        display_name=str(body.get("display_name") or name),
        category=str(body.get("category") or ""),
        description=str(body.get("description") or "")[:300],
    )


def search(info: Mapping[str, Any], query: str, category: str | None) -> list[NodeSummary]:
    """Classes whose name, display name, category, description or aliases hold every word of
    ``query`` (case-insensitive), best first: name matches before description matches."""
    words = query.lower().split()
    found: list[tuple[int, str, NodeSummary]] = []
    for name, body in info.items():
        if not isinstance(body, Mapping):
            continue
        node = summary(name, body)
        if category and not node.category.lower().startswith(category.lower()):
            continue
        title = f"{name} {node.display_name}".lower()
        aliases = " ".join(str(a) for a in body.get("search_aliases") or [])
        text = f"{title} {node.category} {node.description} {aliases}".lower()
        if all(w in text for w in words):
            rank = 0 if all(w in title for w in words) else 1
            found.append((rank, name.lower(), node))
    return [node for _rank, _name, node in sorted(found, key=lambda f: (f[0], f[1]))]


def describe(name: str, body: Mapping[str, Any]) -> NodeDescription:
    inputs: list[NodeInput] = []
    declared = body.get("input")
    declared = declared if isinstance(declared, Mapping) else {}
    for section in ("required", "optional"):
        entries = declared.get(section) or {}
        if not isinstance(entries, Mapping):
            continue
        for input_name, spec in entries.items():
            inputs.append(_input(str(input_name), spec, section == "required"))
    types = body.get("output") or []
    names = body.get("output_name") or []
    outputs = [
        NodeOutput(name=str(names[i]) if i < len(names) else str(t), type=str(t))
        for i, t in enumerate(types if isinstance(types, list) else [])
    ]
    node = summary(name, body)
    return NodeDescription(
        name=name,
        display_name=node.display_name,
        category=node.category,
        description=str(body.get("description") or ""),
        output_node=bool(body.get("output_node")),
        inputs=inputs,
        outputs=outputs,
    )


def _input(name: str, spec: Any, required: bool) -> NodeInput:
    """``[type, options]``; the type is a list of choices (old combos) or ``"COMBO"`` with
    ``options["options"]`` (ComfyUI 0.3.x and later)."""
    spec = spec if isinstance(spec, list) and spec else [spec]
    kind, options = spec[0], spec[1] if len(spec) > 1 and isinstance(spec[1], Mapping) else {}
    choices: list[Any] | None = None
    if isinstance(kind, list):
        choices, kind = kind, "COMBO"
    elif kind == "COMBO" and isinstance(options.get("options"), list):
        choices = options["options"]
    if choices is not None and len(choices) > MAX_CHOICES:
        choices = [*choices[:MAX_CHOICES], f"... and {len(choices) - MAX_CHOICES} more"]
    return NodeInput(
        name=name,
        required=required,
        type=str(kind),
        choices=choices,
        default=options.get("default"),
        min=_number(options.get("min")),
        max=_number(options.get("max")),
        tooltip=options.get("tooltip") if isinstance(options.get("tooltip"), str) else None,
    )


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
