"""``Workflow``: an API-format workflow addressed by node id, title or class type.

>>> wf = Workflow.load("workflow.json")            # API or UI format, JSON or a ComfyUI PNG
>>> wf.set("KSampler.seed", 42).update({"Positive Prompt.text": "a cat", "3.steps": 20})
>>> wf.fill(subject="a cat")                       # "{{subject}}" placeholders in string inputs
>>> client.submit_workflow(wf)
"""

from __future__ import annotations

import builtins
import copy
import json
import os
import random
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from ..errors import WorkflowError
from ..formats import SEED_INPUTS
from .metadata import read_image_metadata
from .validation import PLACEHOLDER, is_ui_format, no_such_input, placeholders_in

#: The range of random seeds (ComfyUI's seeds are 64-bit; this range is safe everywhere).
SEED_RANGE = 2**32

_IMAGE_SUFFIXES = (".png", ".webp")


class HasNodeDefinitions(Protocol):
    """A sync client (anything with ``node_definitions()`` giving ``/object_info``)."""

    def node_definitions(self) -> Mapping[str, Any]: ...


class Workflow:
    """An API-format workflow (``{node_id: {"class_type", "inputs", "_meta"}}``) to edit and submit.

    A workflow in the editor's UI format can be held too (``is_ui``); it must be converted
    (:meth:`from_ui`, or ``client.convert_ui``) before its nodes can be addressed. Submitting
    it converts it automatically. Editing methods change this workflow and return it, so that
    calls chain; :meth:`copy` first to keep the original.
    """

    def __init__(
        self,
        nodes: Mapping[str, Any] | None = None,
        *,
        ui: Mapping[str, Any] | None = None,
        partial_execution_targets: list[str] | None = None,
    ) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        for node_id, node in (nodes or {}).items():
            if not isinstance(node, Mapping) or "class_type" not in node:
                raise WorkflowError(
                    f"node {node_id!r} is not an API-format node (needs 'class_type' and "
                    f"'inputs'): {str(node)[:120]}"
                )
            entry = copy.deepcopy(dict(node))
            entry.setdefault("inputs", {})
            self.nodes[str(node_id)] = entry
        #: The UI-format workflow this one came from, if known (kept for ``extra_pnginfo``).
        self.ui: dict[str, Any] | None = copy.deepcopy(dict(ui)) if ui is not None else None
        #: Output node ids to run (``partial_execution_targets``); None runs every output.
        self.partial_execution_targets = partial_execution_targets

    # -- loading ---------------------------------------------------------------------------

    @classmethod
    def load(
        cls, source: str | os.PathLike[str] | bytes | Mapping[str, Any] | Workflow
    ) -> Workflow:
        """A workflow from a path (``.json``, ``.png``, ``.webp``), a dict, PNG/WebP bytes or JSON text.

        The format is detected: API format, UI format (held unconverted, see :attr:`is_ui`), or
        an image saved by ComfyUI, whose ``prompt`` metadata (API format) is used, with its
        ``workflow`` metadata (UI format) kept in :attr:`ui`.
        """
        if isinstance(source, Workflow):
            return source.copy()
        if isinstance(source, Mapping):
            return cls._from_mapping(source)
        if isinstance(source, bytes | bytearray):
            data = bytes(source)
            if data.lstrip()[:1] in (b"{", b"["):
                return cls._from_mapping(_json_object(data, "the JSON text"))
            return cls._from_image(data, "the image")
        if isinstance(source, str) and source.lstrip().startswith("{"):
            return cls._from_mapping(_json_object(source, "the JSON text"))
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise WorkflowError(f"cannot read the workflow {path}: {exc}") from exc
        if path.suffix.lower() in _IMAGE_SUFFIXES or data.lstrip()[:1] != b"{":
            return cls._from_image(data, str(path))
        return cls._from_mapping(_json_object(data, str(path)))

    @classmethod
    def from_ui(
        cls,
        ui: Mapping[str, Any],
        object_info: Mapping[str, Any],
        node_replacements: Mapping[str, Any] | None = None,
    ) -> Workflow:
        """Convert a UI-format workflow with the server's node definitions (``/object_info``)
        and, if it publishes them, its ``/node_replacements`` (deprecated nodes replaced as
        the editor does)."""
        from .convert import ui_to_api  # loaded on first use: most programs never convert

        return cls(ui_to_api(ui, object_info, node_replacements), ui=ui)

    @classmethod
    def _from_mapping(cls, data: Mapping[str, Any]) -> Workflow:
        if is_ui_format(data):
            return cls(ui=data)
        if isinstance(data.get("prompt"), Mapping) and "class_type" not in data["prompt"]:
            extra = data.get("extra_data")
            ui = (
                extra.get("extra_pnginfo", {}).get("workflow")
                if isinstance(extra, Mapping)
                else None
            )
            targets = data.get("partial_execution_targets")
            return cls(data["prompt"], ui=ui, partial_execution_targets=targets)  # a POST body
        return cls(data)

    @classmethod
    def _from_image(cls, data: bytes, name: str) -> Workflow:
        texts = read_image_metadata(data)
        if texts is None:
            raise WorkflowError(f"{name} is neither JSON nor a PNG/WebP image")
        prompt = _json_or_none(texts.get("prompt"))
        ui = _json_or_none(texts.get("workflow"))
        if isinstance(prompt, Mapping):
            return cls(prompt, ui=ui if isinstance(ui, Mapping) else None)
        if isinstance(ui, Mapping):
            return cls(ui=ui)
        raise WorkflowError(
            f"{name} carries no ComfyUI workflow (no 'prompt' or 'workflow' metadata; "
            f"found: {sorted(texts) or 'none'})"
        )

    # -- what it is ------------------------------------------------------------------------

    @property
    def is_ui(self) -> bool:
        """Whether this holds only a UI-format workflow, not yet converted."""
        return not self.nodes and self.ui is not None

    def __len__(self) -> int:
        return len(self.nodes)

    def __iter__(self) -> Iterator[str]:
        return iter(self.nodes)

    def __contains__(self, ref: object) -> bool:
        try:
            self.node_id(str(ref))
        except WorkflowError:
            return False
        return True

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Workflow):
            return self.nodes == other.nodes and self.ui == other.ui
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def _repr_html_(self) -> str:
        """A compact table of the nodes, for notebooks."""
        from ..notebook.display import workflow_html

        return workflow_html(self)

    def __repr__(self) -> str:
        if self.is_ui:
            return f"<Workflow (UI format, {len(self.ui.get('nodes') or [])} nodes, not converted)>"  # type: ignore[union-attr]
        classes = ", ".join(f"{i}:{n['class_type']}" for i, n in list(self.nodes.items())[:6])
        more = ", ..." if len(self.nodes) > 6 else ""
        return f"<Workflow {len(self.nodes)} nodes ({classes}{more})>"

    # -- addressing ------------------------------------------------------------------------

    def node_id(self, ref: str) -> str:
        """The id of the node ``ref`` names: its id, its title (``_meta.title``), or its class
        type when only one node has it. Ambiguity is an error that lists the candidates."""
        self._require_api()
        ref = str(ref)
        if ref in self.nodes:
            return ref
        for what, key in (("title", _title), ("class type", _class_type)):
            matches = [i for i, node in self.nodes.items() if key(node) == ref]
            if len(matches) == 1:
                return matches[0]
            if matches:
                listing = ", ".join(self._describe(i) for i in matches)
                raise WorkflowError(
                    f"{ref!r} is ambiguous: {len(matches)} nodes have that {what} ({listing}); "
                    "use the node id or a unique title"
                )
        raise WorkflowError(
            f"no node {ref!r} (by id, title or class type); nodes: {self._listing()}"
        )

    def node(self, ref: str) -> dict[str, Any]:
        """The node ``ref`` names (the live dict: changes to it change the workflow)."""
        return self.nodes[self.node_id(ref)]

    def get(self, path: str) -> Any:
        """The value of ``"NODE.input"``: NODE is an id, a title or a unique class type."""
        node_id, name = self._split(path)
        inputs = self.nodes[node_id]["inputs"]
        if name not in inputs:
            raise WorkflowError(f"node {self._describe(node_id)} {no_such_input(name, inputs)}")
        return inputs[name]

    def set(self, path: str, value: Any, *, create: bool = False) -> Workflow:
        """Set ``"NODE.input"`` to ``value`` (a link is ``[node_id, output_index]``).

        Setting an input the node does not have is refused (a typo would go unnoticed)
        unless ``create=True``.
        """
        node_id, name = self._split(path)
        inputs = self.nodes[node_id]["inputs"]
        if name not in inputs and not create:
            raise WorkflowError(
                f"node {self._describe(node_id)} {no_such_input(name, inputs)}; "
                "pass create=True to add it"
            )
        inputs[name] = copy.deepcopy(value)
        return self

    def update(self, values: Mapping[str, Any], *, create: bool = False) -> Workflow:
        """Set several ``"NODE.input": value`` pairs; nothing changes if one path is wrong."""
        resolved = [(self._split(path), value) for path, value in values.items()]
        for (node_id, name), _ in resolved:
            if name not in self.nodes[node_id]["inputs"] and not create:
                self.get(f"{node_id}.{name}")  # raises the descriptive error
        for (node_id, name), value in resolved:
            self.nodes[node_id]["inputs"][name] = copy.deepcopy(value)
        return self

    def find(self, class_type: str | None = None, title: str | None = None) -> list[str]:
        """Ids of the nodes with this class type and/or title, in workflow order."""
        self._require_api()
        return [
            i
            for i, node in self.nodes.items()
            if (class_type is None or _class_type(node) == class_type)
            and (title is None or _title(node) == title)
        ]

    # -- templating ------------------------------------------------------------------------

    def placeholders(self) -> builtins.set[str]:
        """Names of the ``{{name}}`` placeholders still in string inputs."""
        self._require_api()
        return placeholders_in(self.nodes)

    def fill(self, values: Mapping[str, Any] | None = None, /, **more: Any) -> Workflow:
        """Replace ``{{name}}`` placeholders in string inputs.

        An input that is exactly one placeholder takes the value itself, keeping its type
        (``"{{steps}}"`` with ``steps=20`` gives the integer 20); inside longer text the value
        is written as text. A name that matches no placeholder is an error (likely a typo).
        """
        self._require_api()
        given = {**(values or {}), **more}
        unknown = set(given) - self.placeholders()
        if unknown:
            raise WorkflowError(
                f"no placeholder named {', '.join(sorted(unknown))} in this workflow "
                f"(placeholders: {', '.join(sorted(self.placeholders())) or 'none'})"
            )
        for node in self.nodes.values():
            inputs = node["inputs"]
            for name, value in inputs.items():
                if isinstance(value, str):
                    inputs[name] = _fill(value, given)
        return self

    def randomize_seeds(
        self, seed: int | None = None, *, names: tuple[str, ...] = SEED_INPUTS
    ) -> Workflow:
        """Give every seed input (``seed``, ``noise_seed``) that is a value a new random seed,
        or ``seed`` itself when given. Linked seeds are left alone."""
        self._require_api()
        for node in self.nodes.values():
            for name in names:
                value = node["inputs"].get(name)
                if isinstance(value, int) and not isinstance(value, bool):
                    node["inputs"][name] = random.randrange(SEED_RANGE) if seed is None else seed
        return self

    def select_outputs(self, *refs: str) -> Workflow:
        """Run only these output nodes (``partial_execution_targets``); none given runs all."""
        self.partial_execution_targets = [self.node_id(r) for r in refs] if refs else None
        return self

    # -- writing ---------------------------------------------------------------------------

    def copy(self) -> Workflow:
        """An independent copy: changes to it leave this workflow untouched."""
        clone = Workflow(ui=None, partial_execution_targets=None)
        clone.nodes = copy.deepcopy(self.nodes)
        clone.ui = copy.deepcopy(self.ui)
        clone.partial_execution_targets = (
            list(self.partial_execution_targets) if self.partial_execution_targets else None
        )
        return clone

    def to_dict(self) -> dict[str, Any]:
        """The API-format dict, as ``POST /prompt`` takes it (a deep copy)."""
        self._require_api()
        return copy.deepcopy(self.nodes)

    def to_ui(self, definitions: Mapping[str, Any] | HasNodeDefinitions) -> dict[str, Any]:
        """This workflow as the editor saves it (UI format), ready to open in ComfyUI.

        ``definitions`` is the server's ``/object_info`` (``client.node_definitions()``) or a
        client (sync). Nodes are laid out left to right; converting the result back
        (:meth:`from_ui`) gives this workflow again. Raises ``ConversionError`` naming the
        node for anything the editor cannot hold (an unknown node type, a broken link).
        """
        from .convert.to_ui import api_to_ui  # loaded on first use

        self._require_api()
        info: object = (
            definitions if isinstance(definitions, Mapping) else definitions.node_definitions()
        )
        if not isinstance(info, Mapping):
            close = getattr(info, "close", None)
            if callable(close):
                close()  # an async client's coroutine, never awaited
            raise WorkflowError(
                "to_ui needs the node definitions: a sync client or /object_info as a dict "
                "(with an async client: wf.to_ui(await client.node_definitions()))"
            )
        return api_to_ui(self.nodes, info)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the API-format JSON to ``path``."""
        target = Path(path)
        target.write_text(self.to_json() + "\n", encoding="utf-8")
        return target

    # -- helpers ---------------------------------------------------------------------------

    def _require_api(self) -> None:
        if self.is_ui:
            raise WorkflowError(
                "this workflow is in the editor's UI format and has not been converted: use "
                "Workflow.from_ui(ui, object_info) or client.convert_ui(...), or submit it as is"
            )

    def _split(self, path: str) -> tuple[str, str]:
        node_ref, dot, name = str(path).rpartition(".")
        if not dot or not node_ref or not name:
            raise WorkflowError(f"{path!r} is not 'NODE.input' (NODE: an id, a title or a class)")
        return self.node_id(node_ref), name

    def _describe(self, node_id: str) -> str:
        node = self.nodes[node_id]
        title = _title(node)
        shown = f", '{title}'" if title and title != node["class_type"] else ""
        return f"{node_id} ({node['class_type']}{shown})"

    def _listing(self) -> str:
        ids = list(self.nodes)
        shown = ", ".join(self._describe(i) for i in ids[:12])
        return shown + (f", ... ({len(ids)} in all)" if len(ids) > 12 else "") if ids else "none"


def _title(node: Mapping[str, Any]) -> str | None:
    meta = node.get("_meta")
    title = meta.get("title") if isinstance(meta, Mapping) else None
    return title if isinstance(title, str) else None


def _class_type(node: Mapping[str, Any]) -> str | None:
    value = node.get("class_type")
    return value if isinstance(value, str) else None


def _fill(text: str, values: Mapping[str, Any]) -> Any:
    whole = PLACEHOLDER.fullmatch(text.strip())
    if whole and whole.group(1) in values and text.strip() == text:
        return copy.deepcopy(values[whole.group(1)])

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return PLACEHOLDER.sub(substitute, text)


def _json_object(text: str | bytes, name: str) -> Mapping[str, Any]:
    try:
        data = json.loads(text)
    except ValueError as exc:  # UnicodeDecodeError included
        raise WorkflowError(f"{name} is not valid JSON: {exc}") from exc
    if not isinstance(data, Mapping):
        raise WorkflowError(f"{name} is not a JSON object (a workflow is a dict of nodes)")
    return data


def _json_or_none(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None
