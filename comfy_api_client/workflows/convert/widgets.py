"""Widgets: which inputs the editor draws as widgets, in what order, and their stored values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...formats import SEED_INPUTS, as_mapping
from .dynamic_prompts import dynamic_prompt
from .jsvalues import UNSET, as_list, as_mappings, id_key, js_truthy, type_name
from .model import Node, Slot, Widget

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
        "PREVIEW_3D",
    }
)


#: Widget types that also get an input socket, so a link can stand in for the value.
SOCKET_WIDGET_TYPES = frozenset({"INT", "FLOAT", "BOOLEAN", "STRING", "COMBO"})
#: V3 inputs the editor builds from their declaration (see ``widgets_and_inputs``).
DYNAMIC_COMBO = "COMFY_DYNAMICCOMBO_V3"
AUTOGROW = "COMFY_AUTOGROW_V3"
MATCH_TYPE = "COMFY_MATCHTYPE_V3"
#: Button widgets the editor adds before a widget of this type, when the node has a
#: ``model_file`` widget: (name, value). Buttons are widgets like any other: their values are
#: stored and exported.
_EDITOR_BUTTONS = {
    "LOAD_3D": (
        ("upload 3d model", "upload3dmodel"),
        ("upload extra resources", "uploadExtraResources"),
        ("clear", "clear"),
    )
}
#: Widgets the editor draws from an initial value of its own and keeps out of the saved
#: ``widgets_values`` (``widget.serialize = false``); the prompt gets that initial value.
_UNSAVED_WIDGETS = {"IMAGECOMPARE": ("", "")}
#: Inputs the editor's core extensions add to a node definition before building the node
#: (``beforeRegisterNodeDef``): the 3D viewers' preview widget, which starts empty (what every
#: saved one holds).
EDITOR_ADDED_INPUTS: dict[str, dict[str, Any]] = {
    "SaveGLB": {"image": ["PREVIEW_3D", {"default": ""}]},
    "Preview3D": {"image": ["PREVIEW_3D", {"default": ""}]},
}
#: Nodes whose editor extension grows a list of text widgets ``option1``, ``option2``... (one
#: more each time the last one is filled in) after a hidden ``index`` widget that exports the
#: position of the named widget's value among the options (-1 if none).
GROWING_OPTIONS = {"CustomCombo": "choice"}
#: The keys of the viewport capture a ``LOAD_3D`` widget exports (a live rendering the
#: converter cannot make: the file names stay empty, the camera is the saved one).
CAPTURE_KEYS = ("image", "mask", "normal", "camera_info", "recording", "model_3d_info")
#: Widget types whose exported value is computed at export time (see ``exported_value``).
EXPORT_TIME_TYPES = frozenset({"LOAD_3D", "INDEX"})
UPLOAD_OPTIONS = ("image_upload", "video_upload", "animated_image_upload")


def widgets_and_inputs(
    definition: Mapping[str, Any], saved: list[Slot], raw: Mapping[str, Any]
) -> tuple[list[Widget], list[Slot]]:
    """A backend node's widgets and input slots, in the order the editor creates them.

    Sockets come first (inputs that are not widgets, or are ``forceInput``), then one
    socket per primitive-typed widget that is not ``socketless``; saved inputs the
    definition lacks are kept at the end. A ``COMFY_DYNAMICCOMBO_V3`` input is a combo
    followed by the widgets and sockets of the option its stored value chooses, named
    ``<combo>.<input>`` (saved ``<combo>.`` inputs of another option, or of a choice the
    server does not offer, have no socket in the editor: their links are dropped); a
    ``COMFY_AUTOGROW_V3`` input stands for the saved inputs named ``<input>.<entry>``.
    """
    layout = _Layout(raw.get("widgets_values"), saved)
    for name, spec in ordered_inputs(definition):
        layout.add(name, spec)
    grown = GROWING_OPTIONS.get(str(raw.get("type")))
    if grown is not None:
        layout.grow_options(grown)
    by_name: dict[str, Slot] = {}
    for entry, slot in zip(as_mappings(raw.get("inputs")), saved, strict=True):
        widget_name = as_mapping(entry.get("widget")).get("name")
        by_name.setdefault(str(widget_name) if widget_name is not None else slot.name, slot)
    known = layout.sockets + layout.widget_sockets
    inputs = [Slot(n, t, by_name[n].link if n in by_name else None) for n, t in known]
    names = {n for n, _ in known}
    used = {by_name[n].name for n in names if n in by_name}
    inputs += [
        slot
        for slot in saved
        if slot.name not in names
        and slot.name not in used
        and not slot.name.startswith(tuple(f"{combo}." for combo in layout.dynamic))
    ]
    return layout.widgets, inputs


class _Layout:
    """Widgets and sockets as the editor adds them, tracking the stored value each one reads."""

    def __init__(self, stored: object, saved: list[Slot]) -> None:
        self.stored = stored
        self.saved = saved
        self.position = 0  # index in a positional ``widgets_values`` of the next widget
        self.widgets: list[Widget] = []
        self.sockets: list[tuple[str, str]] = []
        self.widget_sockets: list[tuple[str, str]] = []
        self.dynamic: list[str] = []  # the dynamic combos' names

    def add(self, name: str, spec: Any) -> None:
        type_, options = spec_type(spec), spec_options(spec)
        drawn_as = options.get("widgetType")  # a union socket drawn as one widget type
        if isinstance(drawn_as, str) and drawn_as in WIDGET_TYPES:
            type_ = drawn_as
        if type_ == DYNAMIC_COMBO:
            self._add_dynamic_combo(name, options)
        elif type_ == AUTOGROW:
            prefix = f"{name}."
            self.sockets += [(s.name, s.type) for s in self.saved if s.name.startswith(prefix)]
        elif type_ == MATCH_TYPE:
            template = as_mapping(options.get("template"))
            self.sockets.append((name, str(template.get("allowed_types") or "*")))
        elif type_ in WIDGET_TYPES and not options.get("forceInput"):
            self._add_widget(name, type_, options)
        else:
            self.sockets.append((name, type_))

    def _add_widget(self, name: str, type_: str, options: Mapping[str, Any]) -> Widget:
        in_prompt = type_ != "IMAGEUPLOAD"  # the upload button is not sent
        # The 3D loader's buttons come with a model file widget to fill (``model_file``).
        if any(w.name == "model_file" for w in self.widgets):
            for button, value in _EDITOR_BUTTONS.get(type_, ()):
                self.widgets.append(Widget(button, "BUTTON", {"default": value}, 0))
                self.position += 1
        saved = type_ not in _UNSAVED_WIDGETS
        widget = Widget(
            name,
            type_,
            options,
            control_count(name, type_, options),
            in_prompt,
            bool(options.get("socketless")),
            saved,
        )
        self.widgets.append(widget)
        if saved:
            self.position += 1 + widget.controls
        if type_ in SOCKET_WIDGET_TYPES and not widget.socketless:
            self.widget_sockets.append((name, type_))
        return widget

    def grow_options(self, chosen: str) -> None:
        """The hidden ``index`` widget and the ``option<N>`` widgets the stored values fill:
        loading stops adding options at the first empty one (which stays, to be filled)."""
        stored = self.stored if isinstance(self.stored, list) else []
        first = self.position + 1  # the options' values come after the index's
        count = 1
        while first + count - 1 < len(stored) and js_truthy(stored[first + count - 1]):
            count += 1
        names = [f"option{number}" for number in range(1, count + 1)]
        self.widgets.append(Widget("index", "INDEX", {"of": chosen, "among": names}, 0))
        self.widgets += [Widget(name, "STRING", {}, 0) for name in names]
        self.position = first + count

    def _add_dynamic_combo(self, name: str, options: Mapping[str, Any]) -> None:
        choices = {
            str(entry.get("key")): as_mapping(entry.get("inputs"))
            for entry in as_mappings(options.get("options"))
        }
        self.dynamic.append(name)
        combo_options = {k: v for k, v in options.items() if k != "options"}
        combo_options["options"] = list(choices)
        position = self.position
        widget = self._add_widget(name, "COMBO", combo_options)
        if isinstance(self.stored, Mapping):
            value = self.stored.get(name, UNSET)
        elif isinstance(self.stored, list) and position < len(self.stored):
            value = self.stored[position]
        else:
            value = UNSET
        if value is UNSET:
            value = widget_default(widget)
        chosen = choices.get(value) if isinstance(value, str) else None
        for section in ("required", "optional"):
            for sub_name, sub_spec in as_mapping(as_mapping(chosen).get(section)).items():
                self.add(f"{name}.{sub_name}", sub_spec)


def editor_definition(type_: str, definition: Mapping[str, Any]) -> Mapping[str, Any]:
    """``definition`` with the inputs the editor's extensions add to it (``EDITOR_ADDED_INPUTS``)."""
    added = EDITOR_ADDED_INPUTS.get(type_)
    if not added:
        return definition
    section = as_mapping(definition.get("input"))
    required = {**as_mapping(section.get("required")), **added}
    return {**definition, "input": {**section, "required": required}}


