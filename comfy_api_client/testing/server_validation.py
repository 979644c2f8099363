"""``POST /prompt`` validation with ComfyUI 0.3.64's error types, messages and shapes.

Validation coerces widget values in place (INT/FLOAT/STRING/BOOLEAN, ``{"__value__": ...}``),
so the queued prompt is the coerced one, as on the real server.
"""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass, field
from typing import Any

from ..workflows.validation import is_link as is_link
from ..workflows.validation import missing_input, types_compatible
from .nodes import NodeRegistry

Error = dict[str, Any]


@dataclass
class ValidationResult:
    """Outcome of validating a prompt: ``ok`` or an ``error`` for the 400 body."""

    ok: bool
    error: Error | None = None
    outputs: list[str] = field(default_factory=list)
    node_errors: dict[str, Any] = field(default_factory=dict)


def full_type_name(klass: type) -> str:
    """``module.Qualname`` of an exception class, or just the name for builtins."""
    if klass.__module__ == "builtins":
        return klass.__qualname__
    return f"{klass.__module__}.{klass.__qualname__}"


def _error(kind: str, message: str, details: str, extra_info: dict[str, Any]) -> Error:
    return {"type": kind, "message": message, "details": details, "extra_info": extra_info}


def _coerce(kind: Any, value: Any) -> Any:
    if kind == "INT":
        return int(value)
    if kind == "FLOAT":
        return float(value)
    if kind == "STRING":
        return str(value)
    if kind == "BOOLEAN":
        return bool(value)
    return value


class _Validator:
    def __init__(self, prompt: dict[str, Any], registry: NodeRegistry) -> None:
        self.prompt = prompt
        self.registry = registry
        self.validated: dict[str, tuple[bool, list[Error], str]] = {}

    def inputs(self, node_id: str) -> tuple[bool, list[Error], str]:
        if node_id in self.validated:
            return self.validated[node_id]
        node = self.prompt[node_id]
        inputs = node["inputs"]
        class_type = node["class_type"]
        definition = self.registry.definition(class_type)
        node_type = self.registry.node_type(class_type)
        validate_names = node_type.validate_inputs if node_type.validate else ()
        errors: list[Error] = []
        valid = True
        categories = definition["input"]
        names = [
            (name, category)
            for category in ("required", "optional")
            for name in categories.get(category, {})
        ]
        for name, category in names:
            spec = categories[category][name]
            kind = spec[0]
            options: dict[str, Any] = spec[1] if len(spec) > 1 else {}
            info = [kind, options]
            if name not in inputs:
                if category == "required":
                    errors.append(missing_input(name))
                continue
            value = inputs[name]
            if isinstance(value, list):
                if len(value) != 2:
                    errors.append(
                        _error(
                            "bad_linked_input",
                            "Bad linked input, must be a length-2 list of [node_id, slot_index]",
                            name,
                            {"input_name": name, "input_config": info, "received_value": value},
                        )
                    )
                    continue
                source_id = value[0]
                source_class = self.prompt[source_id]["class_type"]  # KeyError: missing node
                received = self.registry.return_types(source_class)[value[1]]
                if not types_compatible(received, kind):
                    errors.append(
                        _error(
                            "return_type_mismatch",
                            "Return type mismatch between linked nodes",
                            f"{name}, received_type({received}) mismatch input_type({kind})",
                            {
                                "input_name": name,
                                "input_config": info,
                                "received_type": received,
                                "linked_node": value,
                            },
                        )
                    )
                    continue
                try:
                    upstream = self.inputs(source_id)
                    if upstream[0] is False:
                        valid = False
                        continue
                except Exception as ex:
                    _, _, tb = sys.exc_info()
                    valid = False
                    self.validated[source_id] = (
                        False,
                        [
                            _error(
                                "exception_during_inner_validation",
                                "Exception when validating inner node",
                                str(ex),
                                {
                                    "input_name": name,
                                    "input_config": info,
                                    "exception_message": str(ex),
                                    "exception_type": full_type_name(type(ex)),
                                    "traceback": traceback.format_tb(tb),
                                    "linked_node": value,
                                },
                            )
                        ],
                        source_id,
                    )
                    continue
                continue
            try:
                if isinstance(value, dict) and "__value__" in value:
                    value = value["__value__"]
                    inputs[name] = value
                value = _coerce(kind, value)
                inputs[name] = value
            except Exception as ex:
                errors.append(
                    _error(
                        "invalid_input_type",
                        f"Failed to convert an input value to a {kind} value",
                        f"{name}, {value}, {ex}",
                        {
                            "input_name": name,
                            "input_config": info,
                            "received_value": value,
                            "exception_message": str(ex),
                        },
                    )
                )
                continue
            if name in validate_names:
                continue
            extra = {"input_name": name, "input_config": info, "received_value": value}
            if "min" in options and value < options["min"]:
                errors.append(
                    _error(
                        "value_smaller_than_min",
                        f"Value {value} smaller than min of {options['min']}",
                        name,
                        extra,
                    )
                )
                continue
            if "max" in options and value > options["max"]:
                errors.append(
                    _error(
                        "value_bigger_than_max",
                        f"Value {value} bigger than max of {options['max']}",
                        name,
                        extra,
                    )
                )
                continue
            if isinstance(kind, list) and value not in kind:
                config: Any = info
                if len(kind) > 20:
                    listing = f"(list of length {len(kind)})"
                    config = None
                else:
                    listing = str(kind)
                errors.append(
                    _error(
                        "value_not_in_list",
                        "Value not in list",
                        f"{name}: '{value}' not in {listing}",
                        {"input_name": name, "input_config": config, "received_value": value},
                    )
                )
                continue

        if node_type.validate is not None:
            known = {n for n, _ in names}
            arguments = {
                n: (None if isinstance(inputs[n], list) else inputs[n])
                for n in validate_names
                if n in inputs and n in known
            }
            outcome = node_type.validate(self.registry.files, **arguments)
            if outcome is not True:
                for n in arguments:
                    details = n if outcome is False else f"{n} - {outcome}"
                    errors.append(
                        _error(
                            "custom_validation_failed",
                            "Custom validation failed for node",
                            details,
                            {"input_name": n},
                        )
                    )

        result = (valid and not errors, errors, node_id)
        self.validated[node_id] = result
        return result


