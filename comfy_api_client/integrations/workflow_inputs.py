"""The values a command gives a workflow before it runs (the CLI's ``--set``/``--fill``/
``--random-seeds``, the MCP tools' ``set``/``fill``/``randomize_seeds``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..workflows.validation import refuse_unfilled
from ..workflows.workflow import Workflow


def apply_inputs(
    workflow: Workflow,
    changes: Mapping[str, Any] | None,
    fills: Mapping[str, Any] | None,
    randomize_seeds: bool,
    how_to_fill: Callable[[str], str] | None = None,
) -> Workflow:
    """Set inputs, fill placeholders, randomise seeds (an API-format ``workflow``, changed in
    place). With ``how_to_fill``, a placeholder left unfilled is a ``WorkflowError`` ending
    with ``how_to_fill(first name)``; without, the client refuses it when the workflow is
    submitted (unless its ``allow_placeholders`` is set)."""
    if changes:
        workflow.update(changes)
    if fills:
        workflow.fill(fills)
    if how_to_fill is not None:
        refuse_unfilled(workflow.nodes, how_to_fill)
    if randomize_seeds:
        workflow.randomize_seeds()
    return workflow
