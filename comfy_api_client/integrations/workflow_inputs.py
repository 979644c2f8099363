"""The values a command gives a workflow before it runs (the CLI's ``--set``/``--fill``/
``--random-seeds``, the MCP tools' ``set``/``fill``/``randomize_seeds``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..errors import WorkflowError
from ..workflows.workflow import Workflow


def apply_inputs(
    workflow: Workflow,
    changes: Mapping[str, Any] | None,
    fills: Mapping[str, Any] | None,
    randomize_seeds: bool,
    how_to_fill: Callable[[str], str],
) -> Workflow:
    """Set inputs, fill placeholders, randomise seeds (an API-format ``workflow``, changed in
    place); a placeholder left unfilled is a ``WorkflowError`` ending with
    ``how_to_fill(first name)``."""
    if changes:
        workflow.update(changes)
    if fills:
        workflow.fill(fills)
    unfilled = workflow.placeholders()
    if unfilled:
        names = ", ".join("{{" + name + "}}" for name in sorted(unfilled))
        raise WorkflowError(
            f"the workflow has unfilled placeholders {names}; give each a value "
            + how_to_fill(sorted(unfilled)[0])
        )
    if randomize_seeds:
        workflow.randomize_seeds()
    return workflow
