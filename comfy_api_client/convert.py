"""Convert UI-format workflows (what the ComfyUI editor saves) to the API format.

The API format is what ``POST /prompt`` takes: ``{node_id: {"inputs", "class_type",
"_meta": {"title"}}}``. The conversion follows the rules of the editor's own
``graphToPrompt`` (ComfyUI_frontend ``src/utils/executionUtil.ts``) and of the execution
DTOs it relies on (litegraph ``ExecutableNodeDTO``):

* widget values are read from ``widgets_values`` in the order the editor creates widgets
  from the node definition, skipping the values of ``control_after_generate`` widgets;
* a link becomes ``[origin_id, origin_slot]``, followed through reroutes, bypassed nodes and
  subgraph boundaries; a linked input replaces the widget value of the same name;
* virtual nodes (notes, reroutes, primitives), muted and bypassed nodes are not sent, and
  inputs that still point at a node that is not sent are dropped;
* subgraphs and legacy group nodes are flattened; their inner nodes get the editor's ids,
  ``"<outer id>:<inner id>"``;
* keys come out in the order ``JSON.stringify`` gives the editor's objects.
"""

from __future__ import annotations

import copy
import re
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import ConversionError
from .formats import is_ui_format

__all__ = ["VIRTUAL_NODE_TYPES", "WIDGET_TYPES", "is_ui_format", "ui_to_api"]

#: Input types the editor turns into widgets, whose values live in ``widgets_values``.
WIDGET_TYPES = frozenset(
    {
        "INT",
        "FLOAT",
        "BOOLEAN",
        "STRING",
        "COMBO",
        "MARKDOWN",
        "IMAGEUPLOAD",
        "COLOR",
        "IMAGECOMPARE",
        "BOUNDING_BOX",
        "BOUNDING_BOXES",
        "CHART",
        "GALLERIA",
        "PAINTER",
        "COMPOSITOR",
        "TEXTAREA",
        "CURVE",
        "RANGE",
        "VIDEO_EDIT",
        "RESOLUTION_PREVIEW",
        "COLORS",
        # Widgets added by the editor's core extensions (webcam capture, 3D loaders).
        "WEBCAM",
        "LOAD_3D",
        "LOAD_3D_ANIMATION",
    }
)

#: Frontend-only node types: they shape the graph in the editor and are never sent.
VIRTUAL_NODE_TYPES = frozenset({"Note", "MarkdownNote", "Reroute", "PrimitiveNode"})

#: Widget types that also get an input socket, so a link can stand in for the value.
_SOCKET_WIDGET_TYPES = frozenset({"INT", "FLOAT", "BOOLEAN", "STRING", "COMBO"})
_SEED_NAMES = ("seed", "noise_seed")
_UPLOAD_OPTIONS = ("image_upload", "video_upload", "animated_image_upload")
_NEVER = 2  # LGraphEventMode.NEVER: muted
_BYPASS = 4  # LGraphEventMode.BYPASS
_INPUT_NODE = "-10"  # the subgraph input node's id in subgraph links
_OUTPUT_NODE = "-20"  # the subgraph output node's id
_CONTAINERS = ("subgraph", "group")
_GROUP_PREFIXES = ("workflow>", "workflow/")


class _Unset:
    """A widget value JavaScript would leave ``undefined`` (dropped from the JSON)."""

    def __repr__(self) -> str:
        return "<unset>"


_UNSET: Any = _Unset()


def ui_to_api(ui: Mapping[str, Any], object_info: Mapping[str, Any]) -> dict[str, Any]:
    """The API-format prompt the editor's "Export (API)" gives for the UI workflow ``ui``.

    ``object_info`` is the server's ``GET /object_info`` body. Pure: nothing is read or
    written elsewhere and ``ui`` is not changed. Raises :class:`ConversionError` for node
    types the server does not know and for a broken graph (links to missing nodes...).
    """
    if not is_ui_format(ui):
        raise ConversionError("not a UI-format workflow: expected a 'nodes' list and 'links'")
    return _Converter(ui, object_info).convert()


# --- the graph as the converter sees it -------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Widget:
    name: str
    type: str
    options: Mapping[str, Any]
    controls: int  # values stored right after this one (control_after_generate, filter)
    in_prompt: bool = True


@dataclass(frozen=True, slots=True)
class _Slot:
    name: str
    type: str
    link: str | None


@dataclass(frozen=True, slots=True)
class _Link:
    origin: str
    origin_slot: int
    target: str
    target_slot: int


@dataclass(slots=True)
class _Node:
    id: str
    raw: Mapping[str, Any]
    type: str
    mode: int
    title: str
    kind: str  # "backend", "virtual", "subgraph", "group" or "unknown"
    inputs: list[_Slot]
    outputs: list[str]
    widgets: list[_Widget] = field(default_factory=list)
    container: str = ""  # subgraph id or group name


@dataclass(slots=True)
class _Graph:
    nodes: dict[str, _Node]
    links: dict[str, _Link]

    def outgoing(self, node_id: str, slot: int) -> Iterator[_Link]:
        """The links leaving ``node_id``'s output ``slot``, in table order."""
        return (ln for ln in self.links.values() if ln.origin == node_id and ln.origin_slot == slot)


@dataclass(slots=True)
class _Scope:
    """One graph as placed in the flattened prompt: the root, or a container's contents."""

    graph: _Graph
    path: tuple[str, ...] = ()
    parent: _Scope | None = None
    #: The subgraph / group node in the parent scope.
    instance: _Node | None = None
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
class _GroupDef:
    """A legacy group node type, read the way the editor's ``GroupNodeConfig`` builds it."""

    graph: _Graph
    input_names: list[str]
    widgets: list[_Widget]
    widget_targets: list[tuple[str, str]]  # (inner node id, inner widget name) per widget
    outputs: list[tuple[str, int]]
    output_types: list[str]