def _node_dict(prompt: dict[str, Any], node_id: str) -> Any:
    node = prompt[node_id]
    if not isinstance(node, (dict, str)):
        raise TypeError(f"argument of type '{type(node).__name__}' is not iterable")
    return node


def validate_prompt(
    prompt: Any,
    partial_targets: list[str] | None,
    registry: NodeRegistry,
    missing_node_type: bool = False,
) -> ValidationResult:
    """Validate an API-format prompt the way ComfyUI 0.3.64 does (raises for non-objects);
    ``missing_node_type``: an unknown class is reported as 0.33 does."""
    if not isinstance(prompt, dict):
        raise TypeError("prompt must be a JSON object")
    outputs: list[str] = []
    for node_id in prompt:
        node = _node_dict(prompt, node_id)
        if "class_type" not in node:
            return ValidationResult(
                False,
                _error(
                    "invalid_prompt",
                    "Cannot execute because a node is missing the class_type property.",
                    f"Node ID '#{node_id}'",
                    {},
                ),
            )
        class_type = node["class_type"]
        if class_type not in registry and missing_node_type:
            meta = node.get("_meta")
            title = meta.get("title") if isinstance(meta, dict) else None
            return ValidationResult(
                False,
                _error(
                    "missing_node_type",
                    f"Node '{title or class_type}' not found. The custom node may not be installed.",
                    f"Node ID '#{node_id}'",
                    {
                        "node_id": node_id,
                        "class_type": class_type,
                        "node_title": title or class_type,
                    },
                ),
            )
        if class_type not in registry:
            return ValidationResult(
                False,
                _error(
                    "invalid_prompt",
                    f"Cannot execute because node {class_type} does not exist.",
                    f"Node ID '#{node_id}'",
                    {},
                ),
            )
        if registry.is_output(class_type) and (
            partial_targets is None or node_id in partial_targets
        ):
            outputs.append(node_id)

    if not outputs:
        return ValidationResult(False, _error("prompt_no_outputs", "Prompt has no outputs", "", {}))

    validator = _Validator(prompt, registry)
    good: list[str] = []
    failures: list[tuple[str, list[Error]]] = []
    node_errors: dict[str, Any] = {}
    for output in outputs:
        try:
            valid, reasons, _ = validator.inputs(output)
        except Exception as ex:
            _, _, tb = sys.exc_info()
            valid = False
            reasons = [
                _error(
                    "exception_during_validation",
                    "Exception when validating node",
                    str(ex),
                    {
                        "exception_type": full_type_name(type(ex)),
                        "traceback": traceback.format_tb(tb),
                    },
                )
            ]
            validator.validated[output] = (False, reasons, output)
        if valid is True:
            good.append(output)
            continue
        failures.append((output, reasons))
        for node_id, (node_valid, node_reasons, _) in validator.validated.items():
            if node_valid is not True and node_reasons:
                if node_id not in node_errors:
                    node_errors[node_id] = {
                        "errors": node_reasons,
                        "dependent_outputs": [],
                        "class_type": prompt[node_id]["class_type"],
                    }
                node_errors[node_id]["dependent_outputs"].append(output)

    if not good:
        details = "\n".join(
            f"{reason['message']}: {reason['details']}"
            for _, reasons in failures
            for reason in reasons
        )
        return ValidationResult(
            False,
            _error(
                "prompt_outputs_failed_validation", "Prompt outputs failed validation", details, {}
            ),
            [],
            node_errors,
        )
    return ValidationResult(True, None, good, node_errors)
