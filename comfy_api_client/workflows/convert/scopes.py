"""Scopes: a subgraph's or group node's contents as placed in the flattened prompt, with the
values reaching them from outside (promoted widgets, group widgets, primitives)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...formats import as_mapping
from .graphs import GraphBuilder
from .jsvalues import UNSET, as_mappings
from .links import first_link, links_of, primitive_targets
from .model import SUBGRAPH_INPUT_NODE, SUBGRAPH_OUTPUT_NODE, Graph, Node, Scope, broken
from .widgets import widget_of_input, widget_values


class Scopes:
    """Builds (once each) the scope of every container instance, keyed by its path."""

    def __init__(self, builder: GraphBuilder) -> None:
        self.builder = builder
        self._scopes: dict[tuple[str, ...], Scope] = {}
        self._subgraph_graphs: dict[str, Graph] = {}

    def scope(self, parent: Scope, node: Node) -> Scope:
        path = (*parent.path, node.id)
        scope = self._scopes.get(path)
        if scope is not None:
            return scope
        if node.container in parent.containers:
            kind = "subgraph" if node.kind == "subgraph" else "group node"
            raise broken(parent, node, f"{kind} '{node.container}' contains itself")
        if node.kind == "subgraph":
            scope = self._subgraph_scope(parent, node, path)
        else:
            scope = self._group_scope(parent, node, path)
        self._scopes[path] = scope
        return scope

    def _subgraph_scope(self, parent: Scope, node: Node, path: tuple[str, ...]) -> Scope:
        definition = self.builder.subgraph_defs[node.container]
        graph = self._subgraph_graph(parent, node)
        io_inputs = as_mappings(definition.get("inputs"))
        outputs: list[tuple[str, int] | None] = []
        for index, io_output in enumerate(as_mappings(definition.get("outputs"))):
            link = first_link(
                graph,
                io_output,
                lambda ln, i=index: ln.target == SUBGRAPH_OUTPUT_NODE and ln.target_slot == i,
            )
            outputs.append((link.origin, link.origin_slot) if link else None)
        scope = Scope(
            graph,
            path,
            parent,
            node,
            input_slots=list(range(len(io_inputs))),
            outputs=outputs,
            containers=(*parent.containers, node.container),
        )
        scope.promoted, direct = self._promoted_values(
            node, io_inputs, graph, parent.values.get(node.id, {})
        )
        scope.values = self.primitive_values(graph, direct)
        return scope

    def _subgraph_graph(self, parent: Scope, node: Node) -> Graph:
        graph = self._subgraph_graphs.get(node.container)
        if graph is None:
            definition = self.builder.subgraph_defs[node.container]
            if not isinstance(definition.get("nodes"), list):
                raise broken(
                    parent, node, f"subgraph definition {node.container} has no 'nodes' list"
                )
            graph = self.builder.build(definition.get("nodes"), definition.get("links"))
            self._subgraph_graphs[node.container] = graph
        return graph

    def _promoted_values(
        self,
        instance: Node,
        io_inputs: Sequence[Mapping[str, Any]],
        graph: Graph,
        outside: Mapping[str, Any],
    ) -> tuple[dict[int, Any], dict[str, dict[str, Any]]]:
        """The values of the widgets a subgraph node shows (SubgraphNode): by subgraph input,
        and by inner node for widgets promoted straight from an inner node.

        ``outside`` holds values set on the instance from further out (an enclosing subgraph
        promoting one of its widgets), by widget name.
        """
        targets: dict[int, tuple[Node, str]] = {}
        for index, io_input in enumerate(io_inputs):
            for link in links_of(
                graph,
                io_input,
                lambda ln, i=index: ln.origin == SUBGRAPH_INPUT_NODE and ln.origin_slot == i,
            ):
                target = graph.nodes.get(link.target)
                name = _promoted_name(target, link.target_slot) if target else None
                if target is not None and name is not None:
                    targets[index] = (target, name)
                    break
        stored = instance.raw.get("widgets_values")
        sequence = stored if isinstance(stored, list) else []
        proxy = as_mapping(instance.raw.get("properties")).get("proxyWidgets")
        explicit: dict[int, Any] = {}
        direct: dict[str, dict[str, Any]] = {}
        if isinstance(proxy, list):  # newer editors: [[inner id or "-1", widget name], ...]
            self._proxied_values(
                proxy, sequence, outside, io_inputs, graph, targets, explicit, direct
            )
        else:
            for position, index in enumerate(sorted(targets)):
                if position < len(sequence):
                    explicit[index] = sequence[position]
        promoted: dict[int, Any] = {}
        for index, (target, name) in targets.items():
            value = explicit.get(index, UNSET)
            if value is UNSET:  # the promoted widget starts as a copy of the inner one
                value = widget_values(target, None).get(name, UNSET)
            if value is not UNSET:
                promoted[index] = value
        return promoted, direct

    @staticmethod
    def _proxied_values(
        proxy: list[Any],
        sequence: list[Any],
        outside: Mapping[str, Any],
        io_inputs: Sequence[Mapping[str, Any]],
        graph: Graph,
        targets: Mapping[int, tuple[Node, str]],
        explicit: dict[int, Any],
        direct: dict[str, dict[str, Any]],
    ) -> None:
        """Host values of ``properties.proxyWidgets`` entries, stored in the entries' order.

        ``["-1", input name]`` shows a subgraph input's widget. ``[inner id, widget name]``
        shows an inner node's widget: when a subgraph input feeds it, the value is that
        input's; otherwise it is set on the inner node for this instance. An entry without a
        host value (a hole, ``null``) leaves the inner widget's own value, as do preview
        entries (``$$...``), which hold none.
        """
        by_name = {str(io.get("name")): i for i, io in enumerate(io_inputs)}
        fed = {(target.id, name): index for index, (target, name) in targets.items()}
        for position, entry in enumerate(proxy):
            if not (isinstance(entry, list) and len(entry) >= 2):
                continue
            source, name = str(entry[0]), str(entry[1])
            value = outside.get(name, UNSET)
            if value is UNSET and position < len(sequence) and sequence[position] is not None:
                value = sequence[position]
            if value is UNSET or name.startswith("$$"):
                continue
            index = by_name.get(name, -1) if source == "-1" else fed.get((source, name), -1)
            if index in targets:
                explicit.setdefault(index, value)
            elif source != "-1" and source in graph.nodes:
                direct.setdefault(source, {}).setdefault(name, value)

    def _group_scope(self, parent: Scope, node: Node, path: tuple[str, ...]) -> Scope:
        group = self.builder.group(node.container)
        names = [slot.name for slot in node.inputs]
        input_slots: list[int | None] = []
        for index, name in enumerate(group.input_names):
            if name in names:
                input_slots.append(names.index(name))
            elif index < len(names) and names[index] not in group.input_names:
                input_slots.append(index)
            else:
                input_slots.append(None)
        values: dict[str, dict[str, Any]] = {}
        shown = widget_values(node, None)
        for widget, (inner_id, inner_name) in zip(group.widgets, group.widget_targets, strict=True):
            value = shown.get(widget.name, UNSET)
            if value is not UNSET:
                values.setdefault(inner_id, {})[inner_name] = value
        return Scope(
            group.graph,
            path,
            parent,
            node,
            input_slots=input_slots,
            outputs=list(group.outputs),
            values=self.primitive_values(group.graph, values),
            containers=(*parent.containers, node.container),
        )

    def primitive_values(
        self, graph: Graph, base: Mapping[str, Mapping[str, Any]]
    ) -> dict[str, dict[str, Any]]:
        """Widget values PrimitiveNodes put into the widgets they feed (``applyToGraph``)."""
        values = {node_id: dict(entry) for node_id, entry in base.items()}
        for node in graph.nodes.values():
            if node.type != "PrimitiveNode" or node.kind != "virtual":
                continue
            own = values.get(node.id, {})
            if "value" in own:
                value = own["value"]
            else:
                stored = node.raw.get("widgets_values")
                if not isinstance(stored, list) or not stored:
                    continue  # no widget yet: the targets keep their own values
                value = stored[0]
            for target, name in primitive_targets(graph, node.id, set()):
                values.setdefault(target.id, {})[name] = value
        return values


def _promoted_name(node: Node, slot: int) -> str | None:
    """The widget a subgraph input feeds through ``node``'s saved input ``slot``: one of its
    widgets, or for a nested subgraph node the widget it shows for that input."""
    if node.kind != "subgraph":
        return widget_of_input(node, slot)
    saved = as_mappings(node.raw.get("inputs"))
    name = as_mapping(saved[slot].get("widget")).get("name") if 0 <= slot < len(saved) else None
    return str(name) if name is not None else None
