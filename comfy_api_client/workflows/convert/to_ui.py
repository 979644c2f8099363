"""API format back to the editor's UI format (LiteGraph workflow ``version 0.4``).

The reverse of :func:`ui_to_api`: every API node becomes an editor node of its class, with

* its widget values in the order the editor creates the widgets from the node definition
  (the order the converter reads them back in), a ``control_after_generate`` value after
  every widget that has one (``"fixed"``: the editor keeps the workflow's seed), and the
  values of V3 dynamic combos followed by those of the option they choose;
* an input socket per socket input, per V3 autogrow entry and per widget input that is
  linked (a linked widget keeps its default value underneath, as in the editor);
* its title (``_meta.title``; always written: the editor may name a class differently from
  the server's ``display_name``), and its id:
  ``"3"`` becomes the number 3; path ids of flattened subgraphs (``"112:55:117"``) stay strings;
* links typed by the output they leave, from the node definitions;
* text in dynamic-prompt widgets escaped so that the editor sends it unchanged, and the
  values of widgets the editor's extensions add (CustomCombo's options, 3D captures) after
  the definition's widgets.

Nodes are placed left to right by depth (see :mod:`.layout`).
"""

from __future__ import annotations

import copy
import logging
import re
import uuid
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from ...errors import ConversionError
from ...formats import as_mapping
from .dynamic_prompts import fixed_prompt
from .jsvalues import UNSET, as_list, type_name
from .model import SUBGRAPH_INPUT_NODE, SUBGRAPH_OUTPUT_NODE, Slot, Widget
from .to_ui_subgraphs import Definition, Unrebuildable, plan, split
from .ui_graph import (
    LinkRef,
    UILink,
    UINode,
    WrittenGraph,
    ui_id,
    write_graph,
)
from .widgets import (
    AUTOGROW,
    MATCH_TYPE,
    ordered_inputs,
    spec_options,
    spec_type,
    widget_default,
    widgets_and_inputs,
)

logger = logging.getLogger(__name__)

#: What the editor stores for a seed-like widget's ``control_after_generate`` companion.
CONTROL_VALUE = "fixed"
#: Values the editor stores for the buttons it draws before a widget of these types.
_BUTTON_VALUES = {"LOAD_3D": ("upload3dmodel", "uploadExtraResources", "clear")}


def api_to_ui(api: Mapping[str, Any], object_info: Mapping[str, Any]) -> dict[str, Any]:
    """The editor workflow (UI format) for the API-format workflow ``api``.

    ``object_info`` is the server's ``GET /object_info`` body. The editor's "Export (API)" of
    the result, and :func:`ui_to_api`, give ``api`` again. Values of inputs the definition
    lacks (widgets the editor's extensions add: CustomCombo's options, 3D captures) are kept
    after the node's widgets, in the order of their names, and logged at INFO. Nodes of a
    flattened subgraph (``"88:92"``) are written back into a subgraph where only one can
    hold their values (see :mod:`.to_ui_subgraphs`). Raises :class:`ConversionError`
    naming the node and input for node types the server does not know, links to missing
    nodes or outputs, and values given to sockets that no subgraph can hold.
    """
    if not isinstance(api, Mapping):
        raise ConversionError("not an API-format workflow: expected {node_id: node}")
    entries = {str(node_id): entry for node_id, entry in api.items()}
    nodes = [_ui_node(node_id, entry, object_info) for node_id, entry in entries.items()]
    try:
        plans, fed = plan(nodes)
    except Unrebuildable as why:
        raise _value_on_socket(why.node, why.name, why.reason) from None
    nodes = [
        _ui_node(n.id, entries[n.id], object_info, fed[n.id]) if n.id in fed else n for n in nodes
    ]
    for node in nodes:
        for name in node.unescapable:
            if name not in fed.get(node.id, ()):
                logger.warning(
                    "%s: the editor reads '//' and '/* */' in input '%s' as comments and will "
                    "not send this text unchanged",
                    node.describe(),
                    name,
                )
    by_id = {node.id: node for node in nodes}
    for node in nodes:
        for slot, (name, _) in enumerate(node.outputs):
            node.outputs[slot] = (name, _output_type(node, slot, by_id, ()))
    root_nodes, root_links, definitions = split(nodes, _links(nodes, by_id), plans)
    root = write_graph(root_nodes, root_links, 1)
    written = [root]
    subgraphs = []
    for definition in definitions:
        inner = write_graph(
            definition.nodes, definition.links, 1 + sum(len(w.links) for w in written)
        )
        written.append(inner)
        subgraphs.append(_subgraph(definition, inner))
    numbers = [n["id"] for w in written for n in w.nodes if isinstance(n["id"], int)]
    ui: dict[str, Any] = {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, _fingerprint(api))),
        "revision": 0,
        "last_node_id": max(numbers, default=0),
        "last_link_id": sum(len(w.links) for w in written),
        "nodes": root.nodes,
        "links": [
            [i, ui_id(k.origin), k.origin_slot, ui_id(k.target), k.target_slot, k.type]
            for i, k in root.links
        ],
        "groups": [],
        "config": {},
        "extra": {"ds": {"scale": 1, "offset": [0, 0]}},
        "version": 0.4,
    }
    if subgraphs:
        ui["definitions"] = {"subgraphs": subgraphs}
    return ui


