"""Convert UI-format workflows (what the ComfyUI editor saves) to the API format.

The API format is what ``POST /prompt`` takes: ``{node_id: {"inputs", "class_type",
"_meta": {"title"}}}``. The conversion follows the rules of the editor's own
``graphToPrompt`` (ComfyUI_frontend ``src/utils/executionUtil.ts``) and of the execution
DTOs it relies on (litegraph ``ExecutableNodeDTO``):

* widget values are read from ``widgets_values`` in the order the editor creates widgets
  from the node definition, skipping the values of ``control_after_generate`` widgets; values
  saved against another version of a node are migrated or realigned (``stale``);
* a link becomes ``[origin_id, origin_slot]``, followed through reroutes, bypassed nodes and
  subgraph boundaries; a linked input replaces the widget value of the same name;
* virtual nodes (notes, reroutes, primitives), muted and bypassed nodes are not sent, and
  inputs that still point at a node that is not sent are dropped;
* subgraphs and legacy group nodes are flattened; their inner nodes get the editor's ids,
  ``"<outer id>:<inner id>"``, after the editor's renumbering of inner ids that clash across
  subgraph definitions (``ids``); nested subgraph nodes are expanded whatever their mode;
* widgets the editor adds itself are exported as it exports them (3D preview and capture
  widgets, the 3D loader's buttons, CustomCombo's index and options, unsaved image compares);
* keys come out in the order ``JSON.stringify`` gives the editor's objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import ConversionError
from ..validation import is_ui_format
from .converter import Converter
from .ids import unique_node_ids
from .model import VIRTUAL_NODE_TYPES
from .replacements import apply_replacements
from .widgets import WIDGET_TYPES

__all__ = ["VIRTUAL_NODE_TYPES", "WIDGET_TYPES", "ConversionError", "is_ui_format", "ui_to_api"]


def ui_to_api(
    ui: Mapping[str, Any],
    object_info: Mapping[str, Any],
    node_replacements: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The API-format prompt the editor's "Export (API)" gives for the UI workflow ``ui``.

    ``object_info`` is the server's ``GET /object_info`` body; ``node_replacements`` its
    ``GET /node_replacements`` body, if it has one: nodes of types the server no longer knows
    are then replaced as the editor does (logged at INFO). Pure: nothing is read or written
    elsewhere and ``ui`` is not changed. Raises :class:`ConversionError` for node types the
    server does not know and for a broken graph (links to missing nodes...).
    """
    if not is_ui_format(ui):
        raise ConversionError("not a UI-format workflow: expected a 'nodes' list and 'links'")
    if isinstance(node_replacements, Mapping) and node_replacements:
        ui = apply_replacements(ui, object_info, node_replacements)
    return Converter(unique_node_ids(ui), object_info).convert()
