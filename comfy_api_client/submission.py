"""Building the body of ``POST /prompt`` (shared by both clients)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

#: ``extra_data`` keys that carry Comfy platform credentials: never logged.
SECRET_EXTRA_KEYS = frozenset({"api_key_comfy_org", "auth_token_comfy_org"})


def as_api_workflow(workflow: object) -> dict[str, Any]:
    """Return the API-format graph (``{node_id: {class_type, inputs}}``) of ``workflow``.

    Accepts a dict, or any object with ``to_dict()`` (e.g. a ``Workflow``). A workflow saved by
    the editor in its UI format (``nodes``/``links``) is refused with a clear message instead
    of the server's bare ``invalid_prompt``.
    """
    if hasattr(workflow, "to_dict") and not isinstance(workflow, Mapping):
        workflow = workflow.to_dict()
    if not isinstance(workflow, Mapping):
        raise TypeError(f"a workflow must be a dict of nodes, not {type(workflow).__name__}")
    if "nodes" in workflow and "links" in workflow and isinstance(workflow.get("nodes"), list):
        raise ValueError(
            "this is a workflow in the editor's UI format (it has 'nodes' and 'links'); "
            "export it with 'Export (API)' in ComfyUI, or convert it first"
        )
    if "prompt" in workflow and isinstance(workflow["prompt"], Mapping) and "client_id" in workflow:
        raise ValueError("pass the workflow itself, not a whole POST /prompt body")
    return dict(workflow)


def build_prompt_request(
    workflow: object,
    *,
    client_id: str,
    prompt_id: str | None = None,
    extra_data: Mapping[str, Any] | None = None,
    front: bool = False,
    number: float | None = None,
    partial_execution_targets: Iterable[str] | None = None,
) -> dict[str, Any]:
    """The JSON body of ``POST /prompt``; the prompt id is generated here unless given.

    Generating the id on the client lets the tracker register the prompt *before* posting,
    so no event can arrive for an id the client does not know yet.
    """
    body: dict[str, Any] = {
        "prompt": as_api_workflow(workflow),
        "client_id": client_id,
        "prompt_id": prompt_id or str(uuid.uuid4()),
    }
    if extra_data:
        body["extra_data"] = dict(extra_data)
    if front:
        body["front"] = True
    if number is not None:
        body["number"] = number
    if partial_execution_targets is not None:
        body["partial_execution_targets"] = [str(t) for t in partial_execution_targets]
    return body