def _subgraph(definition: Definition, inner: WrittenGraph) -> dict[str, Any]:
    """A subgraph definition as the editor saves it (``definitions.subgraphs[]``)."""
    rebuilt = definition.rebuilt
    left, top, right, _ = inner.bounds()
    numbers = [n["id"] for n in inner.nodes if isinstance(n["id"], int)]

    def io(key: str, entries: Sequence[tuple[str, str]], leaving: bool) -> list[dict[str, Any]]:
        return [
            {
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{definition.type_id}:{key}:{index}")),
                "name": name,
                "type": kind,
                "linkIds": inner.link_ids(key, index, leaving=leaving),
            }
            for index, (name, kind) in enumerate(entries)
        ]

    def end(key: str) -> int | str:
        return int(key) if key in (SUBGRAPH_INPUT_NODE, SUBGRAPH_OUTPUT_NODE) else ui_id(key)

    height = 20.0 * (1 + max(len(rebuilt.inputs), len(rebuilt.outputs)))
    return {
        "id": definition.type_id,
        "version": 1,
        "state": {
            "lastGroupId": 0,
            "lastNodeId": max(numbers, default=0),
            "lastLinkId": max((i for i, _ in inner.links), default=0),
            "lastRerouteId": 0,
        },
        "revision": 0,
        "config": {},
        "name": definition.instance.title,
        "inputNode": {"id": int(SUBGRAPH_INPUT_NODE), "bounding": [left - 260, top, 120, height]},
        "outputNode": {
            "id": int(SUBGRAPH_OUTPUT_NODE),
            "bounding": [right + 140, top, 120, height],
        },
        "inputs": io(SUBGRAPH_INPUT_NODE, [(i.name, i.type) for i in rebuilt.inputs], True),
        "outputs": io(
            SUBGRAPH_OUTPUT_NODE, [(name, kind) for _, name, kind in rebuilt.outputs], False
        ),
        "widgets": [],
        "nodes": inner.nodes,
        "groups": [],
        "links": [
            {
                "id": link_id,
                "origin_id": end(link.origin),
                "origin_slot": link.origin_slot,
                "target_id": end(link.target),
                "target_slot": link.target_slot,
                "type": link.type,
            }
            for link_id, link in inner.links
        ],
        "extra": {},
    }


def _fingerprint(api: Mapping[str, Any]) -> str:
    """Stable text for the workflow id: the same API workflow gets the same UI id."""
    return "comfy-api-client:" + repr(sorted((str(k), repr(v)) for k, v in api.items()))


# -- one node ----------------------------------------------------------------------------


