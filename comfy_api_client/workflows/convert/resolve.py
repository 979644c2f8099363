"""Where an input's value comes from: links followed through reroutes, bypassed nodes and
subgraph / group boundaries (the editor's ``ExecutableNodeDTO.resolveInput`` / ``resolveOutput``).
"""

from __future__ import annotations

from typing import Any

from .links import bypass_input
from .model import (
    CONTAINER_KINDS,
    MODE_BYPASS,
    MODE_NEVER,
    SUBGRAPH_INPUT_NODE,
    Node,
    Origin,
    Scope,
    Value,
    broken,
    exec_id,
    visit,
)
from .scopes import Scopes


class Resolver:
    """Follows links to the output (or promoted widget value) that feeds an input."""

    def __init__(self, scopes: Scopes) -> None:
        self.scopes = scopes

    def resolve_input(
        self,
        scope: Scope,
        node: Node,
        index: int,
        visited: set[tuple[Any, ...]],
        type_: str | None = None,
    ) -> Origin | Value | None:
        visit(visited, scope, node, "input", index)
        if not 0 <= index < len(node.inputs):
            raise broken(scope, node, f"a link reads its input {index}, which it does not have")
        slot = node.inputs[index]
        if slot.link is None:
            return None
        link = scope.graph.links.get(slot.link)
        if link is None:
            raise broken(
                scope,
                node,
                f"input '{slot.name}' uses link {slot.link}, which is not in the workflow's links",
            )
        if link.origin == SUBGRAPH_INPUT_NODE and scope.instance is not None:
            return self._resolve_container_input(scope, link.origin_slot, visited)
        origin = scope.graph.nodes.get(link.origin)
        if origin is None:
            raise broken(
                scope,
                node,
                f"input '{slot.name}' is linked (link {slot.link}) from node {link.origin}, "
                "which is not in the workflow",
            )
        wanted = type_ if type_ is not None else slot.type
        return self._resolve_output(scope, origin, link.origin_slot, wanted, visited)

    def _resolve_output(
        self, scope: Scope, node: Node, slot: int, type_: str, visited: set[tuple[Any, ...]]
    ) -> Origin | Value | None:
        visit(visited, scope, node, "output", slot)
        if slot < 0:
            raise broken(scope, node, f"a link reads its output {slot}, which it does not have")
        if node.mode == MODE_BYPASS:
            index = bypass_input(node, slot, type_)
            return None if index is None else self.resolve_input(scope, node, index, visited)
        if node.kind in CONTAINER_KINDS:
            if node.mode == MODE_NEVER:
                return None
            inner = self.scopes.scope(scope, node)
            source = inner.outputs[slot] if 0 <= slot < len(inner.outputs) else None
            if source is None:
                return None
            origin_id, origin_slot = source
            if origin_id == SUBGRAPH_INPUT_NODE:  # a subgraph input wired straight to an output
                return self._resolve_container_input(inner, origin_slot, visited)
            origin = inner.graph.nodes.get(origin_id)
            if origin is None:
                raise broken(
                    scope,
                    node,
                    f"output {slot} comes from inner node {origin_id}, which is missing",
                )
            return self._resolve_output(inner, origin, origin_slot, type_, visited)
        if node.wired_from:  # a named-wire getter reads what its setter is given
            setter = scope.graph.nodes[node.wired_from]
            return self.resolve_input(scope, setter, 0, visited, type_)
        if node.kind == "virtual":  # reroutes pass their input through; primitives give nothing
            if slot < len(node.inputs):  # slot >= 0: checked above
                return self.resolve_input(scope, node, slot, visited, type_)
            return None
        return Origin(exec_id(scope, node), slot)

    def _resolve_container_input(
        self, scope: Scope, index: int, visited: set[tuple[Any, ...]]
    ) -> Origin | Value | None:
        """What a subgraph / group input carries: the outer link, or the promoted widget value."""
        parent, instance = scope.parent, scope.instance
        assert parent is not None and instance is not None
        if not 0 <= index < len(scope.input_slots):
            raise broken(
                parent, instance, f"its contents read input {index}, which it does not have"
            )
        slot = scope.input_slots[index]
        if slot is None or slot >= len(instance.inputs):
            return None
        if instance.inputs[slot].link is None:
            return Value(scope.promoted[index]) if index in scope.promoted else None
        return self.resolve_input(parent, instance, slot, visited)
