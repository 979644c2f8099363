"""Workflows written as Python: ``Graph`` records the nodes that generated node functions add.

>>> from comfyui_nodes import EmptyImage, ImageInvert, SaveImage
>>> with Graph() as g:
...     SaveImage(images=ImageInvert(image=EmptyImage(width=64, height=64)))
>>> client.run(g)  # a Graph is a Workflow: it goes wherever a workflow goes

The node functions of a package made by ``comfy_api_client.workflows.nodegen`` call
:meth:`NodeSet.add`: every value is checked as it is set, with the rules and messages of
``validation.py`` (``PromptValidationError`` naming the node, the input, the value and the
reason), and an :class:`Output` of one node becomes a ``[node_id, slot]`` link in another.
"""

from __future__ import annotations

import contextvars
import gzip
import json
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any, Generic, TypeVar

from ..errors import PromptValidationError, WorkflowError
from .nodegen.annotations import choices_of, options_of, per_server
from .validation import check_value, expanded_inputs, missing_input, types_compatible
from .workflow import Workflow

__all__ = ["Graph", "Node", "NodeSet", "Output", "current_graph"]

T_co = TypeVar("T_co", covariant=True)

_CURRENT: contextvars.ContextVar[Graph | None] = contextvars.ContextVar("graph", default=None)


class Node:
    """A node added to a :class:`Graph`: its id, class and (settable) title."""

    __slots__ = ("class_type", "graph", "id")

    def __init__(self, graph: Graph, node_id: str, class_type: str) -> None:
        self.graph = graph
        self.id = node_id
        self.class_type = class_type

    @property
    def title(self) -> str:
        """The node's title (``_meta.title``): its display name unless set."""
        return str(self.graph.nodes[self.id]["_meta"]["title"])

    @title.setter
    def title(self, value: str) -> None:
        self.graph.nodes[self.id]["_meta"]["title"] = str(value)

    def __repr__(self) -> str:
        return f"<Node {self.id} {self.class_type}>"


class Output(Generic[T_co]):
    """Output ``slot`` of a node, typed by its ComfyUI type (``Output[Literal["IMAGE"]]``).

    Passed to another node's input it becomes the link ``[node_id, slot]``.
    """

    __slots__ = ("node", "slot", "type")

    def __init__(self, node: Node, slot: int, type: Any) -> None:
        self.node = node
        self.slot = slot
        #: The ComfyUI type, as ``/object_info`` gives it (``"IMAGE"``, a choice list...).
        self.type = type

    def link(self) -> list[Any]:
        """The API-format link to this output."""
        return [self.node.id, self.slot]

    def __repr__(self) -> str:
        return f"<Output {self.slot} ({self.type}) of node {self.node.id} {self.node.class_type}>"


class Graph(Workflow):
    """A workflow built by calling node functions inside ``with Graph() as g:``.

    Nodes get the ids ``"1"``, ``"2"``... in the order they are added and their display names
    as titles (``out.node.title = ...`` changes one). A Graph *is* a :class:`Workflow`: run,
    submit, template, validate and save it as one; ``to_workflow()`` gives a plain copy.
    """

    def __init__(self) -> None:
        super().__init__()
        self._token: contextvars.Token[Graph | None] | None = None

    def __enter__(self) -> Graph:
        if self._token is not None:
            raise WorkflowError("this Graph is open already")
        self._token = _CURRENT.set(self)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._token is not None:
            _CURRENT.reset(self._token)
            self._token = None

    def to_workflow(self) -> Workflow:
        """A plain :class:`Workflow` copy of this graph."""
        return self.copy()

    def __json__(self) -> dict[str, Any]:
        """The API-format dict (what Celery's JSON serializer sends for ``task.delay(g)``)."""
        return self.to_dict()

    def __reduce__(self) -> tuple[Any, ...]:
        return (Workflow, (self.to_dict(),))

    def next_id(self) -> str:
        """The id the next node added gets."""
        number = len(self.nodes) + 1
        while str(number) in self.nodes:
            number += 1
        return str(number)

    def add(self, class_type: str, title: str, inputs: dict[str, Any]) -> Node:
        """Append a node whose inputs were checked (node functions call it through NodeSet)."""
        node_id = self.next_id()
        self.nodes[node_id] = {
            "inputs": inputs,
            "class_type": class_type,
            "_meta": {"title": title},
        }
        return Node(self, node_id, class_type)