@dataclass(frozen=True, slots=True)
class _Origin:
    id: str
    slot: int


@dataclass(frozen=True, slots=True)
class _Value:
    value: Any


# --- the converter ----------------------------------------------------------------------


class _Converter:
    def __init__(self, ui: Mapping[str, Any], object_info: Mapping[str, Any]) -> None:
        self.ui = ui
        self.info = object_info
        definitions = ui.get("definitions")
        subgraphs = definitions.get("subgraphs") if isinstance(definitions, Mapping) else None
        self.subgraph_defs: dict[str, Mapping[str, Any]] = {}
        for entry in subgraphs if isinstance(subgraphs, list) else []:
            if isinstance(entry, Mapping) and _key(entry.get("id")) is not None:
                self.subgraph_defs[str(_key(entry.get("id")))] = entry
        extra = ui.get("extra")
        groups = extra.get("groupNodes") if isinstance(extra, Mapping) else None
        self.group_data: Mapping[str, Any] = groups if isinstance(groups, Mapping) else {}
        self._subgraph_graphs: dict[str, _Graph] = {}
        self._groups: dict[str, _GroupDef] = {}
        self._building_groups: set[str] = set()
        self._scopes: dict[tuple[str, ...], _Scope] = {}

    def convert(self) -> dict[str, Any]:
        root = _Scope(self._graph(self.ui.get("nodes"), self.ui.get("links")))
        root.values = self._primitive_values(root.graph, {})
        entries: list[tuple[_Scope, _Node]] = []
        for node in _execution_order(root.graph):
            entries.append((root, node))
            if node.kind in _CONTAINERS and node.mode not in (_NEVER, _BYPASS):
                self._expand(self._scope(root, node), entries)
        output: dict[str, Any] = {}
        for scope, node in entries:
            if node.kind in ("virtual", *_CONTAINERS) or node.mode in (_NEVER, _BYPASS):
                continue
            if node.kind == "unknown":
                exec_id = _exec_id(scope, node)
                raise ConversionError(
                    f"node {exec_id} ({node.type}, '{node.title}'): the server does not know "
                    f"node type '{node.type}' (not in /object_info); install it or remove the node",
                    node_id=exec_id,
                    title=node.title,
                )
            output[_exec_id(scope, node)] = self._emit(scope, node)
        # Inputs linked to nodes that are not sent (muted...) are dropped, as the editor does.
        for entry in output.values():
            inputs = entry["inputs"]
            for name, value in list(inputs.items()):
                gone = isinstance(value, list) and len(value) == 2 and str(value[0]) not in output
                if gone or value is _UNSET:
                    del inputs[name]
            entry["inputs"] = _js_ordered(inputs)
        return _js_ordered(output)

    def _expand(self, scope: _Scope, entries: list[tuple[_Scope, _Node]]) -> None:
        """Append a container's inner nodes (definition order, nested ones depth first)."""
        for node in scope.graph.nodes.values():
            if node.kind in _CONTAINERS:
                if node.mode not in (_NEVER, _BYPASS):
                    self._expand(self._scope(scope, node), entries)
            else:
                entries.append((scope, node))

    # -- one node of the prompt ------------------------------------------------------

    def _emit(self, scope: _Scope, node: _Node) -> dict[str, Any]:
        values = self._widget_values(node, scope.values.get(node.id))
        inputs: dict[str, Any] = {}
        for widget in node.widgets:
            if widget.in_prompt and widget.name:
                inputs[widget.name] = _wrap(values.get(widget.name, _UNSET), widget.type)
        for index, slot in enumerate(node.inputs):
            resolved = self._resolve_input(scope, node, index, set())
            if isinstance(resolved, _Value):
                inputs[slot.name] = _wrap(resolved.value)
            elif isinstance(resolved, _Origin):
                inputs[slot.name] = [resolved.id, resolved.slot]
        return {"inputs": inputs, "class_type": node.type, "_meta": {"title": node.title}}

    def _widget_values(self, node: _Node, overrides: Mapping[str, Any] | None) -> dict[str, Any]:
        """Widget name -> value, as the editor loads ``widgets_values`` into the widgets."""
        stored = node.raw.get("widgets_values")
        values: dict[str, Any] = {}
        if isinstance(stored, Mapping):  # some custom nodes store them by name
            for widget in node.widgets:
                values[widget.name] = (
                    stored[widget.name] if widget.name in stored else _default(widget)
                )
        else:
            sequence = stored if isinstance(stored, list) else []
            position = 0
            for widget in node.widgets:
                has = position < len(sequence)
                values[widget.name] = sequence[position] if has else _default(widget)
                position += 1 + widget.controls
        for name, value in (overrides or {}).items():
            if name in values:
                values[name] = value
        return values

    # -- link resolution (ExecutableNodeDTO.resolveInput / resolveOutput) -------------

    def _resolve_input(
        self,
        scope: _Scope,
        node: _Node,
        index: int,
        visited: set[tuple[Any, ...]],
        type_: str | None = None,
    ) -> _Origin | _Value | None:
        _visit(visited, scope, node, "input", index)
        if not 0 <= index < len(node.inputs):
            raise _broken(scope, node, f"a link reads its input {index}, which it does not have")
        slot = node.inputs[index]
        if slot.link is None:
            return None
        link = scope.graph.links.get(slot.link)
        if link is None:
            raise _broken(
                scope,
                node,
                f"input '{slot.name}' uses link {slot.link}, which is not in the workflow's links",
            )
        if link.origin == _INPUT_NODE and scope.instance is not None:
            return self._resolve_container_input(scope, link.origin_slot, visited)
        origin = scope.graph.nodes.get(link.origin)
        if origin is None:
            raise _broken(
                scope,
                node,
                f"input '{slot.name}' is linked (link {slot.link}) from node {link.origin}, "
                "which is not in the workflow",
            )
        wanted = type_ if type_ is not None else slot.type
        return self._resolve_output(scope, origin, link.origin_slot, wanted, visited)

    def _resolve_output(
        self, scope: _Scope, node: _Node, slot: int, type_: str, visited: set[tuple[Any, ...]]
    ) -> _Origin | _Value | None:
        _visit(visited, scope, node, "output", slot)
        if slot < 0:
            raise _broken(scope, node, f"a link reads its output {slot}, which it does not have")
        if node.mode == _BYPASS:
            index = _bypass_input(node, slot, type_)
            return None if index is None else self._resolve_input(scope, node, index, visited)
        if node.kind in _CONTAINERS:
            if node.mode == _NEVER:
                return None
            inner = self._scope(scope, node)
            source = inner.outputs[slot] if 0 <= slot < len(inner.outputs) else None
            if source is None:
                return None
            origin_id, origin_slot = source
            if origin_id == _INPUT_NODE:  # a subgraph input wired straight to an output
                return self._resolve_container_input(inner, origin_slot, visited)
            origin = inner.graph.nodes.get(origin_id)
            if origin is None:
                raise _broken(
                    scope,
                    node,
                    f"output {slot} comes from inner node {origin_id}, which is missing",
                )
            return self._resolve_output(inner, origin, origin_slot, type_, visited)
        if node.kind == "virtual":  # reroutes pass their input through; primitives give nothing
            if slot < len(node.inputs):  # slot >= 0: checked above
                return self._resolve_input(scope, node, slot, visited, type_)
            return None
        return _Origin(_exec_id(scope, node), slot)

    def _resolve_container_input(
        self, scope: _Scope, index: int, visited: set[tuple[Any, ...]]
    ) -> _Origin | _Value | None:
        """What a subgraph / group input carries: the outer link, or the promoted widget value."""
        parent, instance = scope.parent, scope.instance
        assert parent is not None and instance is not None
        if not 0 <= index < len(scope.input_slots):
            raise _broken(
                parent, instance, f"its contents read input {index}, which it does not have"
            )
        slot = scope.input_slots[index]
        if slot is None or slot >= len(instance.inputs):
            return None
        if instance.inputs[slot].link is None:
            return _Value(scope.promoted[index]) if index in scope.promoted else None
        return self._resolve_input(parent, instance, slot, visited)

    # -- containers --------------------------------------------------------------------

    def _scope(self, parent: _Scope, node: _Node) -> _Scope:
        path = (*parent.path, node.id)
        scope = self._scopes.get(path)
        if scope is not None:
            return scope
        if node.container in parent.containers:
            kind = "subgraph" if node.kind == "subgraph" else "group node"
            raise _broken(parent, node, f"{kind} '{node.container}' contains itself")
        if node.kind == "subgraph":
            scope = self._subgraph_scope(parent, node, path)
        else:
            scope = self._group_scope(parent, node, path)
        self._scopes[path] = scope
        return scope

    def _subgraph_scope(self, parent: _Scope, node: _Node, path: tuple[str, ...]) -> _Scope:
        definition = self.subgraph_defs[node.container]
        graph = self._subgraph_graph(parent, node)
        io_inputs = _mappings(definition.get("inputs"))
        outputs: list[tuple[str, int] | None] = []
        for index, io_output in enumerate(_mappings(definition.get("outputs"))):
            link = _first_link(
                graph,
                io_output,
                lambda ln, i=index: ln.target == _OUTPUT_NODE and ln.target_slot == i,
            )
            outputs.append((link.origin, link.origin_slot) if link else None)
        scope = _Scope(
            graph,
            path,
            parent,
            node,
            input_slots=list(range(len(io_inputs))),
            outputs=outputs,
            containers=(*parent.containers, node.container),
        )
        scope.values = self._primitive_values(graph, {})
        scope.promoted = self._promoted_values(node, io_inputs, graph)
        return scope

    def _subgraph_graph(self, parent: _Scope, node: _Node) -> _Graph:
        graph = self._subgraph_graphs.get(node.container)
        if graph is None:
            definition = self.subgraph_defs[node.container]
            if not isinstance(definition.get("nodes"), list):
                raise _broken(
                    parent, node, f"subgraph definition {node.container} has no 'nodes' list"
                )
            graph = self._graph(definition.get("nodes"), definition.get("links"))
            self._subgraph_graphs[node.container] = graph
        return graph

    def _promoted_values(
        self, instance: _Node, io_inputs: Sequence[Mapping[str, Any]], graph: _Graph
    ) -> dict[int, Any]:
        """Values of the widgets a subgraph node shows for its inputs (SubgraphNode)."""
        targets: dict[int, tuple[_Node, str]] = {}
        for index, io_input in enumerate(io_inputs):
            for link in _links_of(
                graph,
                io_input,
                lambda ln, i=index: ln.origin == _INPUT_NODE and ln.origin_slot == i,
            ):
                target = graph.nodes.get(link.target)
                name = _widget_of_input(target, link.target_slot) if target else None
                if target is not None and name is not None:
                    targets[index] = (target, name)
                    break
        stored = instance.raw.get("widgets_values")
        sequence = stored if isinstance(stored, list) else []
        proxy = _mapping(instance.raw.get("properties")).get("proxyWidgets")
        explicit: dict[int, Any] = {}
        if isinstance(proxy, list):  # newer editors: [[inner id or "-1", widget name], ...]
            by_name = {str(io.get("name")): i for i, io in enumerate(io_inputs)}
            for position, entry in enumerate(proxy):
                if not (isinstance(entry, list) and len(entry) >= 2 and str(entry[0]) == "-1"):
                    continue
                index = by_name.get(str(entry[1]), -1)
                if index in targets and position < len(sequence) and sequence[position] is not None:
                    explicit[index] = sequence[position]
        else:
            for position, index in enumerate(sorted(targets)):
                if position < len(sequence):
                    explicit[index] = sequence[position]
        promoted: dict[int, Any] = {}
        for index, (target, name) in targets.items():
            value = explicit.get(index, _UNSET)
            if value is _UNSET:  # the promoted widget starts as a copy of the inner one
                value = self._widget_values(target, None).get(name, _UNSET)
            if value is not _UNSET:
                promoted[index] = value
        return promoted

    def _group_scope(self, parent: _Scope, node: _Node, path: tuple[str, ...]) -> _Scope:
        group = self._group(node.container)
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
        widget_values = self._widget_values(node, None)
        for widget, (inner_id, inner_name) in zip(group.widgets, group.widget_targets, strict=True):
            value = widget_values.get(widget.name, _UNSET)
            if value is not _UNSET:
                values.setdefault(inner_id, {})[inner_name] = value
        return _Scope(
            group.graph,
            path,
            parent,
            node,
            input_slots=input_slots,
            outputs=list(group.outputs),
            values=self._primitive_values(group.graph, values),
            containers=(*parent.containers, node.container),
        )

    def _group(self, name: str) -> _GroupDef:
        group = self._groups.get(name)
        if group is None:
            if name in self._building_groups:
                raise ConversionError(f"group node type 'workflow>{name}' contains itself")
            self._building_groups.add(name)
            try:
                group = _GroupBuilder(self, name, self.group_data[name]).build()
            finally:
                self._building_groups.discard(name)
            self._groups[name] = group
        return group

    # -- primitives ----------------------------------------------------------------------

    def _primitive_values(
        self, graph: _Graph, base: Mapping[str, Mapping[str, Any]]
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
            for target, name in _primitive_targets(graph, node.id, set()):
                values.setdefault(target.id, {})[name] = value
        return values

    # -- building nodes ------------------------------------------------------------------

    def _graph(self, raw_nodes: object, raw_links: object) -> _Graph:
        links: dict[str, _Link] = {}
        for entry in raw_links if isinstance(raw_links, list) else []:
            parsed = _parse_link(entry)
            if parsed is not None:
                links.setdefault(parsed[0], parsed[1])
        nodes: dict[str, _Node] = {}
        for raw in raw_nodes if isinstance(raw_nodes, list) else []:
            node = self._node(raw)
            if node.id in nodes:
                raise ConversionError(
                    f"node {node.id} ({node.type}, '{node.title}'): two nodes share this id",
                    node_id=node.id,
                    title=node.title,
                )
            nodes[node.id] = node
        return _Graph(nodes, links)

    def _node(self, raw: object) -> _Node:
        if not isinstance(raw, Mapping):
            raise ConversionError(f"a node is not an object: {raw!r:.80}")
        node_id = _key(raw.get("id"))
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
        saved_inputs = [_saved_slot(entry) for entry in _mappings(raw.get("inputs"))]
        saved_outputs = [_type_name(o.get("type")) for o in _mappings(raw.get("outputs"))]
        node = _Node(
            node_id, raw, type_, mode, title or type_, "unknown", saved_inputs, saved_outputs
        )
        if type_ in self.subgraph_defs:
            definition = self.subgraph_defs[type_]
            io_inputs = _mappings(definition.get("inputs"))
            node.kind, node.container = "subgraph", type_
            node.title = title or str(definition.get("name") or type_)
            node.inputs = [
                _Slot(
                    str(io.get("name", "")),
                    _type_name(io.get("type")),
                    saved_inputs[i].link if i < len(saved_inputs) else None,
                )
                for i, io in enumerate(io_inputs)
            ]
            node.outputs = [
                _type_name(io.get("type")) for io in _mappings(definition.get("outputs"))
            ]
        elif type_.startswith(_GROUP_PREFIXES) and type_[len("workflow>") :] in self.group_data:
            name = type_[len("workflow>") :]
            group = self._group(name)
            node.kind, node.container = "group", name
            node.widgets = group.widgets
            node.outputs = group.output_types
        elif type_ in VIRTUAL_NODE_TYPES:
            node.kind = "virtual"
        elif isinstance(self.info.get(type_), Mapping):
            definition = self.info[type_]
            node.kind = "backend"
            node.title = title or str(
                definition.get("display_name") or definition.get("name") or type_
            )
            node.widgets, node.inputs = _widgets_and_inputs(definition, saved_inputs, raw)
            node.outputs = [_type_name(t) for t in _list(definition.get("output"))]
            node.outputs += saved_outputs[len(node.outputs) :]
        return node


class _GroupBuilder:
    """Reads a legacy group node's data (``extra.groupNodes``) like ``GroupNodeConfig``."""

    def __init__(self, converter: _Converter, name: str, data: object) -> None:
        self.info = converter.info
        self.converter = converter
        self.name = name
        data = data if isinstance(data, Mapping) else {}
        nodes = data.get("nodes")
        if not isinstance(nodes, list):
            raise ConversionError(f"group node type 'workflow>{name}' has no 'nodes' list")
        self.nodes: list[Mapping[str, Any]] = [n if isinstance(n, Mapping) else {} for n in nodes]
        self.links = [
            ln for ln in _list(data.get("links")) if isinstance(ln, list) and len(ln) >= 4
        ]
        self.config = _mapping(data.get("config"))
        self.links_from: dict[int, dict[int, list[list[Any]]]] = {}
        self.links_to: dict[int, dict[int, list[Any]]] = {}
        for link in self.links:
            source, source_slot, target, target_slot = (_int(v) for v in link[:4])
            if source is None or source_slot is None or target is None or target_slot is None:
                continue
            self.links_from.setdefault(source, {}).setdefault(source_slot, []).append(link)
            self.links_to.setdefault(target, {})[target_slot] = link
        self.external: dict[int, dict[int, Any]] = {}
        for ext in _list(data.get("external")):
            if isinstance(ext, list) and len(ext) >= 3 and _int(ext[0]) is not None:
                self.external.setdefault(int(ext[0]), {})[_int(ext[1]) or 0] = ext[2]
        self.seen: dict[str, int] = {}
        self.required: dict[str, list[Any]] = {}  # the group's own node definition
        self.targets: dict[str, tuple[int, str]] = {}  # group widget -> (inner index, name)
        self.widget_map: dict[int, dict[str, str | None]] = {}
        self.input_map: dict[int, dict[int, int]] = {}
        self.input_names: list[str] = []
        self.outputs: list[tuple[str, int]] = []
        self.output_types: list[str] = []
        self.primitives: dict[int, list[Any]] = {}
        self.deferred: list[tuple[int, dict[str, Any], list[str], dict[int, str]]] = []

    def build(self) -> _GroupDef:
        for index, node in enumerate(self.nodes):
            definition = self._node_def(node, index)
            if definition is None:
                continue
            inputs, outputs = definition
            self._process_inputs(node, index, inputs)
            if outputs:
                self._process_outputs(node, index, outputs)
        for index, inputs, slots, converted in self.deferred:
            self._process_converted(index, inputs, slots, converted)
        widgets: list[_Widget] = []
        widget_targets: list[tuple[str, str]] = []
        for name, spec in self.required.items():
            type_, options = _spec_type(spec), _spec_options(spec)
            if type_ not in WIDGET_TYPES or options.get("forceInput") or name not in self.targets:
                continue
            inner, inner_name = self.targets[name]
            widgets.append(_Widget(name, type_, options, _controls(name, type_, options)))
            widget_targets.append((str(inner), inner_name))
        return _GroupDef(
            self._graph(),
            self.input_names,
            widgets,
            widget_targets,
            self.outputs,
            self.output_types,
        )

    def _graph(self) -> _Graph:
        """The group's contents as a graph; links from outside come from the input node."""
        raw_nodes: list[dict[str, Any]] = []
        links: dict[str, _Link] = {}
        for index, node in enumerate(self.nodes):
            inputs = [dict(entry) for entry in _mappings(node.get("inputs"))]
            for entry in inputs:
                entry["link"] = None
            sources: list[tuple[int, str, int]] = []
            for slot, link in self.links_to.get(index, {}).items():
                sources.append((slot, str(_int(link[0])), _int(link[1]) or 0))
            for slot, group_input in self.input_map.get(index, {}).items():
                sources.append((slot, _INPUT_NODE, group_input))
            for slot, origin, origin_slot in sources:
                if 0 <= slot < len(inputs):
                    link_id = f"group-link-{len(links)}"
                    links[link_id] = _Link(origin, origin_slot, str(index), slot)
                    inputs[slot]["link"] = link_id
            raw_nodes.append({**node, "id": index, "inputs": inputs})
        graph = self.converter._graph(raw_nodes, [])
        graph.links = links
        return graph

    def _node_def(
        self, node: Mapping[str, Any], index: int
    ) -> tuple[dict[str, Any], list[Any]] | None:
        type_ = node.get("type")
        definition = self.info.get(type_) if isinstance(type_, str) else None
        if isinstance(definition, Mapping):
            spec = _mapping(definition.get("input"))
            inputs = {**_mapping(spec.get("required")), **_mapping(spec.get("optional"))}
            return inputs, _list(definition.get("output"))
        links_from = self.links_from.get(index)
        if type_ == "PrimitiveNode":
            first = (links_from or {}).get(0)
            if not first:
                return None  # not linked: not part of the group node
            link = first[0]
            value_type = link[5] if len(link) > 5 else "*"
            if value_type == "COMBO":  # the choices come from the widget it feeds
                outputs = _mappings(node.get("outputs"))
                source = str(_mapping(outputs[0].get("widget")).get("name")) if outputs else ""
                target_type = self._node_at(link[2]).get("type")
                target_def = _mapping(
                    self.info.get(target_type) if isinstance(target_type, str) else None
                )
                sections = _mapping(target_def.get("input"))
                fed = _mapping(sections.get("required")).get(source) or _mapping(
                    sections.get("optional")
                ).get(source)
                if isinstance(fed, list) and fed:
                    value_type = fed[0]
            primitive: list[Any] = [value_type, {}]
            self.primitives[index] = primitive
            return {"value": primitive}, [value_type]
        if type_ == "Reroute":
            links_to = self.links_to.get(index)
            if links_to and links_from and not self.external.get(index, {}).get(0):
                return None  # used inside the group only
            reroute_type: Any = "*"
            if links_from:
                for link in links_from.get(0, []):
                    slots = _mappings(self._node_at(link[2]).get("inputs"))
                    slot = _int(link[3])
                    if reroute_type == "*" and slot is not None and 0 <= slot < len(slots):
                        reroute_type = slots[slot].get("type", "*")
            elif links_to and 0 in links_to:
                link = links_to[0]
                outputs = _mappings(self._node_at(link[0]).get("outputs"))
                slot = _int(link[1])
                if slot is not None and 0 <= slot < len(outputs):
                    reroute_type = outputs[slot].get("type", "*")
            else:
                for link in self.links:
                    if _int(link[2]) == index:
                        reroute_type = link[5] if len(link) > 5 else "*"
                        break
                if reroute_type == "*" and self.external.get(index, {}).get(0):
                    reroute_type = self.external[index][0]
            name = _type_name(reroute_type)
            return {name: [name, {"forceInput": True}]}, [name]
        return None  # other frontend-only nodes are left out of the group's definition

    def _node_at(self, index: object) -> Mapping[str, Any]:
        position = _int(index)
        return (
            self.nodes[position] if position is not None and 0 <= position < len(self.nodes) else {}
        )

    def _input_config(
        self,
        node: Mapping[str, Any],
        index: int,
        input_name: str,
        spec: Any,
        extra: dict[str, Any] | None = None,
    ) -> tuple[str, Any, Mapping[str, Any]]:
        """The group's name and spec for an inner input (``getInputConfig``)."""
        node_config = _mapping(self.config.get(str(index)))
        custom = _mapping(_mapping(node_config.get("input")).get(input_name))
        label = None
        for slot in _mappings(node.get("inputs")):
            if slot.get("name") == input_name:
                label = slot.get("label")
                break
        name = str(
            custom["name"]
            if custom.get("name") is not None
            else label
            if label is not None
            else input_name
        )
        key, prefix = name, ""
        title = node.get("title")
        if (node.get("type") == "PrimitiveNode" and title) or name in self.seen:
            prefix = f"{title if title is not None else node.get('type')} "
            key = name = f"{prefix}{input_name}"
            if name in self.seen:
                name = f"{prefix}{self.seen[name]} {input_name}"
        self.seen[key] = self.seen.get(key, 1) + 1
        if input_name in _SEED_NAMES:
            extra = {**(extra or {}), "control_after_generate": f"{prefix}control_after_generate"}
        if extra:
            spec = [_spec_raw_type(spec), {**_spec_options(spec), **extra}]
        return name, spec, custom

    def _process_inputs(self, node: Mapping[str, Any], index: int, inputs: dict[str, Any]) -> None:
        if not inputs:
            return
        saved = _mappings(node.get("inputs"))
        converted: dict[int, str] = {}
        slots: list[str] = []
        widget_map = self.widget_map.setdefault(index, {})
        for input_name, spec in inputs.items():
            if _spec_type(spec) in WIDGET_TYPES:
                position = next(
                    (
                        i
                        for i, slot in enumerate(saved)
                        if slot.get("name") == input_name
                        and _mapping(slot.get("widget")).get("name") == input_name
                    ),
                    -1,
                )
                if position > -1:  # converted to an input: handled after all nodes
                    converted[position] = input_name
                    widget_map[input_name] = None
                else:
                    name, config, _ = self._input_config(node, index, input_name, spec)
                    self.required[name] = config
                    widget_map[input_name] = name
                    self.targets[name] = (index, input_name)
            else:
                slots.append(input_name)
        links_to = self.links_to.get(index, {})
        input_map = self.input_map.setdefault(index, {})
        for position, input_name in enumerate(slots):
            if position in links_to:
                self._check_primitive(links_to[position], input_name, inputs)
                continue
            name, config, custom = self._input_config(node, index, input_name, inputs[input_name])
            if custom.get("visible") is False:
                continue
            self.required[name] = config
            input_map[position] = len(self.input_names)
            self.input_names.append(name)
        self.deferred.append((index, inputs, slots, converted))

    def _process_converted(
        self, index: int, inputs: dict[str, Any], slots: list[str], converted: dict[int, str]
    ) -> None:
        node = self.nodes[index]
        links_to = self.links_to.get(index, {})
        input_map = self.input_map.setdefault(index, {})
        # The editor sorts the positions with Array.prototype.sort(): as strings.
        for offset, position in enumerate(sorted(converted, key=str)):
            input_name = converted[position]
            slot = len(slots) + offset
            if slot in links_to:
                self._check_primitive(links_to[slot], input_name, inputs)
                continue
            name, config, _ = self._input_config(
                node, index, input_name, inputs[input_name], {"defaultInput": True}
            )
            self.required[name] = config
            self.targets[name] = (index, input_name)
            self.widget_map.setdefault(index, {})[input_name] = name
            input_map[slot] = len(self.input_names)
            self.input_names.append(name)

    def _check_primitive(self, link: list[Any], input_name: str, inputs: dict[str, Any]) -> None:
        """A primitive feeding an inner widget takes that widget's options and a control."""
        source = _int(link[0])
        if source is None or self._node_at(source).get("type") != "PrimitiveNode":
            return
        primitive = self.primitives.get(source)
        if primitive is not None:
            primitive[1] = {**_spec_options(inputs[input_name]), "control_after_generate": True}

    def _process_outputs(self, node: Mapping[str, Any], index: int, outputs: list[Any]) -> None:
        links_from = self.links_from.get(index) or {}
        node_config = _mapping(self.config.get(str(index)))
        for slot, output_type in enumerate(outputs):
            linked = bool(links_from.get(slot)) and not self.external.get(index, {}).get(slot)
            custom = _mapping(_mapping(node_config.get("output")).get(str(slot)))
            visible = custom["visible"] if custom.get("visible") is not None else not linked
            if visible:
                self.outputs.append((str(index), slot))
                self.output_types.append(_type_name(output_type))


# --- helpers ------------------------------------------------------------------------------


def _widgets_and_inputs(
    definition: Mapping[str, Any], saved: list[_Slot], raw: Mapping[str, Any]
) -> tuple[list[_Widget], list[_Slot]]:
    """A backend node's widgets and input slots, in the order the editor creates them.

    Sockets come first (inputs that are not widgets, or are ``forceInput``), then one
    socket per primitive-typed widget; saved inputs the definition lacks are kept at the end.
    """
    widgets: list[_Widget] = []
    sockets: list[tuple[str, str]] = []
    widget_sockets: list[tuple[str, str]] = []
    for name, spec in _ordered_inputs(definition):
        type_, options = _spec_type(spec), _spec_options(spec)
        if type_ in WIDGET_TYPES and not options.get("forceInput"):
            in_prompt = type_ != "IMAGEUPLOAD"  # the upload button is not sent
            widgets.append(
                _Widget(name, type_, options, _controls(name, type_, options), in_prompt)
            )
            if type_ in _SOCKET_WIDGET_TYPES:
                widget_sockets.append((name, type_))
        else:
            sockets.append((name, type_))
    by_name: dict[str, _Slot] = {}
    for entry, slot in zip(_mappings(raw.get("inputs")), saved, strict=True):
        widget_name = _mapping(entry.get("widget")).get("name")
        by_name.setdefault(str(widget_name) if widget_name is not None else slot.name, slot)
    known = sockets + widget_sockets
    inputs = [_Slot(n, t, by_name[n].link if n in by_name else None) for n, t in known]
    names = {n for n, _ in known}
    used = {by_name[n].name for n in names if n in by_name}
    inputs += [slot for slot in saved if slot.name not in names and slot.name not in used]
    return widgets, inputs


def _ordered_inputs(definition: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """Inputs in the editor's order: ``input_order`` required, optional, then the rest."""
    section = _mapping(definition.get("input"))
    required = _mapping(section.get("required"))
    optional = _mapping(section.get("optional"))
    merged: dict[str, tuple[Any, bool]] = {}
    for name, spec in required.items():
        merged[str(name)] = (spec, False)
    # The editor adds an upload button after the first media upload combo's inputs.
    for name, spec in required.items():
        if _spec_type(spec) == "COMBO" and any(
            _spec_options(spec).get(o) is True for o in _UPLOAD_OPTIONS
        ):
            merged["upload"] = (["IMAGEUPLOAD", {"imageInputName": name}], False)
            break
    for name, spec in optional.items():
        merged[str(name)] = (spec, True)
    order = definition.get("input_order")
    if not isinstance(order, Mapping):
        return [(name, spec) for name, (spec, _) in merged.items()]
    result: list[tuple[str, Any]] = []
    for section_name, want_optional in (("required", False), ("optional", True)):
        for name in _list(order.get(section_name)):
            entry = merged.get(str(name))
            if (
                entry is not None
                and entry[1] == want_optional
                and all(n != name for n, _ in result)
            ):
                result.append((str(name), entry[0]))
    done = {n for n, _ in result}
    result += [(name, spec) for name, (spec, _) in merged.items() if name not in done]
    return result


def _controls(name: str, type_: str, options: Mapping[str, Any]) -> int:
    """How many control widget values the editor stores after this widget's value."""
    control = options.get("control_after_generate")
    if type_ == "INT":
        if control is None:  # seed / noise_seed get one unless told otherwise
            control = name in _SEED_NAMES
        return 1 if _truthy(control) else 0
    if type_ == "FLOAT":
        return 1 if _truthy(control) else 0
    if type_ == "COMBO":  # the control, and the filter list
        return 2 if _truthy(control) else 0
    return 0


def _default(widget: _Widget) -> Any:
    """A widget's value when ``widgets_values`` has none for it (its spec's default)."""
    options = widget.options
    default = options.get("default")
    if widget.type in ("INT", "FLOAT"):
        return 0 if default is None else default
    if widget.type == "BOOLEAN":
        return False if default is None else default
    if widget.type in ("STRING", "MARKDOWN", "TEXTAREA"):
        return "" if default is None else default
    if widget.type == "COMBO":
        if _truthy(default):
            return default
        choices = options.get("options")
        if isinstance(choices, list) and choices:
            return choices[0]
        return "Loading..." if options.get("remote") else _UNSET
    return _UNSET if default is None else default


def _spec_raw_type(spec: Any) -> Any:
    return spec[0] if isinstance(spec, list | tuple) and spec else None


def _spec_type(spec: Any) -> str:
    """``COMBO`` for choice lists, else the type name."""
    raw = _spec_raw_type(spec)
    if isinstance(raw, list | tuple):
        return "COMBO"
    return raw if isinstance(raw, str) else "UNKNOWN"


def _spec_options(spec: Any) -> dict[str, Any]:
    """The options of an input spec; a choice list's choices are under ``options``."""
    options = (
        dict(spec[1])
        if isinstance(spec, list | tuple) and len(spec) > 1 and isinstance(spec[1], Mapping)
        else {}
    )
    raw = _spec_raw_type(spec)
    if isinstance(raw, list | tuple):
        options["options"] = list(raw)
    return options


def _type_name(value: object) -> str:
    if isinstance(value, list | tuple):
        return "COMBO"
    if isinstance(value, str):
        return value
    return "*" if value is None else str(value)


def _saved_slot(entry: Mapping[str, Any]) -> _Slot:
    return _Slot(str(entry.get("name", "")), _type_name(entry.get("type")), _key(entry.get("link")))


def _widget_of_input(node: _Node, slot: int) -> str | None:
    """The widget a saved input of ``node`` stands for, if the node has that widget."""
    saved = _mappings(node.raw.get("inputs"))
    if not 0 <= slot < len(saved):
        return None
    name = _mapping(saved[slot].get("widget")).get("name")
    return str(name) if name is not None and any(w.name == name for w in node.widgets) else None


def _primitive_targets(graph: _Graph, node_id: str, seen: set[str]) -> Iterator[tuple[_Node, str]]:
    """The (node, widget name) pairs a primitive's output feeds, through reroutes."""
    seen.add(node_id)
    for link in list(graph.outgoing(node_id, 0)):
        target = graph.nodes.get(link.target)
        if target is None or target.id in seen:
            continue
        if target.type == "Reroute":
            yield from _primitive_targets(graph, target.id, seen)
            continue
        name = _widget_of_input(target, link.target_slot)
        if name is None:  # a widget input saved without its ``widget`` marker
            saved = _mappings(target.raw.get("inputs"))
            if 0 <= link.target_slot < len(saved):
                candidate = saved[link.target_slot].get("name")
                if any(w.name == candidate for w in target.widgets):
                    name = str(candidate)
        if name is not None:
            yield target, name


def _bypass_input(node: _Node, slot: int, type_: str) -> int | None:
    """The input a bypassed node passes through to its output ``slot`` (or None)."""
    inputs = node.inputs
    if not inputs:
        return None
    if type_ in ("*", ""):
        return slot if len(inputs) > slot else 0
    output_type = node.outputs[slot] if 0 <= slot < len(node.outputs) else "*"
    if slot < len(inputs):
        opposite = inputs[slot].type
        if _valid_connection(opposite, output_type) and _valid_connection(opposite, type_):
            return slot
    for index, entry in enumerate(inputs):
        if entry.type == type_:
            return index
    for index, entry in enumerate(inputs):
        if _valid_connection(entry.type, output_type) and _valid_connection(entry.type, type_):
            return index
    return None


def _valid_connection(a: str, b: str) -> bool:
    """litegraph's ``isValidConnection``: wildcards, equal types, comma-separated lists."""
    a = "" if a == "*" else a
    b = "" if b == "*" else b
    if not a or not b or a == b:
        return True
    a, b = a.lower(), b.lower()
    if "," not in a and "," not in b:
        return a == b
    return any(_valid_connection(x, y) for x in a.split(",") for y in b.split(","))


def _execution_order(graph: _Graph) -> list[_Node]:
    """litegraph's ``computeExecutionOrder``: Kahn's sort in node order, loops last."""
    pending = dict(graph.nodes)
    remaining: dict[str, int] = {}
    queue: deque[_Node] = deque()
    for node in graph.nodes.values():
        count = sum(1 for slot in node.inputs if slot.link is not None)
        if count:
            remaining[node.id] = count
        else:
            queue.append(node)
    order: list[_Node] = []
    seen: set[str] = set()
    while queue:
        node = queue.popleft()
        order.append(node)
        pending.pop(node.id, None)
        for output in _mappings(node.raw.get("outputs")):
            for link_id in (_key(v) for v in _list(output.get("links"))):
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
    order += [pending[key] for key in _js_ordered(pending)]
    return order


def _first_link(graph: _Graph, io: Mapping[str, Any], fallback: Any) -> _Link | None:
    return next(iter(_links_of(graph, io, fallback)), None)


def _links_of(graph: _Graph, io: Mapping[str, Any], fallback: Any) -> list[_Link]:
    """A subgraph input's / output's links: its ``linkIds``, else found in the table."""
    ids = [_key(v) for v in _list(io.get("linkIds"))]
    found = [graph.links[i] for i in ids if i is not None and i in graph.links]
    if ids:
        return found
    return [ln for ln in graph.links.values() if fallback(ln)]


def _parse_link(entry: object) -> tuple[str, _Link] | None:
    """``[id, origin, origin_slot, target, target_slot, type]`` or the object form."""
    if isinstance(entry, list) and len(entry) >= 5:
        values = entry[:5]
    elif isinstance(entry, Mapping):
        values = [
            entry.get(k) for k in ("id", "origin_id", "origin_slot", "target_id", "target_slot")
        ]
    else:
        return None
    link_id, origin, target = _key(values[0]), _key(values[1]), _key(values[3])
    origin_slot, target_slot = _int(values[2]), _int(values[4])
    if link_id is None or origin is None or target is None or origin_slot is None:
        return None
    return link_id, _Link(
        origin, origin_slot, target, target_slot if target_slot is not None else 0
    )


def _visit(visited: set[tuple[Any, ...]], scope: _Scope, node: _Node, side: str, slot: int) -> None:
    key = (scope.path, node.id, side, slot)
    if key in visited:
        raise _broken(scope, node, f"links loop back on themselves at {side} {slot}")
    visited.add(key)


def _broken(scope: _Scope, node: _Node, what: str) -> ConversionError:
    exec_id = _exec_id(scope, node)
    return ConversionError(
        f"node {exec_id} ({node.type}, '{node.title}'): {what}", node_id=exec_id, title=node.title
    )


def _exec_id(scope: _Scope, node: _Node) -> str:
    return ":".join((*scope.path, node.id))


def _wrap(value: Any, widget_type: str = "") -> Any:
    """A widget value for the prompt: lists are boxed so they are not read as links."""
    if isinstance(value, list):
        boxed = {"__value__": copy.deepcopy(value)}
        return {"__type__": "CURVE", **boxed} if widget_type == "CURVE" else boxed
    return value if value is _UNSET else copy.deepcopy(value)


def _js_ordered(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """Keys in JavaScript's property order: array indices ascending, then insertion order."""
    indices = sorted((k for k in mapping if _is_array_index(k)), key=int)
    return {k: mapping[k] for k in [*indices, *(k for k in mapping if not _is_array_index(k))]}


def _is_array_index(key: str) -> bool:
    return (
        key.isascii()
        and key.isdigit()
        and (key == "0" or not key.startswith("0"))
        and int(key) < 2**32 - 1
    )


def _truthy(value: object) -> bool:
    """JavaScript truthiness of a JSON value."""
    if isinstance(value, float) and value != value:
        return False
    return bool(value) or isinstance(value, list | Mapping)


def _key(value: object) -> str | None:
    """A node or link id as a string key (``String(id)`` in the editor)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return value if isinstance(value, str) else None


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value):
        return int(value)
    return None


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _mappings(value: object) -> list[Mapping[str, Any]]:
    """The entries of a list (non-objects as empty ones, so positions are kept)."""
    return [v if isinstance(v, Mapping) else {} for v in _list(value)]