def _ui_node(
    node_id: str, entry: Any, object_info: Mapping[str, Any], fed: Collection[str] = ()
) -> UINode:
    """The editor node for API node ``entry``; ``fed`` names widgets a subgraph input feeds
    (their values are written as given: the editor sends a subgraph input's value as is)."""
    if not isinstance(entry, Mapping) or not isinstance(entry.get("class_type"), str):
        raise ConversionError(f"node {node_id} is not an API-format node (needs 'class_type')")
    class_type = entry["class_type"]
    definition = object_info.get(class_type)
    meta = as_mapping(entry.get("_meta"))
    default_title = (
        str(definition.get("display_name") or definition.get("name") or class_type)
        if isinstance(definition, Mapping)
        else class_type
    )
    title = meta.get("title") if isinstance(meta.get("title"), str) and meta["title"] else None
    if not isinstance(definition, Mapping):
        raise ConversionError(
            f"node {node_id} ({class_type}, '{title or class_type}'): the server does not know "
            f"node type '{class_type}' (not in /object_info)",
            node_id=node_id,
            title=title,
        )
    node = UINode(node_id, class_type, title or default_title, definition)
    given = dict(as_mapping(entry.get("inputs")))
    links = {name: ref for name, value in given.items() if (ref := _link(value)) is not None}
    values = {name: _unwrap(value) for name, value in given.items() if name not in links}
    entries = [name for name in values if _autogrow_type(definition, name) is not None]
    saved = [
        Slot(name, _autogrow_type(definition, name) or "*", name)
        for name in [*links, *entries, *fed]
    ]
    raw = {"widgets_values": values, "inputs": [{"name": slot.name} for slot in saved]}
    widgets, slots = widgets_and_inputs(definition, saved, raw)
    node.widgets = widgets
    widget_names = {w.name for w in widgets}
    for widget in widgets:
        if not getattr(widget, "saved", True):
            continue  # a widget the editor keeps out of widgets_values
        leading = int(getattr(widget, "leading", 0))  # buttons drawn before it
        buttons = _BUTTON_VALUES.get(widget.type, ())
        node.values += list(buttons[:leading]) + [None] * (leading - len(buttons))
        node.values.append(_widget_value(node, widget, values, links, fed))
        capture = values.get(widget.name) if widget.type == "LOAD_3D" else None
        camera = as_mapping(capture).get("camera_info")
        if isinstance(camera, Mapping):  # the 3D view's camera, kept where the editor keeps it
            config = {"cameraType": camera.get("cameraType", "perspective"), "state": dict(camera)}
            if isinstance(camera.get("fov"), int | float):
                config["fov"] = camera["fov"]
            node.properties["Camera Config"] = config
        node.values += [CONTROL_VALUE, ""][: widget.controls] + [None] * (widget.controls - 2)
    used = set(widget_names)
    node.given = {name: values[name] for name in widget_names if name in values}
    for slot in slots:
        ref = links.get(slot.name)
        if slot.name in widget_names:
            if ref is not None or slot.name in fed:
                node.inputs.append((slot.name, slot.type, ref, slot.name, None))
            continue
        used.add(slot.name)
        if slot.name in values:  # the editor can hold it only as a subgraph's input
            node.held[slot.name] = values[slot.name]
        label = slot.name.rsplit(".", 1)[1] if "." in slot.name else None
        node.inputs.append((slot.name, slot.type, ref, None, label))
    pressed = {v for w in widgets for v in _BUTTON_VALUES.get(w.type, ())}
    extra = [n for n in given if n not in used and not (given[n] in pressed and n not in links)]
    if extra:  # widgets the editor's extensions add (CustomCombo's options, 3D captures)
        extra.sort(key=_natural)
        node.values += [values[name] for name in extra]
        node.extra_widgets = len(extra)
        logger.info(
            "%s: %s kept after the node's widgets (the node's definition has no such input)",
            node.describe(),
            ", ".join(extra),
        )
    for name, spec in ordered_inputs(definition):
        if spec_type(spec) == AUTOGROW:  # the editor shows one empty socket more, up to max
            grown = sum(1 for n, *_ in node.inputs if n.startswith(f"{name}."))
            template = as_mapping(spec_options(spec).get("template"))
            least = template.get("min")
            node.spare_sockets += max(grown + 1, least if isinstance(least, int) else 0) - grown
    names = as_list(definition.get("output_name"))
    for index, kind in enumerate(as_list(definition.get("output"))):
        label = names[index] if index < len(names) and isinstance(names[index], str) else None
        node.outputs.append((label or type_name(kind), type_name(kind)))
    return node


def _value_on_socket(node: UINode, name: str, why: str) -> ConversionError:
    return ConversionError(
        f"{node.describe()}: input '{name}' is a socket; it takes a link "
        f"[node_id, output_index], not the value {node.held[name]!r:.80} (the editor holds "
        f"values only in widgets, or as a subgraph's input, and {why})",
        node_id=node.id,
        title=node.title,
    )


def _natural(name: str) -> tuple[str, int]:
    """``option2`` before ``option10``: the order the editor adds numbered widgets in."""
    stem = name.rstrip("0123456789")
    return stem, int(name[len(stem) :] or -1)