def current_graph() -> Graph:
    """The graph of the innermost ``with Graph():`` block (``WorkflowError`` outside one)."""
    graph = _CURRENT.get()
    if graph is None:
        raise WorkflowError("node functions add nodes to a graph: call them inside `with Graph():`")
    return graph


class NodeSet:
    """The node definitions a generated package was made from, loaded on first use.

    ``NodeSet.from_package("comfyui_nodes")`` reads the package's ``definitions.json.gz``.
    """

    def __init__(
        self, definitions: Mapping[str, Any] | None = None, package: str | None = None
    ) -> None:
        self._definitions = definitions
        self._package = package

    @classmethod
    def from_package(cls, package: str) -> NodeSet:
        return cls(package=package)

    @property
    def definitions(self) -> Mapping[str, Any]:
        """``/object_info``'s entries of the package's classes."""
        if self._definitions is None:
            assert self._package is not None
            data = resources.files(self._package).joinpath("definitions.json.gz").read_bytes()
            self._definitions = json.loads(gzip.decompress(data))
        return self._definitions

    def one(self, class_type: str, given: Mapping[str, Any]) -> Output[Any]:
        """Add a node with one output; that output."""
        return self.outputs(class_type, given)[0]

    def many(self, class_type: str, given: Mapping[str, Any]) -> tuple[Output[Any], ...]:
        """Add a node with several outputs; all of them."""
        return self.outputs(class_type, given)

    def none(self, class_type: str, given: Mapping[str, Any]) -> Node:
        """Add a node without outputs; the node."""
        return self.add(class_type, given)[0]

    def outputs(self, class_type: str, given: Mapping[str, Any]) -> tuple[Output[Any], ...]:
        node, types = self.add(class_type, given)
        return tuple(Output(node, slot, kind) for slot, kind in enumerate(types))

    def add(self, class_type: str, given: Mapping[str, Any]) -> tuple[Node, list[Any]]:
        """Check ``given`` (``None`` = left out) against the definition and add the node."""
        graph = current_graph()
        definition = self.definitions[class_type]
        declared = definition.get("input") or {}
        inputs: dict[str, Any] = {}
        for name, value in given.items():
            if value is not None:
                _flatten(inputs, name, value, _declared_spec(declared, name))
        node_id = graph.next_id()
        errors = _problems(graph, declared, inputs)
        if errors:
            title = str(definition.get("display_name") or class_type)
            prompt = {
                node_id: {"class_type": class_type, "inputs": inputs, "_meta": {"title": title}}
            }
            body = {
                "error": {
                    "type": "prompt_outputs_failed_validation",
                    "message": "Prompt outputs failed validation",
                    "details": "",
                    "extra_info": {},
                },
                "node_errors": {
                    node_id: {"errors": errors, "dependent_outputs": [], "class_type": class_type}
                },
            }
            raise PromptValidationError.client_side(body, prompt)
        links = {n: v.link() if isinstance(v, Output) else v for n, v in inputs.items()}
        title = str(definition.get("display_name") or class_type)
        node = graph.add(class_type, title, links)
        return node, list(definition.get("output") or [])


def _declared_spec(declared: Mapping[str, Any], name: str) -> Any:
    for category in ("required", "optional"):
        section = declared.get(category)
        if isinstance(section, Mapping) and name in section:
            return section[name]
    return None


