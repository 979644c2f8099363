"""Subgraphs rebuilt by ``to_ui`` where a flat editor graph cannot hold what the API gives.

An API workflow exported from subgraphs names their nodes by path (``"88:92"`` is node 92
of subgraph node 88). ``to_ui`` writes such nodes flat, under those ids, which the editor
exports unchanged. Two things a flat graph cannot hold, and a subgraph can:

* a value on a socket input (``PreviewAny.source = 1024``): the editor holds values only in
  widgets, but a subgraph input that feeds a widget shows that widget on the subgraph node,
  and its value reaches every input the subgraph input feeds, sockets included;
* a dynamic-prompt text with ``//`` or ``/* */`` in it: the editor strips comments from a
  node's own dynamic-prompt widget, but sends a subgraph input's value unchanged.

So the nodes of such a path prefix are written back into a subgraph definition, with one
subgraph input per outside origin and per value (fed to a widget of the subgraph that holds
the same value, the *carrier*, first), and one subgraph output per inside origin used
outside. Nested paths (``"1:2:3"``) are not rebuilt.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .jsvalues import UNSET
from .model import SUBGRAPH_INPUT_NODE, SUBGRAPH_OUTPUT_NODE
from .ui_graph import LinkRef, UILink, UINode, ui_id

#: Widget types a subgraph node can show for a subgraph input.
CARRIER_TYPES = frozenset({"INT", "FLOAT", "STRING", "BOOLEAN", "COMBO"})


@dataclass
class SubgraphInput:
    """One input of a rebuilt subgraph: fed from outside (``source``) or a value shown as
    the subgraph node's widget ``name``; ``targets`` are (member id, input name)."""

    name: str
    type: str
    source: LinkRef | None = None
    targets: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Rebuilt:
    """The subgraph for one path prefix: its members (API ids), inputs and outputs."""

    prefix: str
    members: list[str]
    inputs: list[SubgraphInput] = field(default_factory=list)
    #: (member origin, output name, type), one per inside output used outside.
    outputs: list[tuple[LinkRef, str, str]] = field(default_factory=list)

    def add_input(self, name: str, kind: str, source: LinkRef | None) -> int:
        """The index of the input for ``source`` (new if needed; values always new)."""
        for index, entry in enumerate(self.inputs):
            if source is not None and entry.source == source:
                return index
        taken = {entry.name for entry in self.inputs}
        unique, number = name, 0
        while unique in taken:  # the editor's own spelling: value, value_1, value_2
            number += 1
            unique = f"{name}_{number}"
        self.inputs.append(SubgraphInput(unique, kind, source))
        return len(self.inputs) - 1

    def input_of(self, source: LinkRef) -> int:
        """The index of the input fed from ``source`` (added by :func:`split`)."""
        return next(i for i, entry in enumerate(self.inputs) if entry.source == source)

    def output_of(self, origin: LinkRef) -> int:
        """The index of the output ``origin`` leaves through (added by :func:`split`)."""
        return next(i for i, (ref, _, _) in enumerate(self.outputs) if ref == origin)

    def add_output(self, origin: LinkRef, name: str, kind: str) -> None:
        if all(ref != origin for ref, _, _ in self.outputs):
            self.outputs.append((origin, name, kind))

    def local(self, api_id: str) -> str:
        """A member's id inside the subgraph: ``"88:92"`` -> ``"92"``."""
        return api_id.partition(":")[2]


@dataclass
class Definition:
    """A rebuilt subgraph ready to write: its node on the parent graph, inner nodes, links."""

    rebuilt: Rebuilt
    instance: UINode
    nodes: list[UINode]
    links: list[UILink]
    type_id: str


class Unrebuildable(Exception):
    """Why ``node``'s value on socket ``name`` cannot be written as a subgraph's input."""

    def __init__(self, node: UINode, name: str, reason: str) -> None:
        super().__init__(reason)
        self.node, self.name, self.reason = node, name, reason


