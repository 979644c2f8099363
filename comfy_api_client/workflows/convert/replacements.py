"""Deprecated nodes swapped for their replacements, as the server's ``/node_replacements`` say.

The body maps an old node type to a list of replacements, each ``{"new_node_id",
"old_node_id", "old_widget_ids", "input_mapping", "output_mapping"}``. Like the editor, only
nodes whose type the server no longer knows are replaced (the server replaces the others
itself when the prompt is posted). A replacement's ``old_widget_ids`` name the old node's
stored widget values by position (when ``null``, the mapped old inputs that are widgets do,
in order); ``input_mapping`` entries carry an old input (link or widget
value) to a new name (``{"new_id", "old_id"}``) or set a value (``{"new_id", "set_value"}``);
``output_mapping`` moves the links of old output slots to new ones. A mapping left ``null``
keeps the inputs (or outputs) as they are.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Mapping
from typing import Any

from ...formats import as_mapping
from .jsvalues import as_int, as_list, as_mappings, id_key

logger = logging.getLogger(__name__)


def apply_replacements(
    ui: Mapping[str, Any], object_info: Mapping[str, Any], replacements: Mapping[str, Any]
) -> Mapping[str, Any]:
    """``ui`` with every node of a type the server lacks replaced (a copy if anything is)."""
    if not _needed(ui, object_info, replacements):
        return ui
    result = copy.deepcopy(dict(ui))
    _replace_in(result, object_info, replacements, "")
    definitions = as_mapping(result.get("definitions"))
    for subgraph in as_mappings(definitions.get("subgraphs")):
        if isinstance(subgraph, dict):
            _replace_in(subgraph, object_info, replacements, f"subgraph {subgraph.get('id')} ")
    return result


def _replacement(
    type_: object, object_info: Mapping[str, Any], replacements: Mapping[str, Any]
) -> Mapping[str, Any] | None:
    if not isinstance(type_, str) or type_ in object_info:
        return None
    for entry in as_mappings(replacements.get(type_)):
        if isinstance(object_info.get(str(entry.get("new_node_id"))), Mapping):
            return entry
    return None


def _needed(
    ui: Mapping[str, Any], object_info: Mapping[str, Any], replacements: Mapping[str, Any]
) -> bool:
    graphs = [ui, *as_mappings(as_mapping(ui.get("definitions")).get("subgraphs"))]
    return any(
        _replacement(node.get("type"), object_info, replacements) is not None
        for graph in graphs
        for node in as_mappings(graph.get("nodes"))
    )


def _replace_in(
    graph: dict[str, Any],
    object_info: Mapping[str, Any],
    replacements: Mapping[str, Any],
    where: str,
) -> None:
    for node in as_list(graph.get("nodes")):
        if not isinstance(node, dict):
            continue
        entry = _replacement(node.get("type"), object_info, replacements)
        if entry is None:
            continue
        new_type = str(entry["new_node_id"])
        logger.info(
            "%snode %s: %s replaced by %s (the server's /node_replacements)",
            where,
            node.get("id"),
            node.get("type"),
            new_type,
        )
        _map_inputs(node, entry)
        _map_outputs(graph, node, entry)
        node["type"] = new_type


def _map_inputs(node: dict[str, Any], entry: Mapping[str, Any]) -> None:
    mapping = entry.get("input_mapping")
    if not isinstance(mapping, list):
        return
    stored = node.get("widgets_values")
    old_inputs = {str(i.get("name")): i for i in as_mappings(node.get("inputs"))}
    names = [str(n) for n in as_list(entry.get("old_widget_ids"))]
    if entry.get("old_widget_ids") is None:  # not given: the mapped old inputs, in order,
        names = [  # less the plain sockets (which store no value)
            str(item["old_id"])
            for item in as_mappings(mapping)
            if "old_id" in item
            and not (
                str(item["old_id"]) in old_inputs
                and "widget" not in old_inputs[str(item["old_id"])]
            )
        ]
    if isinstance(stored, Mapping):
        old_values = dict(stored)
    else:
        old_values = dict(zip(names, as_list(stored), strict=False))
    values: dict[str, Any] = {}
    inputs: list[dict[str, Any]] = []
    for item in as_mappings(mapping):
        new_id = str(item.get("new_id"))
        if "set_value" in item:
            values[new_id] = item["set_value"]
            continue
        old_id = str(item.get("old_id"))
        if old_id in old_values:
            values[new_id] = old_values[old_id]
        saved = old_inputs.get(old_id)
        if saved is not None:
            moved = {**saved, "name": new_id}
            moved.pop("label", None)
            if "widget" in moved:
                moved["widget"] = {"name": new_id}
            inputs.append(moved)
    node["widgets_values"] = values
    node["inputs"] = inputs


def _map_outputs(graph: dict[str, Any], node: dict[str, Any], entry: Mapping[str, Any]) -> None:
    mapping = entry.get("output_mapping")
    if not isinstance(mapping, list):
        return
    moves = {as_int(m.get("old_idx")): as_int(m.get("new_idx")) for m in as_mappings(mapping)}
    node_id = id_key(node.get("id"))
    links = as_list(graph.get("links"))
    kept: list[Any] = []
    dropped: set[str | None] = set()
    for link in links:
        is_list = isinstance(link, list) and len(link) >= 5
        origin = id_key(link[1] if is_list else as_mapping(link).get("origin_id"))
        if origin != node_id or origin is None:
            kept.append(link)
            continue
        slot = as_int(link[2] if is_list else as_mapping(link).get("origin_slot"))
        new_slot = moves.get(slot)
        if new_slot is None:
            dropped.add(id_key(link[0] if is_list else as_mapping(link).get("id")))
            continue
        if is_list:
            link[2] = new_slot
        elif isinstance(link, dict):
            link["origin_slot"] = new_slot
        kept.append(link)
    graph["links"] = kept
    for other in as_list(graph.get("nodes")):
        for slot in as_list(as_mapping(other).get("inputs")):
            if isinstance(slot, dict) and id_key(slot.get("link")) in dropped:
                slot["link"] = None
