"""Links: parsing the link table, execution order, bypass routing, links of subgraph inputs."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from typing import Any

from .jsvalues import as_int, as_list, as_mappings, id_key, js_ordered
from .model import Graph, Link, Node
from .widgets import widget_of_input


def primitive_targets(graph: Graph, node_id: str, seen: set[str]) -> Iterator[tuple[Node, str]]:
    """The (node, widget name) pairs a primitive's output feeds, through reroutes."""
    seen.add(node_id)
    for link in list(graph.outgoing(node_id, 0)):
        target = graph.nodes.get(link.target)
        if target is None or target.id in seen:
            continue
        if target.type == "Reroute":
            yield from primitive_targets(graph, target.id, seen)
            continue
        name = widget_of_input(target, link.target_slot)
        if name is None:  # a widget input saved without its ``widget`` marker
            saved = as_mappings(target.raw.get("inputs"))
            if 0 <= link.target_slot < len(saved):
                candidate = saved[link.target_slot].get("name")
                if any(w.name == candidate for w in target.widgets):
                    name = str(candidate)
        if name is not None:
            yield target, name


def bypass_input(node: Node, slot: int, type_: str) -> int | None:
    """The input a bypassed node passes through to its output ``slot`` (or None)."""
    inputs = node.inputs
    if not inputs:
        return None
    if type_ in ("*", ""):
        return slot if len(inputs) > slot else 0
    output_type = node.outputs[slot] if 0 <= slot < len(node.outputs) else "*"
    if slot < len(inputs):
        opposite = inputs[slot].type
        if valid_connection(opposite, output_type) and valid_connection(opposite, type_):
            return slot
    for index, entry in enumerate(inputs):
        if entry.type == type_:
            return index
    for index, entry in enumerate(inputs):
        if valid_connection(entry.type, output_type) and valid_connection(entry.type, type_):
            return index
    return None


def valid_connection(a: str, b: str) -> bool:
    """litegraph's ``isValidConnection``: wildcards, equal types, comma-separated lists."""
    a = "" if a == "*" else a
    b = "" if b == "*" else b
    if not a or not b or a == b:
        return True
    a, b = a.lower(), b.lower()
    if "," not in a and "," not in b:
        return a == b
    return any(valid_connection(x, y) for x in a.split(",") for y in b.split(","))


def execution_order(graph: Graph) -> list[Node]:
    """litegraph's ``computeExecutionOrder``: Kahn's sort in node order, loops last."""
    pending = dict(graph.nodes)
    remaining: dict[str, int] = {}
    queue: deque[Node] = deque()
    for node in graph.nodes.values():
        count = sum(1 for slot in node.inputs if slot.link is not None)
        if count:
            remaining[node.id] = count
        else:
            queue.append(node)
    order: list[Node] = []
    seen: set[str] = set()
    while queue:
        node = queue.popleft()
        order.append(node)
        pending.pop(node.id, None)
        for output in as_mappings(node.raw.get("outputs")):
            for link_id in (id_key(v) for v in as_list(output.get("links"))):
                link = graph.links.get(link_id) if link_id is not None else None
                if link is None or link_id in seen:
                    continue
                seen.add(str(link_id))
                target = graph.nodes.get(link.target)
                if target is None or target.id not in remaining:
                    continue
                remaining[target.id] -= 1
                if remaining[target.id] == 0:
                    queue.append(target)
    order += [pending[key] for key in js_ordered(pending)]
    return order


def first_link(graph: Graph, io: Mapping[str, Any], fallback: Any) -> Link | None:
    return next(iter(links_of(graph, io, fallback)), None)


def links_of(graph: Graph, io: Mapping[str, Any], fallback: Any) -> list[Link]:
    """A subgraph input's / output's links: its ``linkIds``, else found in the table."""
    ids = [id_key(v) for v in as_list(io.get("linkIds"))]
    found = [graph.links[i] for i in ids if i is not None and i in graph.links]
    if ids:
        return found
    return [ln for ln in graph.links.values() if fallback(ln)]


def parse_link(entry: object) -> tuple[str, Link] | None:
    """``[id, origin, origin_slot, target, target_slot, type]`` or the object form."""
    if isinstance(entry, list) and len(entry) >= 5:
        values = entry[:5]
    elif isinstance(entry, Mapping):
        values = [
            entry.get(k) for k in ("id", "origin_id", "origin_slot", "target_id", "target_slot")
        ]
    else:
        return None
    link_id, origin, target = id_key(values[0]), id_key(values[1]), id_key(values[3])
    origin_slot, target_slot = as_int(values[2]), as_int(values[4])
    if link_id is None or origin is None or target is None or origin_slot is None:
        return None
    return link_id, Link(origin, origin_slot, target, target_slot if target_slot is not None else 0)
