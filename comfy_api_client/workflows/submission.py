"""Building the body of ``POST /prompt`` (shared by both clients)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidArgumentError
from .validation import is_ui_format
from .workflow import Workflow


@dataclass(frozen=True, slots=True)
class Unpacked:
    """What a submitted workflow holds: the API-format graph, or only the UI format."""

    api: dict[str, Any] | None
    ui: Mapping[str, Any] | None = None
    partial_execution_targets: list[str] | None = None


def unpack_workflow(workflow: object) -> Unpacked:
    """Sort what ``submit_workflow`` was given: a ``Workflow``, an API- or a UI-format dict."""
    if isinstance(workflow, Workflow):
        api = None if workflow.is_ui else workflow.to_dict()
        return Unpacked(api, workflow.ui, workflow.partial_execution_targets)
    if is_ui_format(workflow):
        assert isinstance(workflow, Mapping)
        return Unpacked(None, workflow)
    return Unpacked(as_api_workflow(workflow))


@dataclass(frozen=True, slots=True)
class Prepared:
    """A workflow made ready to post, but for converting a UI-format one (``api`` None): the
    caller converts ``ui`` through a server."""

    api: dict[str, Any] | None
    ui: Mapping[str, Any] | None
    extra_data: Mapping[str, Any] | None
    targets: list[str] | None


def prepare(
    workflow: object, extra_data: Mapping[str, Any] | None, targets: Iterable[str] | None
) -> Prepared:
    """What ``submit_workflow`` posts for ``workflow``: its graph, ``extra_data`` with the UI
    workflow in it, and the partial execution targets (the given ones, else the workflow's)."""
    unpacked = unpack_workflow(workflow)
    chosen = [str(t) for t in targets] if targets is not None else None
    return Prepared(
        unpacked.api,
        unpacked.ui,
        with_ui_metadata(extra_data, unpacked.ui),
        chosen if chosen is not None else unpacked.partial_execution_targets,
    )


def with_ui_metadata(
    extra_data: Mapping[str, Any] | None, ui: Mapping[str, Any] | None
) -> Mapping[str, Any] | None:
    """``extra_data`` with the UI workflow in ``extra_pnginfo`` (as the editor sends it, so
    that saved images carry it), unless the caller set ``extra_pnginfo`` already."""
    if ui is None or (extra_data and "extra_pnginfo" in extra_data):
        return extra_data
    return {**(extra_data or {}), "extra_pnginfo": {"workflow": ui}}


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
    if is_ui_format(workflow):
        raise InvalidArgumentError(
            "workflow",
            workflow,
            "this is a workflow in the editor's UI format (it has 'nodes' and 'links'); "
            "convert it first with client.convert_ui(...) or Workflow.from_ui(...)",
        )
    if "prompt" in workflow and isinstance(workflow["prompt"], Mapping) and "client_id" in workflow:
        raise InvalidArgumentError(
            "workflow", workflow, "pass the workflow itself, not a whole POST /prompt body"
        )
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
    so no event can arrive for an id the client does not know yet. A given id must be a
    canonical lowercase UUID, as ComfyUI 0.33 and later require (``InvalidArgumentError``).
    """
    if prompt_id is not None:
        check_prompt_id(prompt_id)
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


def check_prompt_id(prompt_id: object) -> None:
    """Refuse a prompt id that is not a canonical lowercase UUID (``str(uuid.uuid4())``):
    newer servers answer 400 ``invalid_prompt_id`` to it, older ones accept anything."""
    try:
        canonical = isinstance(prompt_id, str) and str(uuid.UUID(prompt_id)) == prompt_id
    except ValueError:
        canonical = False
    if not canonical:
        raise InvalidArgumentError(
            "prompt_id",
            prompt_id,
            "a prompt id must be a canonical lowercase UUID such as "
            f"{str(uuid.UUID(int=0))!r} (ComfyUI 0.33 and later refuse any other)",
        )
