"""Client-side validation of API-format workflows against the server's ``/object_info``.

``validate_workflow`` checks a workflow the way ComfyUI 0.3.64's ``validate_prompt`` does, with
the same error ``type`` names and messages, but reports every problem at once where the server
stops at the first bad node class. It reads nothing but the workflow and ``object_info``, so
checks a node makes in its own code (``VALIDATE_INPUTS``) are not known: combo inputs are always
checked against their listed choices (upload combos such as LoadImage's also accept
``name [output]`` and ``sub/name``, which their listing cannot show); a combo listing no choices
at all is checked only for values that name a file (its choices are filled in by the editor,
as CustomCombo's, unless a folder is empty). V3 dynamic inputs (``COMFY_DYNAMICCOMBO_V3``,
``COMFY_AUTOGROW_V3``) are expanded from the node's own inputs first, as the server does, and
``COMFY_MATCHTYPE_V3`` accepts any link (the server leaves that check to the editor). Problems
the server has no type name for:

* ``linked_node_missing``: a link names a node that is not in the workflow;
* ``linked_output_missing``: a link names an output slot its source node does not have;
* ``node_inputs_invalid``: a node's ``inputs`` is not an object (a missing one counts as empty);
* ``dependency_cycle``: a link closes a cycle of nodes (the server fails on these too);
* ``unknown_input``: an input the node's definition does not declare, within two edits of
  a declared one the node lacks (``widht`` for ``width``: the server would drop it
  silently); named with that nearest name. Other undeclared inputs pass, as on the server:
  the editor's "Export (API)" writes widgets of its own (``Load3D``'s ``clear``).

``is_ui_format`` tells the editor's UI format from the API format, without loading the converter.

>>> check_workflow(workflow, client.get_object_info())  # raises PromptValidationError
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ..errors import PromptValidationError, WorkflowError

__all__ = [
    "check_value",
    "check_workflow",
    "expanded_inputs",
    "is_link",
    "is_ui_format",
    "types_compatible",
    "validate_workflow",
]


def is_ui_format(data: object) -> bool:
    """Whether ``data`` is a UI-format workflow (a ``nodes`` list and ``links``)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("nodes"), list):
        return False
    links = data.get("links")
    if isinstance(links, list):
        return True
    # Schema 1 leaves ``links`` out when there are none.
    return "links" not in data and isinstance(data.get("state"), Mapping)


Error = dict[str, Any]

_SCALARS = {"INT": int, "FLOAT": float, "STRING": str, "BOOLEAN": bool}
#: V3 input types whose inputs depend on the prompt (expanded as the server does).
DYNAMIC_COMBO = "COMFY_DYNAMICCOMBO_V3"
AUTOGROW = "COMFY_AUTOGROW_V3"
#: A V3 input (or output) whose type follows what is linked to it.
MATCH_TYPE = "COMFY_MATCHTYPE_V3"
_ANNOTATIONS = ("[input]", "[output]", "[temp]")
_FILE_NAME = re.compile(r"\.[A-Za-z0-9]{1,12}$")


def is_link(value: Any) -> bool:
    """Whether an input value is a ``[node_id, output_index]`` link (a str and an int)."""
    return (
        isinstance(value, list | tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], int)
        and not isinstance(value[1], bool)
    )


def types_compatible(received: Any, expected: Any) -> bool:
    """Whether an output type may feed an input type, as the server decides.

    Equal types match, ``*`` and ``COMFY_MATCHTYPE_V3`` match anything, and comma unions
    (``"IMAGE,MASK"``) match when they share a type. A choice list matches an equal list or a
    ``COMBO`` input.
    """
    if received == expected or received == "*" or expected == "*":
        return True
    if MATCH_TYPE in (received, expected):  # the editor checks these; the server does not
        return True
    if isinstance(received, list) and expected == "COMBO":  # a custom node's choice list
        return True
    if not isinstance(received, str) or not isinstance(expected, str):
        return False
    return bool({t.strip() for t in received.split(",")} & {t.strip() for t in expected.split(",")})