def ordered_inputs(definition: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """Inputs in the editor's order: ``input_order`` required, optional, then the rest."""
    section = as_mapping(definition.get("input"))
    required = as_mapping(section.get("required"))
    optional = as_mapping(section.get("optional"))
    merged: dict[str, tuple[Any, bool]] = {}
    for name, spec in required.items():
        merged[str(name)] = (spec, False)
    # The editor adds an upload button after the first media upload combo's inputs.
    for name, spec in required.items():
        if spec_type(spec) == "COMBO" and any(
            spec_options(spec).get(o) is True for o in UPLOAD_OPTIONS
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
        for name in as_list(order.get(section_name)):
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


def control_count(name: str, type_: str, options: Mapping[str, Any]) -> int:
    """How many control widget values the editor stores after this widget's value."""
    control = options.get("control_after_generate")
    if type_ == "INT":
        if control is None:  # seed / noise_seed get one unless told otherwise
            control = name in SEED_INPUTS
        return 1 if js_truthy(control) else 0
    if type_ == "FLOAT":
        return 1 if js_truthy(control) else 0
    if type_ == "COMBO":  # the control, and the filter list
        return 2 if js_truthy(control) else 0
    return 0


def widget_default(widget: Widget) -> Any:
    """A widget's value when ``widgets_values`` has none for it (its spec's default)."""
    options = widget.options
    default = options.get("default")
    if widget.type in _UNSAVED_WIDGETS:
        return list(_UNSAVED_WIDGETS[widget.type])
    if widget.type in ("INT", "FLOAT"):
        return 0 if default is None else default
    if widget.type == "BOOLEAN":
        return False if default is None else default
    if widget.type in ("STRING", "MARKDOWN", "TEXTAREA"):
        return "" if default is None else default
    if widget.type == "COMBO":
        if js_truthy(default):
            return default
        choices = options.get("options")
        if isinstance(choices, list) and choices:
            return choices[0]
        return "Loading..." if options.get("remote") else UNSET
    if default is None:  # a widget drawn by the editor itself is sent even without a value
        return None if widget.socketless else UNSET
    return default


def spec_raw_type(spec: Any) -> Any:
    return spec[0] if isinstance(spec, list | tuple) and spec else None


def spec_type(spec: Any) -> str:
    """``COMBO`` for choice lists, else the type name."""
    raw = spec_raw_type(spec)
    if isinstance(raw, list | tuple):
        return "COMBO"
    return raw if isinstance(raw, str) else "UNKNOWN"


def spec_options(spec: Any) -> dict[str, Any]:
    """The options of an input spec; a choice list's choices are under ``options``."""
    options = (
        dict(spec[1])
        if isinstance(spec, list | tuple) and len(spec) > 1 and isinstance(spec[1], Mapping)
        else {}
    )
    raw = spec_raw_type(spec)
    if isinstance(raw, list | tuple):
        options["options"] = list(raw)
    return options


def saved_slot(entry: Mapping[str, Any]) -> Slot:
    return Slot(str(entry.get("name", "")), type_name(entry.get("type")), id_key(entry.get("link")))


def widget_of_input(node: Node, slot: int) -> str | None:
    """The widget a saved input of ``node`` stands for, if the node has that widget."""
    saved = as_mappings(node.raw.get("inputs"))
    if not 0 <= slot < len(saved):
        return None
    name = as_mapping(saved[slot].get("widget")).get("name")
    return str(name) if name is not None and any(w.name == name for w in node.widgets) else None


def stored_values(widgets: Sequence[Widget], stored: object) -> dict[str, Any]:
    """Widget name -> value, as the editor loads ``widgets_values`` into the widgets."""
    values: dict[str, Any] = {}
    if isinstance(stored, Mapping):  # some custom nodes store them by name
        for widget in widgets:
            values[widget.name] = (
                stored[widget.name] if widget.name in stored else widget_default(widget)
            )
        return values
    sequence = stored if isinstance(stored, list) else []
    position = 0
    for widget in widgets:
        if not widget.saved:
            values[widget.name] = widget_default(widget)
            continue
        has = position < len(sequence)
        values[widget.name] = sequence[position] if has else widget_default(widget)
        position += 1 + widget.controls
    return values


def own_value(widget: Widget, value: Any) -> Any:
    """What a node's own widget sends of its ``value``: a text marked ``dynamicPrompts`` as
    the editor processes it (a value reaching the widget from a subgraph's input is sent
    as it is: the editor does not process those)."""
    if widget.options.get("dynamicPrompts") and isinstance(value, str):
        return dynamic_prompt(value)
    return value


def widget_values(node: Node, overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """Widget name -> value: the node's stored values, then those set from outside it."""
    if node.stored is None:
        node.stored = stored_values(node.widgets, node.raw.get("widgets_values"))
    values = dict(node.stored)
    for name, value in (overrides or {}).items():
        if name in values:
            values[name] = value
    return values


def exported_value(widget: Widget, node: Node, value: Any, inputs: Mapping[str, Any]) -> Any:
    """What the editor exports for ``widget`` at export time, given its loaded ``value`` and
    the node's other ``inputs`` so far."""
    if widget.type == "LOAD_3D":
        camera = as_mapping(as_mapping(node.raw.get("properties")).get("Camera Config"))
        state = camera.get("state")
        capture: dict[str, Any] = dict.fromkeys(CAPTURE_KEYS, "")
        capture["camera_info"] = dict(state) if isinstance(state, Mapping) else None
        capture["model_3d_info"] = []
        return capture
    if widget.type == "INDEX":
        chosen = inputs.get(str(widget.options.get("of")), UNSET)
        if isinstance(chosen, list):  # linked to an output: the widget's own value counts
            chosen = widget_values(node, None).get(str(widget.options.get("of")), UNSET)
        options = [inputs.get(str(name)) for name in as_list(widget.options.get("among"))]
        return options.index(chosen) if chosen in options else -1
    return value