def plan(nodes: Sequence[UINode]) -> tuple[dict[str, Rebuilt], dict[str, set[str]]]:
    """The subgraphs to rebuild, and the widgets (by member id) a subgraph input will feed.

    Raises :class:`Unrebuildable` for a node holding a value on a socket that no subgraph
    can hold (its node is not inside one, or no widget there holds the same value); a
    dynamic-prompt text that cannot be kept is left for the caller to warn about.
    """
    by_prefix: dict[str, list[UINode]] = {}
    for node in nodes:
        prefix, colon, _ = node.id.partition(":")
        if colon:
            by_prefix.setdefault(prefix, []).append(node)
    ids = {node.id for node in nodes}
    # Ids the editor counts as taken before it reads a definition: root nodes and subgraph
    # nodes (a clash makes it renumber the inner node, and the export names the new id).
    taken = {n for n in map(_number, [*ids, *by_prefix]) if n is not None}
    plans: dict[str, Rebuilt] = {}
    fed: dict[str, set[str]] = {}
    for node in nodes:
        if not node.held and not node.unescapable:
            continue
        prefix = node.id.partition(":")[0]
        members = by_prefix.get(prefix, [])
        reason = _why_not(node, prefix, members, ids) or (
            "" if prefix in plans else _clash(prefix, members, taken)
        )
        if reason:
            if node.held:
                raise Unrebuildable(node, next(iter(node.held)), reason)
            continue
        rebuilt = plans.setdefault(prefix, Rebuilt(prefix, [m.id for m in members]))
        for name, value in node.held.items():
            carrier = _carrier(members, value)
            if carrier is None:
                raise Unrebuildable(
                    node,
                    name,
                    f"no widget of subgraph {prefix}'s nodes holds the same value, so no "
                    "subgraph input can give it",
                )
            holder, widget = carrier
            _feed(rebuilt, fed, holder, widget, [(node.id, name)])
        for name in node.unescapable:
            _feed(rebuilt, fed, node, next(w for w in node.widgets if w.name == name), [])
    return plans, fed


def _why_not(node: UINode, prefix: str, members: Sequence[UINode], ids: set[str]) -> str:
    if ":" not in node.id:
        return "it is not inside a subgraph (its id is not a path like '88:92')"
    if _number(prefix) is None or any(not m.id.partition(":")[2] for m in members):
        return f"'{node.id}' is not a subgraph path id (a node number, ':', an inner id)"
    if prefix in ids:
        return f"the workflow has a node '{prefix}' too, so '{node.id}' is not inside a subgraph"
    nested = next((m.id for m in members if ":" in m.id.partition(":")[2]), None)
    if nested is not None:
        return f"subgraph {prefix} holds nested subgraphs ('{nested}'), which are not rebuilt"
    return ""


def _number(node_id: str) -> int | None:
    """A numeric id as the editor keeps it (a JSON number), else None."""
    number = ui_id(node_id)
    return number if isinstance(number, int) else None


def _clash(prefix: str, members: Sequence[UINode], taken: set[int]) -> str:
    """Why the members' ids would be renumbered by the editor; adds them to ``taken``."""
    local = [n for n in (_number(m.id.partition(":")[2]) for m in members) if n is not None]
    clashing = sorted(set(local) & taken)
    if clashing:
        return (
            f"node id {clashing[0]} inside subgraph {prefix} is taken outside it (the editor "
            "would renumber it)"
        )
    taken.update(local)
    return ""


def _carrier(members: Sequence[UINode], value: Any) -> tuple[UINode, Any] | None:
    """The first widget of ``members`` holding exactly ``value`` (same type): a plain
    widget the editor saves (not a V3 dynamic combo's option, ``resize_type.width``)."""
    for member in members:
        for widget in member.widgets:
            given = member.given.get(widget.name, UNSET)
            if (
                widget.type in CARRIER_TYPES
                and "." not in widget.name
                and getattr(widget, "saved", True)
                and type(given) is type(value)
                and given == value
                and widget.name not in member.held
            ):
                return member, widget
    return None


def _feed(
    rebuilt: Rebuilt,
    fed: dict[str, set[str]],
    holder: UINode,
    widget: Any,
    sockets: list[tuple[str, str]],
) -> None:
    """A value input fed to ``holder``'s ``widget`` first (its shown value), then ``sockets``."""
    target = (holder.id, str(widget.name))
    for entry in rebuilt.inputs:
        if entry.source is None and entry.targets[:1] == [target]:
            entry.targets += [s for s in sockets if s not in entry.targets]
            return
    index = rebuilt.add_input(str(widget.name), str(widget.type), None)
    rebuilt.inputs[index].targets = [target, *sockets]
    fed.setdefault(holder.id, set()).add(str(widget.name))