def validate_workflow(
    prompt: Mapping[str, Any],
    object_info: Mapping[str, Any],
    partial_execution_targets: Sequence[str] | None = None,
) -> dict[str, Any] | None:
    """Problems of an API-format workflow as the server's 400 body, or None when it is valid.

    Returns None for a valid workflow, else ``{"error": {...}, "node_errors": {node_id:
    {"errors": [...], "dependent_outputs": [...], "class_type": ...}}}`` (``check_workflow``
    raises it as ``PromptValidationError`` instead).

    Unknown node classes are reported for every node; inputs are checked on the nodes the
    selected outputs depend on (all output nodes, or those in ``partial_execution_targets``),
    as on the server. ``prompt`` is not modified.
    """
    nodes = _normalized(prompt)
    targets = (
        None if partial_execution_targets is None else set(map(str, partial_execution_targets))
    )
    node_errors: dict[str, list[Error]] = {}
    prompt_errors: list[Error] = []
    outputs: list[str] = []
    for node_id, node in nodes.items():
        definition = _definition(object_info, _class_type(node))
        if not isinstance(node, Mapping) or "class_type" not in node:
            message = "Cannot execute because a node is missing the class_type property."
        elif definition is None:
            message = f"Cannot execute because node {node['class_type']} does not exist."
        else:
            if definition.get("output_node") is True and (targets is None or node_id in targets):
                outputs.append(node_id)
            continue
        node_errors[node_id] = [_error("invalid_prompt", message, "", {})]
        prompt_errors.append(
            _error(
                "invalid_prompt",
                message,
                f"Node ID '#{node_id}'",
                {"node_id": node_id, "class_type": _class_type(node), "node_title": _title(node)},
            )
        )

    if not outputs and not prompt_errors:
        return {
            "error": _error(
                "prompt_no_outputs", "Prompt has no outputs", _no_outputs(nodes, targets), {}
            ),
            "node_errors": {},
        }

    checker = _Checker(nodes, object_info)
    for output in outputs:
        checker.visit(output)
    for node_id, errors in checker.errors.items():
        if errors:
            node_errors.setdefault(node_id, []).extend(errors)
    if not node_errors:
        return None

    body_errors: dict[str, Any] = {}
    for node_id in nodes:
        if node_id in node_errors:
            body_errors[node_id] = {
                "errors": node_errors[node_id],
                "dependent_outputs": [o for o in outputs if node_id in checker.upstream(o)],
                "class_type": _class_type(nodes[node_id]),
            }
    if prompt_errors:
        error = prompt_errors[0]
    else:
        details = "\n".join(
            f"{e['message']}: {e['details']}" for o in outputs for e in checker.errors.get(o, [])
        )
        error = _error(
            "prompt_outputs_failed_validation", "Prompt outputs failed validation", details, {}
        )
    return {"error": error, "node_errors": body_errors}


def _no_outputs(nodes: Mapping[str, Any], targets: set[str] | None) -> str:
    """Why a workflow has no output to run: which selected nodes are not outputs."""
    if targets is None:
        return ""  # as the server says it
    named = []
    for target in sorted(targets):
        node = nodes.get(target)
        if node is None:
            named.append(f"node {target} is not in the workflow")
            continue
        title = _title(node)
        shown = f", '{title}'" if title and title != _class_type(node) else ""
        who = f"{_class_type(node)}{shown}"
        named.append(f"node {target} ({who}) is not an output node")
    return (
        f"{'; '.join(named) or 'no node selected'}: select_outputs (partial_execution_targets) "
        "takes nodes that save or show a result, as SaveImage"
    )


def check_workflow(
    prompt: Mapping[str, Any],
    object_info: Mapping[str, Any],
    partial_execution_targets: Sequence[str] | None = None,
) -> None:
    """Raise ``PromptValidationError`` listing every problem ``validate_workflow`` finds."""
    body = validate_workflow(prompt, object_info, partial_execution_targets)
    if body is not None:
        raise PromptValidationError.client_side(body, _normalized(prompt))


