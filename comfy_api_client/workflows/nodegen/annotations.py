"""How an ``/object_info`` input or output becomes a Python type (the generator's rules).

* ``INT``/``FLOAT``/``STRING``/``BOOLEAN`` are ``int``/``float``/``str``/``bool``, or an
  output of that type linked in;
* a choice list is a ``Literal`` of its choices, unless it lists files the server has
  (:func:`per_server`), then ``str``; a multiselect combo takes a sequence of them;
* a socket input is ``Output[Literal["IMAGE"]]``; several types (``IMAGE,MASK``) are a union
  of them; ``*`` and match-type inputs take any output;
* V3 dynamic combos take a key, or ``(key, {sub-inputs})``; autogrow inputs take a sequence
  (or a mapping by name) of their template's type.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: Types the editor shows as a widget of its own (their values are written by the editor).
WIDGET_TYPES = frozenset({"WEBCAM", "AUDIO_RECORD", "LOAD_3D", "LOAD_3D_ANIMATION", "COLOR"})
SCALARS = {"INT": "int", "FLOAT": "float", "STRING": "str", "BOOLEAN": "bool"}
DYNAMIC_COMBO = "COMFY_DYNAMICCOMBO_V3"
AUTOGROW = "COMFY_AUTOGROW_V3"
MATCH_TYPE = "COMFY_MATCHTYPE_V3"
#: A choice naming a file: an extension starting with a letter (``a.safetensors``, not ``v1.5``).
_FILE = re.compile(r"\.[A-Za-z][A-Za-z0-9_]{0,11}$")
_UPLOAD_FLAGS = ("image_upload", "video_upload", "audio_upload", "file_upload", "image_folder")


@dataclass(frozen=True, slots=True)
class Param:
    """One keyword parameter of a node function."""

    annotation: str
    #: The default as Python source, or None for a required parameter.
    default: str | None


def options_of(spec: Sequence[Any]) -> Mapping[str, Any]:
    options = spec[1] if len(spec) > 1 else None
    return options if isinstance(options, Mapping) else {}


def choices_of(spec: Sequence[Any]) -> list[Any] | None:
    """The choices of a combo input (V1 list or V3 ``COMBO``), else None."""
    kind = spec[0]
    if isinstance(kind, list):
        return kind
    if kind == "COMBO":
        choices = options_of(spec).get("options")
        return choices if isinstance(choices, list) else []
    return None


def per_server(choices: Sequence[Any], options: Mapping[str, Any]) -> bool:
    """Whether a choice list depends on the server (its files), so is typed ``str``.

    The rule: the list is empty, the input uploads or lists remote values, or a choice names a
    file (``model.safetensors``, ``sub/a.png``; ``hed/pidi`` is no file). These are the lists that differ between two
    servers of the same version (model folders, inputs); fixed lists (samplers) do not.
    """
    if not choices or options.get("remote") or any(options.get(f) for f in _UPLOAD_FLAGS):
        return True
    return any(isinstance(c, str) and _FILE.search(c) is not None for c in choices)


def literal(values: Sequence[Any]) -> str | None:
    """``_Literal[...]`` of str/int/bool values (deduplicated), or None when one is not."""
    seen: list[Any] = []
    for value in values:
        if not isinstance(value, str | int) or isinstance(value, float):
            return None
        if not any(type(v) is type(value) and v == value for v in seen):
            seen.append(value)
    return f"_Literal[{', '.join(map(_py, seen))}]" if seen else None


def socket(kind: Any) -> str:
    """The annotation of a value of a socket type received from another node."""
    if isinstance(kind, list):
        return '_Output[_Literal["COMBO"]]'
    if not isinstance(kind, str) or kind in ("*", MATCH_TYPE, ""):
        return "_Output[_Any]"
    names = [t.strip() for t in kind.split(",") if t.strip()]
    if "*" in names:
        return "_Output[_Any]"
    return f"_Output[{literal(names)}]"


def output_annotation(kind: Any) -> str:
    """The annotation of a node's output: a union type (``IMAGE,MASK``) may feed either."""
    if isinstance(kind, str) and "," in kind:
        return "_Output[_Any]"
    return socket(kind)


