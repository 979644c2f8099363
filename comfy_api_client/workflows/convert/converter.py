"""The conversion itself: walk the graph in the editor's order, flatten containers, and emit
one prompt entry per node the server runs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import ConversionError
from .graphs import GraphBuilder
from .jsvalues import UNSET, js_ordered, wrap_value
from .links import execution_order
from .model import CONTAINER_KINDS, MODE_BYPASS, MODE_NEVER, Node, Origin, Scope, Value, exec_id
from .resolve import Resolver
from .scopes import Scopes
from .widgets import EXPORT_TIME_TYPES, exported_value, own_value, widget_values


class Converter:
    """Converts one UI-format workflow; holds the per-conversion caches."""

    def __init__(self, ui: Mapping[str, Any], object_info: Mapping[str, Any]) -> None:
        self.ui = ui
        self.builder = GraphBuilder(ui, object_info)
        self.scopes = Scopes(self.builder)
        self.resolver = Resolver(self.scopes)

    def convert(self) -> dict[str, Any]:
        root = Scope(self.builder.build(self.ui.get("nodes"), self.ui.get("links")))
        root.values = self.scopes.primitive_values(root.graph, {})
        entries: list[tuple[Scope, Node]] = []
        for node in execution_order(root.graph):
            entries.append((root, node))
            if node.kind in CONTAINER_KINDS and node.mode not in (MODE_NEVER, MODE_BYPASS):
                self._expand(self.scopes.scope(root, node), entries)
        output: dict[str, Any] = {}
        for scope, node in entries:
            if node.kind in ("virtual", *CONTAINER_KINDS) or node.mode in (MODE_NEVER, MODE_BYPASS):
                continue
            if node.kind == "unknown":
                node_id = exec_id(scope, node)
                raise ConversionError(
                    f"node {node_id} ({node.type}, '{node.title}'): the server does not know "
                    f"node type '{node.type}' (not in /object_info); install it or remove the node",
                    node_id=node_id,
                    title=node.title,
                )
            output[exec_id(scope, node)] = self._emit(scope, node)
        # Inputs linked to nodes that are not sent (muted...) are dropped, as the editor does.
        for entry in output.values():
            inputs = entry["inputs"]
            for name, value in list(inputs.items()):
                gone = isinstance(value, list) and len(value) == 2 and str(value[0]) not in output
                if gone or value is UNSET:
                    del inputs[name]
            entry["inputs"] = js_ordered(inputs)
        return js_ordered(output)

    def _expand(self, scope: Scope, entries: list[tuple[Scope, Node]]) -> None:
        """Append a container's inner nodes (definition order, nested ones depth first).

        Only a root-level container's mode keeps its contents out: the editor expands nested
        containers whatever their mode (their bypass still reroutes the links around them).
        """
        for node in scope.graph.nodes.values():
            if node.kind in CONTAINER_KINDS:
                self._expand(self.scopes.scope(scope, node), entries)
            else:
                entries.append((scope, node))

    # -- one node of the prompt ------------------------------------------------------

    def _emit(self, scope: Scope, node: Node) -> dict[str, Any]:
        values = widget_values(node, scope.values.get(node.id))
        inputs: dict[str, Any] = {}
        for widget in node.widgets:
            if widget.in_prompt and widget.name:
                value = own_value(widget, values.get(widget.name, UNSET))
                inputs[widget.name] = wrap_value(value, widget.type)
        for index, slot in enumerate(node.inputs):
            resolved = self.resolver.resolve_input(scope, node, index, set())
            if isinstance(resolved, Value):
                inputs[slot.name] = wrap_value(resolved.value)
            elif isinstance(resolved, Origin):
                inputs[slot.name] = [resolved.id, resolved.slot]
        for widget in node.widgets:  # values the editor computes as it exports
            if widget.name in inputs and widget.type in EXPORT_TIME_TYPES:
                inputs[widget.name] = exported_value(widget, node, inputs[widget.name], inputs)
        return {"inputs": inputs, "class_type": node.type, "_meta": {"title": node.title}}
