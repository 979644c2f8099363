"""Editor nodes and links being written (UI format), and one graph written out: the root
graph or a subgraph definition, laid out by :mod:`.layout`."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .layout import Box, place
from .model import Widget

#: A link as the API format writes it: ``[origin node id, origin output index]``.
LinkRef = tuple[str, int]


@dataclass
class UINode:
    """One editor node being written: its sockets, widgets and stored values.

    ``id`` is the API node id; ``key`` the node's id in the graph it is written into (the
    same, but for the inner nodes of a rebuilt subgraph: ``"88:92"`` is ``"92"`` inside
    subgraph node ``"88"``).
    """

    id: str
    class_type: str
    title: str
    definition: Mapping[str, Any]
    key: str = ""
    widgets: list[Widget] = field(default_factory=list)
    values: list[Any] = field(default_factory=list)
    #: (name, type, link or None, widget name or None, label or None)
    inputs: list[tuple[str, str, LinkRef | None, str | None, str | None]] = field(
        default_factory=list
    )
    outputs: list[tuple[str, str]] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)
    spare_sockets: int = 0  # empty autogrow sockets the editor shows
    extra_widgets: int = 0  # widgets the editor's extensions add
    #: Values given to socket inputs: the editor holds them only as a subgraph's input.
    held: dict[str, Any] = field(default_factory=dict)
    #: Widget values as given (unboxed), by input name.
    given: dict[str, Any] = field(default_factory=dict)
    #: Dynamic-prompt widgets whose text no escape keeps from the editor's processing.
    unescapable: list[str] = field(default_factory=list)
    #: A subgraph node: written without a class's properties.
    instance: bool = False

    def __post_init__(self) -> None:
        self.key = self.key or self.id

    def describe(self) -> str:
        return f"node {self.id} ({self.class_type}, '{self.title}')"


@dataclass(frozen=True)
class UILink:
    """A link between two nodes of one graph (keys; :data:`.model.SUBGRAPH_INPUT_NODE` / ``SUBGRAPH_OUTPUT_NODE``
    for a subgraph definition's input and output nodes)."""

    origin: str
    origin_slot: int
    target: str
    target_slot: int
    type: str


def ui_id(node_id: str) -> int | str:
    """The editor's id: a number where the API id is one, else the string itself."""
    if node_id.isascii() and node_id.isdigit() and (node_id == "0" or node_id[0] != "0"):
        return int(node_id)
    return node_id


@dataclass
class WrittenGraph:
    """One graph as the editor saves it: nodes, links with their ids, and where they sit."""

    nodes: list[dict[str, Any]]
    links: list[tuple[int, UILink]]
    boxes: dict[str, Box]

    def link_ids(self, key: str, slot: int, *, leaving: bool) -> list[int]:
        """The ids of the links leaving (or arriving at) ``key``'s ``slot``."""
        return [
            link_id
            for link_id, link in self.links
            if ((link.origin, link.origin_slot) if leaving else (link.target, link.target_slot))
            == (key, slot)
        ]

    def bounds(self) -> tuple[float, float, float, float]:
        """``(left, top, right, bottom)`` around every node."""
        drawn = [box.bounds() for box in self.boxes.values()] or [(0.0, 0.0, 0.0, 0.0)]
        return (
            min(b[0] for b in drawn),
            min(b[1] for b in drawn),
            max(b[2] for b in drawn),
            max(b[3] for b in drawn),
        )


def write_graph(nodes: Sequence[UINode], links: Sequence[UILink], first_id: int) -> WrittenGraph:
    """Lay out ``nodes`` and write them with ``links`` numbered from ``first_id``."""
    numbered = [(first_id + index, link) for index, link in enumerate(links)]
    edges = [(link.origin, link.target) for link in links]
    boxes = place([Box(node.key, *node_size(node)) for node in nodes], edges)
    leaving: dict[tuple[str, int], list[int]] = {}
    arriving: dict[tuple[str, int], int] = {}
    for link_id, link in numbered:
        leaving.setdefault((link.origin, link.origin_slot), []).append(link_id)
        arriving[link.target, link.target_slot] = link_id
    written = [_write_node(node, boxes[node.key], leaving, arriving) for node in nodes]
    written.sort(key=lambda n: int(n["order"]))
    return WrittenGraph(written, numbered, boxes)


# -- one node ----------------------------------------------------------------------------

#: Estimates, a little above what the editor draws (LiteGraph: 20 per slot row, 24 per widget).
SLOT_HEIGHT = 24
WIDGET_HEIGHT = 28
MULTILINE_HEIGHT = 120
PREVIEW_HEIGHT = 280
_PRIMITIVE_WIDGETS = frozenset({"STRING", "INT", "FLOAT", "BOOLEAN", "COMBO"})


def node_size(node: UINode) -> tuple[float, float]:
    """An estimate of the size the editor draws the node at (title bar left out, as in
    LiteGraph): a row per socket, a row per widget and per control value, room for text
    boxes, and for what the editor draws itself (uploads, previews, 3D views, canvases)."""
    sockets = sum(1 for _, _, _, widget, _ in node.inputs if widget is None)
    height = max(sockets + node.spare_sockets, len(node.outputs)) * SLOT_HEIGHT + 20
    height += node.extra_widgets * WIDGET_HEIGHT
    left = [n for n, _, _, widget, _ in node.inputs if widget is None]
    right = [n for n, _ in node.outputs]
    rows = itertools.zip_longest(left, right, fillvalue="")
    beside = max((len(a) + len(b) for a, b in rows), default=0)  # one row's two labels
    width = max(270.0, 7.5 * len(node.title) + 60, 7.5 * beside + 80)
    drawn = bool(node.definition.get("output_node"))  # images, text, audio or 3D shown
    for widget in node.widgets:
        if any(k.endswith("_upload") and v is True for k, v in widget.options.items()):
            drawn = True  # an upload button and a player / preview
        if widget.type in ("STRING", "TEXTAREA", "MARKDOWN") and (
            widget.options.get("multiline") or widget.type != "STRING"
        ):
            height += MULTILINE_HEIGHT
            width = max(width, 400.0)
        elif widget.type in _PRIMITIVE_WIDGETS:
            height += WIDGET_HEIGHT * (1 + min(widget.controls, 1))
            width = max(width, 7.0 * len(widget.name) + 160)
        else:
            drawn = True
    if drawn:
        height += PREVIEW_HEIGHT
        width = max(width, 400.0)
    return width, float(height)


def _write_node(
    node: UINode,
    box: Box,
    leaving: Mapping[tuple[str, int], list[int]],
    arriving: Mapping[tuple[str, int], int],
) -> dict[str, Any]:
    inputs: list[dict[str, Any]] = []
    for slot, (name, kind, _, widget, label) in enumerate(node.inputs):
        entry: dict[str, Any] = {"name": name, "type": kind}
        if label is not None:
            entry["label"] = label
        if widget is not None:
            entry["widget"] = {"name": widget}
        entry["link"] = arriving.get((node.key, slot))
        inputs.append(entry)
    outputs = [
        {"name": name, "type": kind, "links": leaving.get((node.key, slot)) or None}
        for slot, (name, kind) in enumerate(node.outputs)
    ]
    properties = dict(node.properties)
    if not node.instance:
        properties = {"Node name for S&R": node.class_type, **properties}
    return {
        "id": ui_id(node.key),
        "type": node.class_type,
        "pos": [box.x, box.y],
        "size": [box.width, box.height],
        "flags": {},
        "order": box.order,
        "mode": 0,
        "inputs": inputs,
        "outputs": outputs,
        "properties": properties,
        "widgets_values": node.values,
        "title": node.title,  # always: the editor's own name for a class may differ
    }