class _Checker:
    """Checks the inputs of the nodes that outputs depend on, each node once."""

    def __init__(self, nodes: Mapping[str, Any], object_info: Mapping[str, Any]) -> None:
        self.nodes = nodes
        self.object_info = object_info
        self.errors: dict[str, list[Error]] = {}
        self.links: dict[str, list[tuple[str, list[Any] | tuple[Any, ...]]]] = {}
        self._upstream: dict[str, set[str]] = {}

    def visit(self, start: str) -> None:
        """Check ``start`` and every node it depends on; flag links that close a cycle."""
        on_path: set[str] = set()
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node_id, position = stack.pop()
            if position == 0:
                if node_id in self.errors:
                    continue
                self.errors[node_id] = self.check(node_id)
                on_path.add(node_id)
            links = self.links.get(node_id, [])
            if position == len(links):
                on_path.discard(node_id)
                continue
            stack.append((node_id, position + 1))
            name, link = links[position]
            source = link[0]
            if source in on_path:
                errors = self.errors[node_id]
                if all(e["extra_info"].get("input_name") != name for e in errors):
                    errors.append(
                        _error(
                            "dependency_cycle",
                            "Dependency cycle detected",
                            f"{name}, the linked node {source} depends on node {node_id}",
                            {"input_name": name, "received_value": link, "linked_node": link},
                        )
                    )
            elif source not in self.errors:
                stack.append((source, 0))

    def upstream(self, output: str) -> set[str]:
        """The nodes ``output`` depends on, itself included."""
        if output not in self._upstream:
            seen = {output}
            todo = [output]
            while todo:
                for _, link in self.links.get(todo.pop(), []):
                    if link[0] not in seen:
                        seen.add(link[0])
                        todo.append(link[0])
            self._upstream[output] = seen
        return self._upstream[output]

    def check(self, node_id: str) -> list[Error]:
        """The problems of one node's inputs; records its links to nodes that exist."""
        node = self.nodes[node_id]
        definition = _definition(self.object_info, _class_type(node))
        if definition is None:
            return []  # reported as an unknown class already
        inputs = node.get("inputs", {})
        if not isinstance(inputs, Mapping):
            return [
                _error(
                    "node_inputs_invalid",
                    f"Node inputs must be an object of input names to values, not {type(inputs).__name__}",
                    "inputs",
                    {},
                )
            ]
        declared = definition.get("input")
        declared = expanded_inputs(declared if isinstance(declared, Mapping) else {}, inputs)
        errors: list[Error] = []
        links: list[tuple[str, list[Any] | tuple[Any, ...]]] = []
        for category in ("required", "optional"):
            specs = declared[category]
            for name, spec in specs.items():
                if not isinstance(spec, list | tuple) or not spec:
                    continue
                if name not in inputs:
                    if category == "required":
                        errors.append(missing_input(name))
                    continue
                value = inputs[name]
                if isinstance(value, list | tuple):
                    error = self._check_link(name, spec, value)
                    if is_link(value) and value[0] in self.nodes:
                        links.append((name, value))
                else:
                    error = check_value(name, spec, value)
                if error is not None:
                    errors.append(error)
        known = [*declared["required"], *declared["optional"], *_hidden(definition)]
        for name in inputs:
            if name not in known and _misspelt(name, known, inputs):
                errors.append(unknown_input(name, known, inputs[name]))
        self.links[node_id] = links
        return errors

    def _check_link(self, name: str, spec: Sequence[Any], value: Sequence[Any]) -> Error | None:
        input_type = spec[0]
        extra = {"input_name": name, "input_config": _config(spec), "received_value": value}
        bad = "Bad linked input, must be a length-2 list of [node_id, slot_index]"
        if len(value) != 2:
            return _error("bad_linked_input", bad, name, extra)
        source, slot = value
        if not isinstance(source, str):
            return _error(
                "bad_linked_input", bad, f"{name}, node id {source!r} is not a string", extra
            )
        if not isinstance(slot, int) or isinstance(slot, bool):
            return _error(
                "bad_linked_input", bad, f"{name}, output index {slot!r} is not an integer", extra
            )
        if source not in self.nodes:
            return _error(
                "linked_node_missing",
                f"Input is linked to node {source}, which is not in the workflow",
                name,
                extra,
            )
        source_class = _class_type(self.nodes[source])
        definition = _definition(self.object_info, source_class)
        if definition is None:
            return None  # the source's class is unknown: reported on the source
        output_types = definition.get("output")
        output_types = output_types if isinstance(output_types, list) else []
        if not -len(output_types) <= slot < len(output_types):
            count = len(output_types)
            return _error(
                "linked_output_missing",
                f"Input is linked to output {slot} of node {source} ({source_class}), "
                f"which has {count} output{'s' if count != 1 else ''}",
                name,
                extra,
            )
        received = output_types[slot]
        if not types_compatible(received, input_type):
            return _error(
                "return_type_mismatch",
                "Return type mismatch between linked nodes",
                f"{name}, received_type({received}) mismatch input_type({input_type})",
                {**extra, "received_type": received, "linked_node": value},
            )
        return None