def _flatten(inputs: dict[str, Any], name: str, value: Any, spec: Any) -> None:
    """Spread a V3 dynamic input into its dotted inputs: a dynamic combo given as
    ``(key, {sub-inputs})``, an autogrow input as a list or a mapping of its names."""
    kind = spec[0] if isinstance(spec, list | tuple) and spec else None
    options = spec[1] if isinstance(spec, list | tuple) and len(spec) > 1 else {}
    options = options if isinstance(options, Mapping) else {}
    if kind == "COMFY_DYNAMICCOMBO_V3" and isinstance(value, tuple):
        key, subs = value
        inputs[name] = key
        chosen = next(
            (
                o
                for o in options.get("options") or []
                if isinstance(o, Mapping) and o.get("key") == key
            ),
            None,
        )
        sub_declared = chosen.get("inputs") if isinstance(chosen, Mapping) else None
        sub_declared = sub_declared if isinstance(sub_declared, Mapping) else {}
        for sub, sub_value in dict(subs).items():
            _flatten(inputs, f"{name}.{sub}", sub_value, _declared_spec(sub_declared, sub))
        _fill_defaults(inputs, f"{name}.", sub_declared)
    elif kind == "COMFY_DYNAMICCOMBO_V3":
        inputs[name] = value
        for option in options.get("options") or []:
            if isinstance(option, Mapping) and option.get("key") == value:
                sub_declared = option.get("inputs")
                if isinstance(sub_declared, Mapping):
                    _fill_defaults(inputs, f"{name}.", sub_declared)
    elif kind == "COMFY_AUTOGROW_V3" and not isinstance(value, str | Output):
        template = options.get("template")
        template = template if isinstance(template, Mapping) else {}
        if isinstance(value, Mapping):
            items = list(value.items())
        else:
            names = template.get("names")
            if not isinstance(names, list):
                prefix = template.get("prefix", "")
                names = [f"{prefix}{i}" for i in range(len(value))]
            items = list(zip(names, value, strict=False))
            if len(value) > len(names):
                items.append((f"{len(value)}", value[len(names)]))  # reported as unknown
        for sub, sub_value in items:
            inputs[f"{name}.{sub}"] = sub_value
    else:
        inputs[name] = value


def _fill_defaults(inputs: dict[str, Any], prefix: str, declared: Mapping[str, Any]) -> None:
    """Sub-inputs of a chosen dynamic combo option left out take their defaults."""
    for category in ("required", "optional"):
        section = declared.get(category)
        for sub, spec in section.items() if isinstance(section, Mapping) else []:
            full = f"{prefix}{sub}"
            if full in inputs or not isinstance(spec, list | tuple) or len(spec) < 2:
                continue
            options = spec[1] if isinstance(spec[1], Mapping) else {}
            if "default" in options and spec[0] not in (
                "COMFY_DYNAMICCOMBO_V3",
                "COMFY_AUTOGROW_V3",
            ):
                inputs[full] = options["default"]


def _problems(graph: Graph, declared: Mapping[str, Any], inputs: Mapping[str, Any]) -> list[Any]:
    """The problems of a node's inputs, as validation reports them."""
    expanded = expanded_inputs(declared, inputs)
    known = {**expanded["optional"], **expanded["required"]}
    errors: list[Any] = []
    for name in expanded["required"]:
        if name not in inputs:
            errors.append(missing_input(name))
    for name, value in inputs.items():
        spec = known.get(name)
        if spec is None:
            errors.append(
                _problem("input_unknown", "Input is not declared by the node", name, value)
            )
        elif isinstance(value, Output):
            if value.node.graph is not graph:
                errors.append(
                    _problem(
                        "linked_node_missing", "Output of a node of another graph", name, value
                    )
                )
            elif not types_compatible(value.type, spec[0]):
                errors.append(
                    _problem(
                        "return_type_mismatch",
                        "Return type mismatch between linked nodes",
                        f"{name}, received_type({value.type}) mismatch input_type({spec[0]})",
                        value,
                        name,
                    )
                )
        elif isinstance(value, Sequence) and not isinstance(value, str):
            continue  # a multiselect combo's list, or a raw link: the server checks it
        else:
            error = check_value(name, _fixed_choices(spec), value)
            if error is not None:
                errors.append(error)
    return errors


def _fixed_choices(spec: Sequence[Any]) -> Sequence[Any]:
    """``spec``, without its choices when they are the recording server's files: the server
    the graph runs on has its own (checked when the workflow is validated or submitted)."""
    choices = choices_of(spec)
    if choices is None or not per_server(choices, options_of(spec)):
        return spec
    return ["COMBO", {**options_of(spec), "options": None}]


def _problem(kind: str, message: str, details: str, value: Any, name: str | None = None) -> Any:
    received = value.link() if isinstance(value, Output) else value
    return {
        "type": kind,
        "message": message,
        "details": details,
        "extra_info": {"input_name": name or details, "received_value": received},
    }
