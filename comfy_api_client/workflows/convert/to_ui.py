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
import itertools
import logging
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...errors import ConversionError
from ...formats import as_mapping
from .dynamic_prompts import fixed_prompt
from .jsvalues import UNSET, as_list, type_name
from .layout import Box, place
from .model import Slot, Widget
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
#: A link as the API format writes it: ``[origin node id, origin output index]``.
LinkRef = tuple[str, int]


@dataclass
class UINode:
    """One editor node being written: its sockets, widgets and stored values."""

    id: str
    class_type: str
    title: str
    definition: Mapping[str, Any]
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

    def describe(self) -> str:
        return f"node {self.id} ({self.class_type}, '{self.title}')"


def api_to_ui(api: Mapping[str, Any], object_info: Mapping[str, Any]) -> dict[str, Any]:
    """The editor workflow (UI format) for the API-format workflow ``api``.

    ``object_info`` is the server's ``GET /object_info`` body. The editor's "Export (API)" of
    the result, and :func:`ui_to_api`, give ``api`` again. Values of inputs the definition
    lacks (widgets the editor's extensions add: CustomCombo's options, 3D captures) are kept
    after the node's widgets, in the order of their names, and logged at INFO. Raises
    :class:`ConversionError` naming the node and input for node types the server does not
    know, links to missing nodes or outputs, and values given to sockets.
    """
    if not isinstance(api, Mapping):
        raise ConversionError("not an API-format workflow: expected {node_id: node}")
    nodes = [_ui_node(str(node_id), entry, object_info) for node_id, entry in api.items()]
    by_id = {node.id: node for node in nodes}
    for node in nodes:
        for slot, (name, _) in enumerate(node.outputs):
            node.outputs[slot] = (name, _output_type(node, slot, by_id, ()))
    links = _links(nodes, by_id)
    edges = [(origin, target) for _, origin, _, target, _, _ in links]
    boxes = place([Box(node.id, *_size(node)) for node in nodes], edges)
    leaving: dict[tuple[str, int], list[int]] = {}
    arriving: dict[tuple[str, int], int] = {}
    for link_id, origin, slot, target, target_slot, _ in links:
        leaving.setdefault((origin, slot), []).append(link_id)
        arriving[target, target_slot] = link_id
    written = [_write_node(node, boxes[node.id], leaving, arriving) for node in nodes]
    written.sort(key=lambda n: int(n["order"]))
    numbers = [n["id"] for n in written if isinstance(n["id"], int)]
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, _fingerprint(api))),
        "revision": 0,
        "last_node_id": max(numbers, default=0),
        "last_link_id": len(links),
        "nodes": written,
        "links": [[i, _ui_id(o), s, _ui_id(t), ts, ty] for i, o, s, t, ts, ty in links],
        "groups": [],
        "config": {},
        "extra": {"ds": {"scale": 1, "offset": [0, 0]}},
        "version": 0.4,
    }


def _fingerprint(api: Mapping[str, Any]) -> str:
    """Stable text for the workflow id: the same API workflow gets the same UI id."""
    return "comfy-api-client:" + repr(sorted((str(k), repr(v)) for k, v in api.items()))


def _ui_id(node_id: str) -> int | str:
    """The editor's id: a number where the API id is one, else the string itself."""
    if node_id.isascii() and node_id.isdigit() and (node_id == "0" or node_id[0] != "0"):
        return int(node_id)
    return node_id


# -- one node ----------------------------------------------------------------------------


def _ui_node(node_id: str, entry: Any, object_info: Mapping[str, Any]) -> UINode:
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
    saved = [Slot(name, _autogrow_type(definition, name) or "*", name) for name in links]
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
        node.values.append(_widget_value(node, widget, values, links))
        capture = values.get(widget.name) if widget.type == "LOAD_3D" else None
        camera = as_mapping(capture).get("camera_info")
        if isinstance(camera, Mapping):  # the 3D view's camera, kept where the editor keeps it
            config = {"cameraType": camera.get("cameraType", "perspective"), "state": dict(camera)}
            if isinstance(camera.get("fov"), int | float):
                config["fov"] = camera["fov"]
            node.properties["Camera Config"] = config
        node.values += [CONTROL_VALUE, ""][: widget.controls] + [None] * (widget.controls - 2)
    used = set(widget_names)
    for name in values:
        if _autogrow_type(definition, name) is not None:
            raise _value_on_socket(node, name, values[name])
    for slot in slots:
        ref = links.get(slot.name)
        if slot.name in widget_names:
            if ref is not None:
                node.inputs.append((slot.name, slot.type, ref, slot.name, None))
            continue
        used.add(slot.name)
        if slot.name in values:
            raise _value_on_socket(node, slot.name, values[slot.name])
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