def expanded_inputs(
    declared: Mapping[str, Any], inputs: Mapping[str, Any]
) -> dict[str, dict[str, Any]]:
    """A node's ``required`` and ``optional`` inputs with V3 dynamic inputs expanded.

    As the server does before validating a V3 node: a ``COMFY_DYNAMICCOMBO_V3`` input given a
    known option adds itself and the option's inputs under dotted names (``model.max_tokens``,
    nested ones deeper); one missing or given an unknown option adds nothing. A
    ``COMFY_AUTOGROW_V3`` input adds the template input once for each of its names present in
    ``inputs`` (``images.image0``...), required below the template's ``min``.
    """
    out: dict[str, dict[str, Any]] = {"required": {}, "optional": {}}
    _expand(out, declared, inputs, "")
    return out


def _expand(
    out: dict[str, dict[str, Any]],
    declared: Mapping[str, Any],
    inputs: Mapping[str, Any],
    prefix: str,
) -> None:
    for category in ("required", "optional"):
        specs = declared.get(category)
        if not isinstance(specs, Mapping):
            continue
        for name, spec in specs.items():
            if not isinstance(spec, list | tuple) or not spec:
                continue
            full = f"{prefix}{name}"
            kind, options = spec[0], _options(spec)
            if kind == DYNAMIC_COMBO:
                chosen = inputs.get(full)
                for option in options.get("options") or []:
                    if isinstance(option, Mapping) and option.get("key") == chosen:
                        sub = option.get("inputs")
                        _expand(out, sub if isinstance(sub, Mapping) else {}, inputs, f"{full}.")
                        out[category][full] = spec
                        break
            elif kind == AUTOGROW:
                _expand_autogrow(out, options.get("template"), inputs, f"{full}.")
            else:
                out[category][full] = spec


def _expand_autogrow(
    out: dict[str, dict[str, Any]], template: Any, inputs: Mapping[str, Any], prefix: str
) -> None:
    if not isinstance(template, Mapping):
        return
    names = template.get("names")
    if not isinstance(names, list):
        count = template.get("max")
        count = count if isinstance(count, int) and not isinstance(count, bool) else 0
        names = [f"{template.get('prefix', '')}{i}" for i in range(count)]
    minimum = template.get("min")
    minimum = minimum if isinstance(minimum, int) and not isinstance(minimum, bool) else 0
    spec = None
    sections = template.get("input")
    for section in sections.values() if isinstance(sections, Mapping) else []:
        if isinstance(section, Mapping) and section:
            spec = next(iter(section.values()))
    if spec is None:
        return
    for index, name in enumerate(names):
        if f"{prefix}{name}" in inputs:
            category = "required" if index < minimum else "optional"
            _expand(out, {category: {str(name): spec}}, inputs, prefix)


