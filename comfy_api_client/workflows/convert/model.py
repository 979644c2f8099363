"""The graph as the converter sees it: nodes, slots, links, scopes, and how errors name nodes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ...errors import ConversionError

#: Frontend-only node types: they shape the graph in the editor and are never sent.
VIRTUAL_NODE_TYPES = frozenset({"Note", "MarkdownNote", "Reroute", "PrimitiveNode"})
MODE_NEVER = 2  # LGraphEventMode.NEVER: muted
MODE_BYPASS = 4  # LGraphEventMode.BYPASS
SUBGRAPH_INPUT_NODE = "-10"  # the subgraph input node's id in subgraph links
SUBGRAPH_OUTPUT_NODE = "-20"  # the subgraph output node's id
CONTAINER_KINDS = ("subgraph", "group")
GROUP_PREFIXES = ("workflow>", "workflow/")


@dataclass(frozen=True, slots=True)
class Widget:
    name: str
    type: str
    options: Mapping[str, Any]
    controls: int  # values stored right after this one (control_after_generate, filter)
    in_prompt: bool = True
    socketless: bool = False  # drawn by the editor, never linked
    saved: bool = True  # False: the editor keeps no value for it in ``widgets_values``


@dataclass(frozen=True, slots=True)
class Slot:
    name: str
    type: str
    link: str | None


@dataclass(frozen=True, slots=True)
class Link:
    origin: str
    origin_slot: int
    target: str
    target_slot: int


@dataclass(slots=True)
class Node:
    id: str
    raw: Mapping[str, Any]
    type: str
    mode: int
    title: str
    kind: str  # "backend", "virtual", "subgraph", "group" or "unknown"
    inputs: list[Slot]
    outputs: list[str]
    widgets: list[Widget] = field(default_factory=list)
    container: str = ""  # subgraph id or group name
    wired_from: str = ""  # a named-wire getter: the id of the setter it reads
    stored: dict[str, Any] | None = None  # widget name -> stored value, once read


@dataclass(slots=True)
class Graph:
    nodes: dict[str, Node]
    links: dict[str, Link]

    def outgoing(self, node_id: str, slot: int) -> Iterator[Link]:
        """The links leaving ``node_id``'s output ``slot``, in table order."""
        return (ln for ln in self.links.values() if ln.origin == node_id and ln.origin_slot == slot)


@dataclass(slots=True)
class Scope:
    """One graph as placed in the flattened prompt: the root, or a container's contents."""

    graph: Graph
    path: tuple[str, ...] = ()
    parent: Scope | None = None
    #: The subgraph / group node in the parent scope.
    instance: Node | None = None
    #: Container input -> index of the instance's input it reads.
    input_slots: list[int | None] = field(default_factory=list)
    #: Container input -> the value of the widget the instance shows for it.
    promoted: dict[int, Any] = field(default_factory=dict)
    #: Container output -> (inner node id, output slot) it comes from.
    outputs: list[tuple[str, int] | None] = field(default_factory=list)
    #: Node id -> widget values set from outside the node (group widgets, primitives).
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Subgraph ids / group names enclosing this scope (to refuse recursion).
    containers: tuple[str, ...] = ()


@dataclass(slots=True)
class GroupDef:
    """A legacy group node type, read the way the editor's ``GroupNodeConfig`` builds it."""

    graph: Graph
    input_names: list[str]
    widgets: list[Widget]
    widget_targets: list[tuple[str, str]]  # (inner node id, inner widget name) per widget
    outputs: list[tuple[str, int]]
    output_types: list[str]


@dataclass(frozen=True, slots=True)
class Origin:
    id: str
    slot: int


@dataclass(frozen=True, slots=True)
class Value:
    value: Any


def visit(visited: set[tuple[Any, ...]], scope: Scope, node: Node, side: str, slot: int) -> None:
    key = (scope.path, node.id, side, slot)
    if key in visited:
        raise broken(scope, node, f"links loop back on themselves at {side} {slot}")
    visited.add(key)


def broken(scope: Scope, node: Node, what: str) -> ConversionError:
    node_id = exec_id(scope, node)
    return ConversionError(
        f"node {node_id} ({node.type}, '{node.title}'): {what}", node_id=node_id, title=node.title
    )


def exec_id(scope: Scope, node: Node) -> str:
    return ":".join((*scope.path, node.id))