def _widget_value(
    node: UINode,
    widget: Widget,
    values: Mapping[str, Any],
    links: Mapping[str, LinkRef],
    fed: Collection[str],
) -> Any:
    if widget.type == "IMAGEUPLOAD":  # the upload button stores the name of its combo
        return str(widget.options.get("imageInputName") or "image")
    if widget.name in values and widget.name not in links:
        value = values[widget.name]
        if (
            isinstance(value, str)
            and widget.type == "STRING"
            and widget.options.get("dynamicPrompts")
            and widget.name not in fed
        ):
            return _prompt_value(node, widget.name, value)
        return value
    default = widget_default(widget)  # a linked widget keeps a value underneath
    return None if default is UNSET else copy.deepcopy(default)


def _prompt_value(node: UINode, name: str, value: str) -> str:
    """``value`` written so that the editor sends it unchanged: braces and bars escaped.
    Comments cannot be escaped: such a widget is noted (a subgraph input can keep it)."""
    if fixed_prompt(value) == value:
        return value
    escaped = re.sub(r"([{}|])", r"\\\1", value)
    if fixed_prompt(escaped) != value:
        node.unescapable.append(name)
    return escaped


def _link(value: Any) -> LinkRef | None:
    if (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str | int)
        and not isinstance(value[0], bool)
        and isinstance(value[1], int)
        and not isinstance(value[1], bool)
    ):
        return str(value[0]), value[1]
    return None


def _unwrap(value: Any) -> Any:
    """A widget value as the editor holds it: boxed lists (``__value__``) unboxed."""
    if (
        isinstance(value, Mapping)
        and "__value__" in value
        and set(value) <= {"__value__", "__type__"}
    ):
        return copy.deepcopy(value["__value__"])
    return copy.deepcopy(value)


def _autogrow_type(definition: Mapping[str, Any], name: str) -> str | None:
    """The socket type of an autogrow entry (``images.image0``); None if ``name`` is not one."""
    group, dot, _ = name.partition(".")
    if not dot:
        return None
    for input_name, spec in ordered_inputs(definition):
        if input_name == group and spec_type(spec) == AUTOGROW:
            template = as_mapping(as_mapping(spec_options(spec).get("template")).get("input"))
            for section in ("required", "optional"):
                for entry in as_mapping(template.get(section)).values():
                    return spec_type(entry)
            return "*"
    return None


def _output_type(
    node: UINode, slot: int, by_id: Mapping[str, UINode], seen: tuple[str, ...]
) -> str:
    """An output's type; a V3 match-type output takes the type linked to its match-type
    input (as the editor shows it), else the types that input allows."""
    kind = node.outputs[slot][1]
    if kind != MATCH_TYPE:
        return kind
    template_ids = as_list(node.definition.get("output_matchtypes"))
    wanted = template_ids[slot] if slot < len(template_ids) else None
    for name, spec in ordered_inputs(node.definition):
        template = as_mapping(spec_options(spec).get("template"))
        if spec_type(spec) != MATCH_TYPE or template.get("template_id") != wanted:
            continue
        ref = next((r for n, _, r, _, _ in node.inputs if n == name), None)
        origin = by_id.get(ref[0]) if ref is not None else None
        if ref and origin and node.id not in seen and 0 <= ref[1] < len(origin.outputs):
            return _output_type(origin, ref[1], by_id, (*seen, node.id))
        return str(template.get("allowed_types") or "*")
    return "*"


# -- links -------------------------------------------------------------------------------


def _links(nodes: list[UINode], by_id: Mapping[str, UINode]) -> list[UILink]:
    """A link (API ids) for every linked input, typed by the output it leaves."""
    links: list[UILink] = []
    for node in nodes:
        for index, (name, _, ref, _, _) in enumerate(node.inputs):
            if ref is None:
                continue
            origin = by_id.get(ref[0])
            if origin is None:
                raise ConversionError(
                    f"{node.describe()}: input '{name}' is linked to node {ref[0]}, which is "
                    "not in the workflow",
                    node_id=node.id,
                    title=node.title,
                )
            if not 0 <= ref[1] < len(origin.outputs):
                raise ConversionError(
                    f"{node.describe()}: input '{name}' is linked to output {ref[1]} of "
                    f"{origin.describe()}, which has {len(origin.outputs)} outputs",
                    node_id=node.id,
                    title=node.title,
                )
            links.append(UILink(origin.id, ref[1], node.id, index, origin.outputs[ref[1]][1]))
    return links