def check_value(name: str, spec: Sequence[Any], value: Any) -> Error | None:
    """The problem of a widget value, after the server's conversion (int(), float(), str())."""
    input_type = spec[0]
    options = _options(spec)
    if isinstance(value, Mapping) and "__value__" in value:
        value = value["__value__"]
    convert = _SCALARS.get(input_type) if isinstance(input_type, str) else None
    if convert is not None:
        try:
            value = convert(value)
        except Exception as ex:
            return _error(
                "invalid_input_type",
                f"Failed to convert an input value to a {input_type} value",
                f"{name}, {value}, {ex}",
                {
                    "input_name": name,
                    "input_config": _config(spec),
                    "received_value": value,
                    "exception_message": str(ex),
                },
            )
    extra = {"input_name": name, "input_config": _config(spec), "received_value": value}
    try:
        if "min" in options and value < options["min"]:
            message = f"Value {value} smaller than min of {options['min']}"
            return _error("value_smaller_than_min", message, name, extra)
        if "max" in options and value > options["max"]:
            message = f"Value {value} bigger than max of {options['max']}"
            return _error("value_bigger_than_max", message, name, extra)
    except TypeError:
        pass  # not comparable: the server would fail on it, but not with a validation error
    choices = _choices(input_type, options)
    if choices is None or value in choices or _file_reference(value, options):
        return None
    if not choices and not _names_a_file(value):
        return None  # choices the editor fills in (CustomCombo): the node checks them itself
    listing = f"(list of length {len(choices)})" if len(choices) > 20 else str(choices)
    return _error(
        "value_not_in_list",
        "Value not in list",
        f"{name}: '{value}' not in {listing}",
        {**extra, "input_config": None if len(choices) > 20 else _config(spec)},
    )


def _choices(input_type: Any, options: Mapping[str, Any]) -> list[Any] | None:
    """A combo's choices: ``[[choices], {...}]`` or ``["COMBO", {"options": [...]}]``."""
    if isinstance(input_type, list):
        return input_type
    if input_type == "COMBO" and not options.get("multiselect"):
        choices = options.get("options")
        return choices if isinstance(choices, list) else None
    return None


def _file_reference(value: Any, options: Mapping[str, Any]) -> bool:
    """An upload combo's value the listing cannot show: ``a.png [output]``, ``sub/a.png``."""
    uploads = any(key.endswith("upload") and flag for key, flag in options.items())
    return (
        uploads
        and isinstance(value, str)
        and (value.endswith(_ANNOTATIONS) or "/" in value or "\\" in value)
    )


def _names_a_file(value: Any) -> bool:
    """Whether a combo value looks like a file name (``model.safetensors``, ``a/b.png``)."""
    return isinstance(value, str) and _FILE_NAME.search(value) is not None


def _options(spec: Sequence[Any]) -> Mapping[str, Any]:
    options = spec[1] if len(spec) > 1 else None
    return options if isinstance(options, Mapping) else {}


def _config(spec: Sequence[Any]) -> list[Any]:
    return [spec[0], dict(_options(spec))]


def _definition(object_info: Mapping[str, Any], class_type: Any) -> Mapping[str, Any] | None:
    if not isinstance(class_type, str):
        return None
    definition = object_info.get(class_type)
    return definition if isinstance(definition, Mapping) else None


def _class_type(node: Any) -> Any:
    return node.get("class_type") if isinstance(node, Mapping) else None


def _title(node: Any) -> str | None:
    meta = node.get("_meta") if isinstance(node, Mapping) else None
    title = meta.get("title") if isinstance(meta, Mapping) else None
    return title if isinstance(title, str) else None


def _normalized(prompt: Mapping[Any, Any]) -> dict[str, Any]:
    """The prompt with node ids as they travel in JSON (``1`` -> ``"1"``); nodes not copied."""
    return {key if isinstance(key, str) else _json_key(key): node for key, node in prompt.items()}


def _json_key(key: Any) -> str:
    return json.dumps(key) if isinstance(key, int | float | bool) or key is None else str(key)


def _error(kind: str, message: str, details: str, extra_info: dict[str, Any]) -> Error:
    return {"type": kind, "message": message, "details": details, "extra_info": extra_info}


def missing_input(name: str) -> Error:
    """ComfyUI's error for a required input left out (also given by the test server)."""
    return _error("required_input_missing", "Required input is missing", name, {"input_name": name})