def split(
    nodes: Sequence[UINode], links: Sequence[UILink], plans: Mapping[str, Rebuilt]
) -> tuple[list[UINode], list[UILink], list[Definition]]:
    """The root graph's nodes and links, and the rebuilt subgraphs, from the flat graph."""
    member_of = {m: prefix for prefix, rebuilt in plans.items() for m in rebuilt.members}
    by_id = {node.id: node for node in nodes}
    for link in links:
        inside, outside = member_of.get(link.target), member_of.get(link.origin)
        if inside is not None and inside != outside:
            name = by_id[link.target].inputs[link.target_slot][0].rsplit(".", 1)[-1]
            plans[inside].add_input(name, link.type, (link.origin, link.origin_slot))
        if outside is not None and inside != outside:
            name = by_id[link.origin].outputs[link.origin_slot][0]
            plans[outside].add_output((link.origin, link.origin_slot), name, link.type)

    def outer(ref: LinkRef) -> LinkRef:
        prefix = member_of.get(ref[0])
        return ref if prefix is None else (prefix, plans[prefix].output_of(ref))

    root_links: list[UILink] = []
    for link in links:
        if link.target in member_of:
            continue  # arrives through the subgraph node's input, below
        origin, slot = outer((link.origin, link.origin_slot))
        root_links.append(UILink(origin, slot, link.target, link.target_slot, link.type))
    definitions = []
    for prefix, rebuilt in plans.items():
        type_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "comfy-api-client:subgraph:" + prefix))
        instance = UINode(prefix, type_id, f"Subgraph {prefix}", {}, instance=True)
        for index, entry in enumerate(rebuilt.inputs):
            widget = entry.name if entry.source is None else None
            instance.inputs.append((entry.name, entry.type, None, widget, None))
            if widget is not None:  # shown as the widget it feeds first (for the node's size)
                holder, name = entry.targets[0]
                instance.widgets += [w for w in by_id[holder].widgets if w.name == name]
            if entry.source is not None:
                origin, slot = outer(entry.source)
                root_links.append(UILink(origin, slot, prefix, index, entry.type))
        instance.outputs = [(name, kind) for _, name, kind in rebuilt.outputs]
        definitions.append(_definition(rebuilt, instance, by_id, links, member_of, type_id))
    root = [node for node in nodes if node.id not in member_of]
    root += [d.instance for d in definitions]
    return root, root_links, definitions


def _definition(
    rebuilt: Rebuilt,
    instance: UINode,
    by_id: Mapping[str, UINode],
    links: Sequence[UILink],
    member_of: Mapping[str, str],
    type_id: str,
) -> Definition:
    prefix, local = rebuilt.prefix, rebuilt.local
    inner: list[UILink] = []
    for index, entry in enumerate(rebuilt.inputs):  # values: the carrier's link comes first
        for member, name in entry.targets:
            slot = next(i for i, socket in enumerate(by_id[member].inputs) if socket[0] == name)
            inner.append(UILink(SUBGRAPH_INPUT_NODE, index, local(member), slot, entry.type))
    for link in links:
        inside, outside = member_of.get(link.target), member_of.get(link.origin)
        if inside == prefix and outside == prefix:
            inner.append(
                UILink(
                    local(link.origin),
                    link.origin_slot,
                    local(link.target),
                    link.target_slot,
                    link.type,
                )
            )
        elif inside == prefix:
            index = rebuilt.input_of((link.origin, link.origin_slot))
            inner.append(
                UILink(SUBGRAPH_INPUT_NODE, index, local(link.target), link.target_slot, link.type)
            )
    for index, ((origin, slot), _, kind) in enumerate(rebuilt.outputs):
        inner.append(UILink(local(origin), slot, SUBGRAPH_OUTPUT_NODE, index, kind))
    nodes = [by_id[m] for m in rebuilt.members]
    for node in nodes:
        node.key = local(node.id)
    return Definition(rebuilt, instance, nodes, inner, type_id)
