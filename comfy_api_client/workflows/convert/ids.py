"""Node ids made unique across subgraph definitions, as the editor does when it loads a workflow.

The editor keeps one node id space for the root graph and every subgraph definition. On
load, before any subgraph is built, it walks the definitions in their saved order and gives
each inner node whose numeric id is already taken (by a root node, or by a node of an
earlier definition) the next free id after the graph's last node id, which then advances.
The renumbered ids are what the exported prompt names (``"<instance>:<new id>"``), so the
converter renumbers the same way: the definitions' links, their exposed ``widgets`` and
the ``proxyWidgets`` of instances follow the new ids.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from ...formats import as_mapping
from .jsvalues import as_int, as_list, as_mappings

_MAX_NODE_ID = 100_000_000


def _numeric(value: object) -> int | None:
    """A node id the editor counts (a JSON number; strings are left alone)."""
    return None if isinstance(value, str) else as_int(value)


def _last_node_id(ui: Mapping[str, Any]) -> int:
    state = as_mapping(ui.get("state"))
    for value in (state.get("lastNodeId"), ui.get("last_node_id")):
        number = _numeric(value)
        if number is not None:
            return number
    return 0


def unique_node_ids(ui: Mapping[str, Any]) -> Mapping[str, Any]:
    """``ui`` with inner node ids renumbered where the editor renumbers them (a copy if any)."""
    definitions = [
        d
        for d in as_list(as_mapping(ui.get("definitions")).get("subgraphs"))
        if isinstance(d, Mapping)
    ]
    used = {
        n for n in (_numeric(x.get("id")) for x in as_mappings(ui.get("nodes"))) if n is not None
    }
    last = _last_node_id(ui)
    # Per definition: (position of the node in its list, new id), and old id -> new id.
    plans: list[tuple[list[tuple[int, int]], dict[int, int]]] = []
    for definition in definitions:
        moves: list[tuple[int, int]] = []
        remap: dict[int, int] = {}
        for position, node in enumerate(as_mappings(definition.get("nodes"))):
            number = _numeric(node.get("id"))
            if number is None:
                continue
            if number in used:
                last += 1
                while last in used and last < _MAX_NODE_ID:
                    last += 1
                moves.append((position, last))
                remap[number] = last
                used.add(last)
            else:
                used.add(number)
                last = max(last, number)
        plans.append((moves, remap))
    if not any(moves for moves, _ in plans):
        return ui
    result = copy.deepcopy(dict(ui))
    copies = [d for d in result["definitions"]["subgraphs"] if isinstance(d, dict)]
    by_type: dict[str, dict[int, int]] = {}
    for definition, (moves, remap) in zip(copies, plans, strict=True):
        if not moves:
            continue
        by_type[str(definition.get("id"))] = remap
        nodes = definition["nodes"]
        for position, new_id in moves:
            nodes[position]["id"] = new_id
        _renumber_references(definition, remap)
    for graph in [result, *copies]:
        for node in as_list(graph.get("nodes")):
            if isinstance(node, dict) and str(node.get("type")) in by_type:
                _renumber_proxies(node, by_type[str(node.get("type"))])
    return result


def _renumber_references(definition: dict[str, Any], remap: Mapping[int, int]) -> None:
    """A definition's links and exposed widgets follow its renumbered nodes."""
    for link in as_list(definition.get("links")):
        if isinstance(link, dict):
            for key in ("origin_id", "target_id"):
                number = _numeric(link.get(key))
                if number is not None and number in remap:
                    link[key] = remap[number]
        elif isinstance(link, list) and len(link) >= 5:
            for index in (1, 3):
                number = _numeric(link[index])
                if number is not None and number in remap:
                    link[index] = remap[number]
    for widget in as_list(definition.get("widgets")):
        if isinstance(widget, dict):
            number = _numeric(widget.get("id"))
            if number is not None and number in remap:
                widget["id"] = remap[number]


def _renumber_proxies(node: dict[str, Any], remap: Mapping[int, int]) -> None:
    """An instance's ``proxyWidgets`` name the renumbered inner nodes."""
    properties = node.get("properties")
    proxies = properties.get("proxyWidgets") if isinstance(properties, dict) else None
    for entry in proxies if isinstance(proxies, list) else []:
        if isinstance(entry, list) and entry:
            old = str(entry[0])
            if old.lstrip("-").isdigit() and int(old) in remap:
                entry[0] = str(remap[int(old)])
