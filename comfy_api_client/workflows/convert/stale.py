"""Stored widget values saved against another version of a node.

The editor reads ``widgets_values`` by position, so a widget the node gained, lost or moved
since the workflow was saved shifts every later value. Two rules apply, in this order:

* the editor's own migration (``migrateWidgetsValues``, frontend 1.16 and later): workflows
  saved before then kept a value for each ``forceInput`` input; when the stored values are
  exactly as many as that older layout had, those values are dropped;
* the converter's realignment, beyond the editor: when a value read by position cannot be
  what its widget holds (text in a number, a number above the widget's ``max``, a non-boolean
  in a toggle...), which the server would reject, the values are matched to the widgets in
  order by what each widget accepts, so as many as possible land where they fit. Widgets left
  without one take their default and values left over are dropped; both are logged as a
  WARNING naming the node. Values read by position that all fit are never moved.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from .jsvalues import js_ordered, js_truthy
from .model import Widget
from .widgets import spec_options, stored_values, widget_default

logger = logging.getLogger(__name__)

_TEXT_TYPES = frozenset({"STRING", "TEXTAREA", "MARKDOWN"})
#: The values of the editor's ``control_after_generate`` widget, never a widget's own value.
CONTROL_VALUES = frozenset({"fixed", "increment", "decrement", "randomize"})


def backend_values(
    definition: Mapping[str, Any], widgets: Sequence[Widget], stored: object, label: str
) -> dict[str, Any]:
    """Widget name -> value of a backend node whose ``widgets_values`` is ``stored``."""
    unsaved = {w.name: widget_default(w) for w in widgets if not w.saved}
    widgets = [w for w in widgets if w.saved]
    return {**_saved_values(definition, widgets, stored, label), **unsaved}


def _saved_values(
    definition: Mapping[str, Any], widgets: Sequence[Widget], stored: object, label: str
) -> dict[str, Any]:
    if not isinstance(stored, list):
        return stored_values(widgets, stored)
    stored = migrate_forced_inputs(definition, widgets, stored)
    if not _misfit(widgets, stored):
        return stored_values(widgets, stored)
    chosen = _best_alignment(widgets, stored)
    realigned: dict[str, Any] = {}
    used: set[int] = set()
    for widget, index in zip(widgets, chosen, strict=True):
        if index is None:
            realigned[widget.name] = widget_default(widget)
        else:
            realigned[widget.name] = stored[index]
            used.update(range(index, min(index + _span(widget), len(stored))))
    defaults = [w.name for w, index in zip(widgets, chosen, strict=True) if index is None]
    dropped = [i for i in range(len(stored)) if i not in used]
    logger.warning(  # positions, not values: a widget may hold a key or a private prompt
        "%s: its widgets_values do not fit the server's definition of the node (saved against "
        "another version of it); read them by what each widget accepts: defaults for %s, "
        "dropped the stored values at positions %s",
        label,
        defaults or "none",
        dropped or "none",
    )
    return realigned


def migrate_forced_inputs(
    definition: Mapping[str, Any], widgets: Sequence[Widget], stored: list[Any]
) -> list[Any]:
    """``stored`` without the values pre-1.16 editors kept for ``forceInput`` inputs.

    As the editor does: the layout of such a save is one value per definition input that is
    a widget or ``forceInput`` (two when it declares ``control_after_generate``); only when
    ``stored`` has exactly that many values are the ``forceInput`` ones dropped.
    """
    section = definition.get("input")
    section = section if isinstance(section, Mapping) else {}
    merged: dict[str, Any] = {}
    for part in ("required", "optional"):
        specs = section.get(part)
        if isinstance(specs, Mapping):
            merged.update({str(name): spec for name, spec in specs.items()})
    names = {widget.name for widget in widgets}
    forced: list[bool] = []
    for name, spec in js_ordered(merged).items():
        options = spec_options(spec)
        is_forced = js_truthy(options.get("forceInput"))
        if name in names or is_forced:
            forced.append(is_forced)
            if js_truthy(options.get("control_after_generate")):
                forced.append(False)
    if len(forced) != len(stored) or not any(forced):
        return stored
    return [value for value, drop in zip(stored, forced, strict=True) if not drop]


def fit(widget: Widget, value: Any) -> int:
    """How well ``value`` suits ``widget``: 2 surely, 1 perhaps (a file the server may lack,
    a widget the editor draws itself), 0 not at all (the server would reject it)."""
    kind, options = widget.type, widget.options
    if isinstance(value, list | Mapping) and kind != "COMBO":
        return 1  # a structured value (boxed as ``__value__``): the node reads it itself
    if kind in ("INT", "FLOAT"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return 0
        low, high = _number(options.get("min")), _number(options.get("max"))
        return 0 if (low is not None and value < low) or (high is not None and value > high) else 2
    if kind == "BOOLEAN":
        return 2 if isinstance(value, bool) else 1 if value is None else 0
    if kind in _TEXT_TYPES:
        if isinstance(value, str):
            return 2
        return 0 if isinstance(value, bool) else 1
    if kind == "COMBO":
        choices = options.get("options")
        if not isinstance(choices, list) or not choices:
            return 0 if isinstance(value, bool) else 1  # filled in by the editor or remote
        if value in choices and not isinstance(value, bool):
            return 2
        # Text not in the list may be a choice the server lacks (a missing model or custom
        # scheduler): the editor keeps it and the server reports it. A control value is not.
        if isinstance(value, str):
            return 0 if value in CONTROL_VALUES else 1
        return 1 if value is None else 0
    return 1


def _misfit(widgets: Sequence[Widget], stored: list[Any]) -> bool:
    """Whether a value read by position cannot be what its widget holds."""
    position = 0
    for widget in widgets:
        if position < len(stored) and not _unit_fit(widget, stored, position):
            return True
        position += _span(widget)
    return False


def _best_alignment(widgets: Sequence[Widget], stored: list[Any]) -> list[int | None]:
    """Where each widget starts in ``stored`` (``None``: left out), in order, with the highest
    total fit. A widget takes its controls' values too; values may be left over.
    Ties prefer matching, then leaving a widget out, which keeps values that fit in place.
    """
    count, size = len(widgets), len(stored)
    best = [[0] * (size + 1) for _ in range(count + 1)]
    for j in range(count - 1, -1, -1):
        widget = widgets[j]
        for i in range(size - 1, -1, -1):
            options = [best[j][i + 1], best[j + 1][i]]
            if i < size:
                value_fit = _unit_fit(widget, stored, i)
                if value_fit:
                    options.insert(0, value_fit + best[j + 1][min(i + _span(widget), size)])
            best[j][i] = max(options)
    chosen: list[int | None] = []
    j = i = 0
    while j < count:
        widget = widgets[j]
        if i < size:
            if i < size:
                value_fit = _unit_fit(widget, stored, i)
                after = best[j + 1][min(i + _span(widget), size)]
                if value_fit and value_fit + after == best[j][i]:
                    chosen.append(i)
                    i, j = min(i + _span(widget), size), j + 1
                    continue
            if best[j + 1][i] != best[j][i]:
                i += 1
                continue
        chosen.append(None)
        j += 1
    return chosen


def _unit_fit(widget: Widget, stored: list[Any], start: int) -> int:
    """The fit of a widget whose values (value, controls) start at ``stored[start]``."""
    return fit(widget, stored[start])


def _span(widget: Widget) -> int:
    return 1 + widget.controls


def _number(value: object) -> float | None:
    return None if isinstance(value, bool) or not isinstance(value, int | float) else value