#: A ``{{name}}`` placeholder in a string input (``Workflow.fill`` fills them).
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}")


def placeholders_in(nodes: Mapping[str, Any]) -> set[str]:
    """Names of the ``{{name}}`` placeholders in the string inputs of API-format ``nodes``."""
    return {
        match.group(1)
        for node in nodes.values()
        if isinstance(node, Mapping) and isinstance(node.get("inputs"), Mapping)
        for value in node["inputs"].values()
        if isinstance(value, str)
        for match in PLACEHOLDER.finditer(value)
    }


def _how_to_fill(first: str) -> str:
    return (
        f"fill them (wf.fill({first}=...), or --fill {first}=... on the command line), or send "
        "them as text with allow_placeholders=True (--allow-placeholders)"
    )


def refuse_unfilled(
    nodes: Mapping[str, Any], how_to_fill: Callable[[str], str] = _how_to_fill
) -> None:
    """Raise ``WorkflowError`` when API-format ``nodes`` still hold ``{{name}}`` placeholders:
    sent as they are, they would reach the nodes as text (a prompt reading "{{subject}}").
    The message ends with ``how_to_fill(first name)``."""
    unfilled = sorted(placeholders_in(nodes))
    if unfilled:
        names = ", ".join("{{" + name + "}}" for name in unfilled)
        raise WorkflowError(
            f"the workflow has unfilled placeholders {names}: {how_to_fill(unfilled[0])}"
        )


def no_such_input(name: str, known: Iterable[str]) -> str:
    """How an input name a node does not have is told, by ``Workflow.set`` and validation
    alike: ``has no input 'widht' (did you mean 'width'? its inputs: width, height)``."""
    names = list(known)
    nearest = nearest_name(name, names)
    hint = f"did you mean {nearest!r}? " if nearest else ""
    return f"has no input {name!r} ({hint}its inputs: {', '.join(names) or 'none'})"


def nearest_name(name: str, known: Iterable[str]) -> str | None:
    """The name in ``known`` closest to ``name`` (difflib's ratio of at least 0.6), or None."""
    nearest = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return nearest[0] if nearest else None


def unknown_input(name: str, known: Iterable[str], value: Any) -> Error:
    """An input the node's definition does not declare: the server would drop it silently."""
    return _error(
        "unknown_input",
        f"The node {no_such_input(name, known)}",
        name,
        {"input_name": name, "received_value": value},
    )


def _misspelt(name: str, known: Sequence[str], inputs: Mapping[str, Any]) -> bool:
    """Whether the undeclared input ``name`` looks like a misspelling: the nearest declared
    name is absent and at most two edits away. Other undeclared inputs are the editor's own
    widgets (``Load3D``'s ``clear``, ``CustomCombo``'s ``option1``, ``Preview3D``'s
    ``image``...), which its "Export (API)" writes and the server ignores."""
    nearest = nearest_name(name, known)
    return nearest is not None and nearest not in inputs and _edits(name, nearest) <= 2


def _edits(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions from ``a`` to ``b``."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _hidden(definition: Mapping[str, Any]) -> list[str]:
    declared = definition.get("input")
    hidden = declared.get("hidden") if isinstance(declared, Mapping) else None
    return list(hidden) if isinstance(hidden, Mapping) else []


#: Problems that definitions fetched earlier can cause: a file uploaded or a node installed since.
_STALE_SIGNS = frozenset({"value_not_in_list", "invalid_prompt"})


def node_classes(prompt: Mapping[str, Any]) -> list[str]:
    """The node classes an API-format workflow uses, each once, in order."""
    found: dict[str, None] = {}
    for node in prompt.values():
        class_type = _class_type(node)
        if isinstance(class_type, str):
            found[class_type] = None
    return list(found)


def may_be_stale(body: Mapping[str, Any] | None) -> bool:
    """Whether ``body``'s problems could come from outdated definitions (worth a refetch)."""
    if body is None:
        return False
    return any(
        error.get("type") in _STALE_SIGNS
        for entry in (body.get("node_errors") or {}).values()
        for error in entry.get("errors") or []
    )