def value_annotation(spec: Sequence[Any]) -> str:
    """The annotation of what an input takes (without ``| None``)."""
    kind, options = spec[0], options_of(spec)
    choices = choices_of(spec)
    if choices is not None:
        text = "str" if per_server(choices, options) else (literal(choices) or "str | int | float")
        if options.get("multiselect"):
            return f"_Sequence[{text}]"
        return f"{text} | {socket('COMBO')}"
    if not isinstance(kind, str):
        return "_Any"
    if kind in SCALARS:
        return f"{SCALARS[kind]} | {socket(kind)}"
    if kind == DYNAMIC_COMBO:
        keys = [o.get("key") for o in options.get("options") or [] if isinstance(o, Mapping)]
        key = literal(keys) or "str"
        return f"{key} | tuple[{key}, _Mapping[str, _Any]]"
    if kind == AUTOGROW:
        item = _template_annotation(options.get("template"))
        return f"_Sequence[{item}] | _Mapping[str, {item}]"
    if kind == MATCH_TYPE:
        template = options.get("template")
        allowed = template.get("allowed_types") if isinstance(template, Mapping) else None
        return socket(allowed if isinstance(allowed, str) and allowed else "*")
    if kind in WIDGET_TYPES or options.get("socketless"):
        return "_Any"
    return socket(kind)


def _template_annotation(template: Any) -> str:
    sections = template.get("input") if isinstance(template, Mapping) else None
    for section in sections.values() if isinstance(sections, Mapping) else []:
        if isinstance(section, Mapping):
            for spec in section.values():
                if isinstance(spec, list | tuple) and spec:
                    return value_annotation(spec)
    return "_Any"


def default_of(spec: Sequence[Any]) -> str | None:
    """The definition's default as Python source when it fits the annotation, else None.

    A single-choice combo without one defaults to its first choice, as in the editor.
    """
    kind, options = spec[0], options_of(spec)
    choices = choices_of(spec)
    has = "default" in options
    value = options.get("default")
    if choices is not None:
        if options.get("multiselect"):
            return None
        fixed = not per_server(choices, options) and literal(choices) is not None
        if has and (not fixed or value in choices) and isinstance(value, str | int):
            return _py(value)
        return _py(choices[0]) if fixed and choices else None
    if not has:
        return None
    if kind == "INT" and isinstance(value, int) and not isinstance(value, bool):
        return _py(value)
    if kind == "FLOAT" and isinstance(value, int | float) and not isinstance(value, bool):
        return _py(float(value)) if math.isfinite(value) else None
    if kind == "STRING" and isinstance(value, str):
        return _py(value)
    if kind == "BOOLEAN" and isinstance(value, bool):
        return _py(value)
    if kind == DYNAMIC_COMBO and isinstance(value, str):
        keys = [o.get("key") for o in options.get("options") or [] if isinstance(o, Mapping)]
        return _py(value) if value in keys else None
    return None


def param(spec: Sequence[Any], required: bool) -> Param:
    """The parameter of an input: required ones without a default have none; optional ones
    also take ``None`` (left out)."""
    annotation = value_annotation(spec)
    default = default_of(spec)
    if spec[0] == AUTOGROW:
        template = options_of(spec).get("template")
        minimum = template.get("min", 0) if isinstance(template, Mapping) else 0
        required = required and bool(minimum)
        default = None
    if required:
        return Param(annotation, default)
    return Param(f"{annotation} | None", default or "None")


def _py(value: Any) -> str:
    """Python source of a str/int/float/bool (strings double-quoted, as ruff writes them)."""
    if isinstance(value, str):
        text = repr(value)
        if text.startswith("'") and '"' not in value:
            text = '"' + text[1:-1].replace("\\'", "'") + '"'
        return text
    return repr(value)
