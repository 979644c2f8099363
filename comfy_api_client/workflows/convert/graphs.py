"""Building the converter's graph from a workflow's ``nodes`` and ``links``: each node's kind
(backend, virtual, subgraph, group node, unknown), its widgets and its input slots."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import ConversionError
from ...formats import as_mapping
from .groups import GroupBuilder
from .jsvalues import as_list, as_mappings, id_key, type_name
from .links import parse_link
from .model import GROUP_PREFIXES, VIRTUAL_NODE_TYPES, Graph, GroupDef, Link, Node, Slot
from .stale import backend_values
from .widgets import editor_definition, saved_slot, widgets_and_inputs


class GraphBuilder:
    """Turns raw node / link lists into graphs; knows the workflow's subgraphs and group nodes."""

    def __init__(self, ui: Mapping[str, Any], object_info: Mapping[str, Any]) -> None:
        self.info = object_info
        definitions = ui.get("definitions")
        subgraphs = definitions.get("subgraphs") if isinstance(definitions, Mapping) else None
        self.subgraph_defs: dict[str, Mapping[str, Any]] = {}
        for entry in subgraphs if isinstance(subgraphs, list) else []:
            if isinstance(entry, Mapping) and id_key(entry.get("id")) is not None:
                self.subgraph_defs[str(id_key(entry.get("id")))] = entry
        extra = ui.get("extra")
        groups = extra.get("groupNodes") if isinstance(extra, Mapping) else None
        self.group_data: Mapping[str, Any] = groups if isinstance(groups, Mapping) else {}
        self._groups: dict[str, GroupDef] = {}
        self._building_groups: set[str] = set()

    def group(self, name: str) -> GroupDef:
        group = self._groups.get(name)
        if group is None:
            if name in self._building_groups:
                raise ConversionError(f"group node type 'workflow>{name}' contains itself")
            self._building_groups.add(name)
            try:
                group = GroupBuilder(self.info, self.build, name, self.group_data[name]).build()
            finally:
                self._building_groups.discard(name)
            self._groups[name] = group
        return group

    def build(self, raw_nodes: object, raw_links: object) -> Graph:
        links: dict[str, Link] = {}
        for entry in raw_links if isinstance(raw_links, list) else []:
            parsed = parse_link(entry)
            if parsed is not None:
                links.setdefault(parsed[0], parsed[1])
        nodes: dict[str, Node] = {}
        for raw in raw_nodes if isinstance(raw_nodes, list) else []:
            node = self._node(raw)
            if node.id in nodes:
                raise ConversionError(
                    f"node {node.id} ({node.type}, '{node.title}'): two nodes share this id",
                    node_id=node.id,
                    title=node.title,
                )
            nodes[node.id] = node
        _resolve_named_wires(nodes)
        return Graph(nodes, links)

    def _node(self, raw: object) -> Node:
        if not isinstance(raw, Mapping):
            raise ConversionError(f"a node is not an object: {raw!r:.80}")
        node_id = id_key(raw.get("id"))
        raw_title = raw.get("title")
        title = str(raw_title) if raw_title else ""
        if node_id is None:
            raise ConversionError(f"a node has no id: {raw!r:.120}", title=title or None)
        type_ = raw.get("type")
        if not isinstance(type_, str) or not type_:
            raise ConversionError(
                f"node {node_id} ('{title}') has no type", node_id=node_id, title=title or None
            )
        mode = raw.get("mode")
        mode = mode if isinstance(mode, int) and not isinstance(mode, bool) else 0
        saved_inputs = [saved_slot(entry) for entry in as_mappings(raw.get("inputs"))]
        saved_outputs = [type_name(o.get("type")) for o in as_mappings(raw.get("outputs"))]
        node = Node(
            node_id, raw, type_, mode, title or type_, "unknown", saved_inputs, saved_outputs
        )
        if type_ in self.subgraph_defs:
            definition = self.subgraph_defs[type_]
            io_inputs = as_mappings(definition.get("inputs"))
            node.kind, node.container = "subgraph", type_
            node.title = title or str(definition.get("name") or type_)
            # The instance's saved inputs meet the subgraph's inputs by name, not by position.
            links: dict[str, str | None] = {}
            for slot in saved_inputs:
                if links.get(slot.name) is None:
                    links[slot.name] = slot.link
            node.inputs = [
                Slot(
                    str(io.get("name", "")),
                    type_name(io.get("type")),
                    links.get(str(io.get("name", ""))),
                )
                for io in io_inputs
            ]
            node.outputs = [
                type_name(io.get("type")) for io in as_mappings(definition.get("outputs"))
            ]
        elif type_.startswith(GROUP_PREFIXES) and type_[len("workflow>") :] in self.group_data:
            name = type_[len("workflow>") :]
            group = self.group(name)
            node.kind, node.container = "group", name
            node.widgets = group.widgets
            node.outputs = group.output_types
        elif type_ in VIRTUAL_NODE_TYPES:
            node.kind = "virtual"
        elif isinstance(self.info.get(type_), Mapping):
            definition = editor_definition(type_, self.info[type_])
            node.kind = "backend"
            node.title = title or str(
                definition.get("display_name") or definition.get("name") or type_
            )
            node.widgets, node.inputs = widgets_and_inputs(definition, saved_inputs, raw)
            label = f"node {node_id} ({type_}, '{node.title}')"
            node.stored = backend_values(definition, node.widgets, raw.get("widgets_values"), label)
            node.outputs = [type_name(t) for t in as_list(definition.get("output"))]
            node.outputs += saved_outputs[len(node.outputs) :]
        return node


def _resolve_named_wires(nodes: Mapping[str, Node]) -> None:
    """Pair the editor-only ends of named virtual wires (KJNodes' Set / Get and the like).

    A setter declares itself: a ``previousName`` property, its name as its one stored value,
    and the value on its input; a getter is another node the server does not know whose one
    stored value is a setter's name. Only pairs are resolved (like reroutes); an unpaired
    node stays unknown, so a missing custom node is still reported.
    """
    setters: dict[str, Node] = {}
    for node in nodes.values():
        name = _wire_name(node)
        if name and node.inputs and "previousName" in as_mapping(node.raw.get("properties")):
            setters.setdefault(name, node)
    if not setters:
        return
    for node in nodes.values():
        name = _wire_name(node)
        setter = setters.get(name) if name else None
        if setter is None or setter is node or not node.outputs:
            continue
        if "previousName" in as_mapping(node.raw.get("properties")):
            continue  # a second setter of the same name
        node.kind, node.wired_from = "virtual", setter.id
        setter.kind = "virtual"


def _wire_name(node: Node) -> str:
    if node.kind != "unknown":
        return ""
    stored = as_list(node.raw.get("widgets_values"))
    return stored[0] if len(stored) == 1 and isinstance(stored[0], str) else ""
