"""Legacy group nodes (``extra.groupNodes``): their widgets, inputs, outputs and contents, read
the way the editor's ``GroupNodeConfig`` builds a group node type."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ...errors import ConversionError
from ...formats import SEED_INPUTS, as_mapping
from .jsvalues import as_int, as_list, as_mappings, type_name
from .model import SUBGRAPH_INPUT_NODE, Graph, GroupDef, Link, Widget
from .widgets import WIDGET_TYPES, control_count, spec_options, spec_raw_type, spec_type

#: Builds a graph from raw node and link lists (``GraphBuilder.build``).
BuildGraph = Callable[[object, object], Graph]


class GroupBuilder:
    """Reads a legacy group node's data (``extra.groupNodes``) like ``GroupNodeConfig``."""

    def __init__(
        self, object_info: Mapping[str, Any], build_graph: BuildGraph, name: str, data: object
    ) -> None:
        self.info = object_info
        self.build_graph = build_graph
        self.name = name
        data = data if isinstance(data, Mapping) else {}
        nodes = data.get("nodes")
        if not isinstance(nodes, list):
            raise ConversionError(f"group node type 'workflow>{name}' has no 'nodes' list")
        self.nodes: list[Mapping[str, Any]] = [n if isinstance(n, Mapping) else {} for n in nodes]
        self.links = [
            ln for ln in as_list(data.get("links")) if isinstance(ln, list) and len(ln) >= 4
        ]
        self.config = as_mapping(data.get("config"))
        self.links_from: dict[int, dict[int, list[list[Any]]]] = {}
        self.links_to: dict[int, dict[int, list[Any]]] = {}
        for link in self.links:
            source, source_slot, target, target_slot = (as_int(v) for v in link[:4])
            if source is None or source_slot is None or target is None or target_slot is None:
                continue
            self.links_from.setdefault(source, {}).setdefault(source_slot, []).append(link)
            self.links_to.setdefault(target, {})[target_slot] = link
        self.external: dict[int, dict[int, Any]] = {}
        for ext in as_list(data.get("external")):
            if isinstance(ext, list) and len(ext) >= 3 and as_int(ext[0]) is not None:
                self.external.setdefault(int(ext[0]), {})[as_int(ext[1]) or 0] = ext[2]
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

    def build(self) -> GroupDef:
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
        widgets: list[Widget] = []
        widget_targets: list[tuple[str, str]] = []
        for name, spec in self.required.items():
            type_, options = spec_type(spec), spec_options(spec)
            if type_ not in WIDGET_TYPES or options.get("forceInput") or name not in self.targets:
                continue
            inner, inner_name = self.targets[name]
            widgets.append(Widget(name, type_, options, control_count(name, type_, options)))
            widget_targets.append((str(inner), inner_name))
        return GroupDef(
            self._graph(),
            self.input_names,
            widgets,
            widget_targets,
            self.outputs,
            self.output_types,
        )

    def _graph(self) -> Graph:
        """The group's contents as a graph; links from outside come from the input node."""
        raw_nodes: list[dict[str, Any]] = []
        links: dict[str, Link] = {}
        for index, node in enumerate(self.nodes):
            inputs = [dict(entry) for entry in as_mappings(node.get("inputs"))]
            for entry in inputs:
                entry["link"] = None
            sources: list[tuple[int, str, int]] = []
            for slot, link in self.links_to.get(index, {}).items():
                sources.append((slot, str(as_int(link[0])), as_int(link[1]) or 0))
            for slot, group_input in self.input_map.get(index, {}).items():
                sources.append((slot, SUBGRAPH_INPUT_NODE, group_input))
            for slot, origin, origin_slot in sources:
                if 0 <= slot < len(inputs):
                    link_id = f"group-link-{len(links)}"
                    links[link_id] = Link(origin, origin_slot, str(index), slot)
                    inputs[slot]["link"] = link_id
            raw_nodes.append({**node, "id": index, "inputs": inputs})
        graph = self.build_graph(raw_nodes, [])
        graph.links = links
        return graph

    def _node_def(
        self, node: Mapping[str, Any], index: int
    ) -> tuple[dict[str, Any], list[Any]] | None:
        type_ = node.get("type")
        definition = self.info.get(type_) if isinstance(type_, str) else None
        if isinstance(definition, Mapping):
            spec = as_mapping(definition.get("input"))
            inputs = {**as_mapping(spec.get("required")), **as_mapping(spec.get("optional"))}
            return inputs, as_list(definition.get("output"))
        links_from = self.links_from.get(index)
        if type_ == "PrimitiveNode":
            first = (links_from or {}).get(0)
            if not first:
                return None  # not linked: not part of the group node
            link = first[0]
            value_type = link[5] if len(link) > 5 else "*"
            if value_type == "COMBO":  # the choices come from the widget it feeds
                outputs = as_mappings(node.get("outputs"))
                source = str(as_mapping(outputs[0].get("widget")).get("name")) if outputs else ""
                target_type = self._node_at(link[2]).get("type")
                target_def = as_mapping(
                    self.info.get(target_type) if isinstance(target_type, str) else None
                )
                sections = as_mapping(target_def.get("input"))
                fed = as_mapping(sections.get("required")).get(source) or as_mapping(
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
                    slots = as_mappings(self._node_at(link[2]).get("inputs"))
                    slot = as_int(link[3])
                    if reroute_type == "*" and slot is not None and 0 <= slot < len(slots):
                        reroute_type = slots[slot].get("type", "*")
            elif links_to and 0 in links_to:
                link = links_to[0]
                outputs = as_mappings(self._node_at(link[0]).get("outputs"))
                slot = as_int(link[1])
                if slot is not None and 0 <= slot < len(outputs):
                    reroute_type = outputs[slot].get("type", "*")
            else:
                for link in self.links:
                    if as_int(link[2]) == index:
                        reroute_type = link[5] if len(link) > 5 else "*"
                        break
                if reroute_type == "*" and self.external.get(index, {}).get(0):
                    reroute_type = self.external[index][0]
            name = type_name(reroute_type)
            return {name: [name, {"forceInput": True}]}, [name]
        return None  # other frontend-only nodes are left out of the group's definition

    def _node_at(self, index: object) -> Mapping[str, Any]:
        position = as_int(index)
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
        node_config = as_mapping(self.config.get(str(index)))
        custom = as_mapping(as_mapping(node_config.get("input")).get(input_name))
        label = None
        for slot in as_mappings(node.get("inputs")):
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
        if input_name in SEED_INPUTS:
            extra = {**(extra or {}), "control_after_generate": f"{prefix}control_after_generate"}
        if extra:
            spec = [spec_raw_type(spec), {**spec_options(spec), **extra}]
        return name, spec, custom

    def _process_inputs(self, node: Mapping[str, Any], index: int, inputs: dict[str, Any]) -> None:
        if not inputs:
            return
        saved = as_mappings(node.get("inputs"))
        converted: dict[int, str] = {}
        slots: list[str] = []
        widget_map = self.widget_map.setdefault(index, {})
        for input_name, spec in inputs.items():
            if spec_type(spec) in WIDGET_TYPES:
                position = next(
                    (
                        i
                        for i, slot in enumerate(saved)
                        if slot.get("name") == input_name
                        and as_mapping(slot.get("widget")).get("name") == input_name
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
        source = as_int(link[0])
        if source is None or self._node_at(source).get("type") != "PrimitiveNode":
            return
        primitive = self.primitives.get(source)
        if primitive is not None:
            primitive[1] = {**spec_options(inputs[input_name]), "control_after_generate": True}

    def _process_outputs(self, node: Mapping[str, Any], index: int, outputs: list[Any]) -> None:
        links_from = self.links_from.get(index) or {}
        node_config = as_mapping(self.config.get(str(index)))
        for slot, output_type in enumerate(outputs):
            linked = bool(links_from.get(slot)) and not self.external.get(index, {}).get(slot)
            custom = as_mapping(as_mapping(node_config.get("output")).get(str(slot)))
            visible = custom["visible"] if custom.get("visible") is not None else not linked
            if visible:
                self.outputs.append((str(index), slot))
                self.output_types.append(type_name(output_type))