def _value_on_socket(node: UINode, name: str, value: Any) -> ConversionError:
    return ConversionError(
        f"{node.describe()}: input '{name}' is a socket; it takes a link "
        f"[node_id, output_index], not the value {value!r:.80} (the editor holds values "
        "only in widgets)",
        node_id=node.id,
        title=node.title,
    )


def _natural(name: str) -> tuple[str, int]:
    """``option2`` before ``option10``: the order the editor adds numbered widgets in."""
    stem = name.rstrip("0123456789")
    return stem, int(name[len(stem) :] or -1)


def _widget_value(
    node: UINode, widget: Widget, values: Mapping[str, Any], links: Mapping[str, LinkRef]
) -> Any:
    if widget.type == "IMAGEUPLOAD":  # the upload button stores the name of its combo
        return str(widget.options.get("imageInputName") or "image")
    if widget.name in values and widget.name not in links:
        value = values[widget.name]
        if (
            isinstance(value, str)
            and widget.type == "STRING"
            and widget.options.get("dynamicPrompts")
        ):
            return _prompt_value(node, widget.name, value)
        return value
    default = widget_default(widget)  # a linked widget keeps a value underneath
    return None if default is UNSET else copy.deepcopy(default)


def _prompt_value(node: UINode, name: str, value: str) -> str:
    """``value`` written so that the editor sends it unchanged: braces and bars escaped.
    Comments cannot be escaped: where the editor would still change the text, a warning
    says so."""
    if fixed_prompt(value) == value:
        return value
    escaped = re.sub(r"([{}|])", r"\\\1", value)
    if fixed_prompt(escaped) != value:
        logger.warning(
            "%s: the editor reads '//' and '/* */' in input '%s' as comments and will not "
            "send this text unchanged",
            node.describe(),
            name,
        )
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


def _links(
    nodes: list[UINode], by_id: Mapping[str, UINode]
) -> list[tuple[int, str, int, str, int, str]]:
    """``[id, origin, origin slot, target, target slot, type]`` for every linked input."""
    links: list[tuple[int, str, int, str, int, str]] = []
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
            links.append(
                (len(links) + 1, origin.id, ref[1], node.id, index, origin.outputs[ref[1]][1])
            )
    return links


# -- writing -----------------------------------------------------------------------------

#: Estimates, a little above what the editor draws (LiteGraph: 20 per slot row, 24 per widget).
SLOT_HEIGHT = 24
WIDGET_HEIGHT = 28
MULTILINE_HEIGHT = 120
PREVIEW_HEIGHT = 280
_PRIMITIVE_WIDGETS = frozenset({"STRING", "INT", "FLOAT", "BOOLEAN", "COMBO"})


def _size(node: UINode) -> tuple[float, float]:
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
        entry["link"] = arriving.get((node.id, slot))
        inputs.append(entry)
    outputs = [
        {"name": name, "type": kind, "links": leaving.get((node.id, slot)) or None}
        for slot, (name, kind) in enumerate(node.outputs)
    ]
    written: dict[str, Any] = {
        "id": _ui_id(node.id),
        "type": node.class_type,
        "pos": [box.x, box.y],
        "size": [box.width, box.height],
        "flags": {},
        "order": box.order,
        "mode": 0,
        "inputs": inputs,
        "outputs": outputs,
        "properties": {"Node name for S&R": node.class_type, **node.properties},
        "widgets_values": node.values,
    }
    written["title"] = node.title  # always: the editor's own name for a class may differ
    return written
