"""Which servers of a pool can run a workflow, and which of them should (no I/O here).

A server can run a workflow when it has every node class the workflow uses and every file
it names in a list input (model files, input images...), as its ``/object_info`` lists them.
Among those, the pool picks the least loaded relative to its weight.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: A value that names a file: ``model.safetensors``, ``sub/dir/image.png``.
_FILE_NAME = re.compile(r"\.[A-Za-z0-9]{1,12}$")
#: Suffixes an upload combo's value may carry that its listing never shows.
_ANNOTATIONS = ("[input]", "[output]", "[temp]")


@dataclass(frozen=True, slots=True)
class FileNeed:
    """A file a workflow names in a node input (a model, an input image...)."""

    node_id: str
    class_type: str
    input: str
    value: str

    def describe(self) -> str:
        return f"file {self.value!r} (node {self.node_id} {self.class_type}.{self.input})"


@dataclass(frozen=True, slots=True)
class Requirements:
    """What a workflow needs of a server: node classes (with the nodes using them) and files."""

    classes: dict[str, list[str]]
    files: tuple[FileNeed, ...]


def requirements(api: Mapping[str, Any]) -> Requirements:
    """The node classes an API-format workflow uses and the file-like values of its inputs."""
    classes: dict[str, list[str]] = {}
    files: list[FileNeed] = []
    for node_id, node in api.items():
        if not isinstance(node, Mapping) or not isinstance(node.get("class_type"), str):
            continue
        class_type = node["class_type"]
        classes.setdefault(class_type, []).append(str(node_id))
        inputs = node.get("inputs")
        for name, value in inputs.items() if isinstance(inputs, Mapping) else ():
            if isinstance(value, str) and _FILE_NAME.search(value):
                files.append(FileNeed(str(node_id), class_type, str(name), value))
    return Requirements(classes, tuple(files))


class Capabilities:
    """What one server can run, read from its ``/object_info``: node classes, and the
    choices of their list inputs (kept as sets, built when first asked)."""

    def __init__(self, object_info: Mapping[str, Any]) -> None:
        self._info = object_info
        self._choices: dict[tuple[str, str], frozenset[str] | None] = {}

    @property
    def classes(self) -> frozenset[str]:
        return frozenset(self._info)

    def missing(self, needs: Requirements) -> list[str]:
        """What this server lacks to run a workflow with ``needs`` (empty: it can run it)."""
        lacks = [
            f"node class {class_type!r} (node{'s' if len(nodes) > 1 else ''} {', '.join(nodes)})"
            for class_type, nodes in needs.classes.items()
            if class_type not in self._info
        ]
        for need in needs.files:
            choices = self.choices(need.class_type, need.input)
            if choices is None or need.value in choices:
                continue
            if need.value.endswith(_ANNOTATIONS):
                continue  # an upload's ``name.png [output]``: the listing cannot show it
            lacks.append(need.describe())
        return lacks

    def choices(self, class_type: str, input_name: str) -> frozenset[str] | None:
        """The values a list input accepts on this server (None: not a list input)."""
        key = (class_type, input_name)
        if key not in self._choices:
            self._choices[key] = _list_choices(self._info.get(class_type), input_name)
        return self._choices[key]


def _list_choices(definition: Any, input_name: str) -> frozenset[str] | None:
    if not isinstance(definition, Mapping):
        return None
    declared = definition.get("input")
    if not isinstance(declared, Mapping):
        return None
    for category in ("required", "optional"):
        specs = declared.get(category)
        spec = specs.get(input_name) if isinstance(specs, Mapping) else None
        if isinstance(spec, Sequence) and not isinstance(spec, str) and spec:
            kind = spec[0]
            options = spec[1] if len(spec) > 1 and isinstance(spec[1], Mapping) else {}
            if isinstance(kind, list):
                listed: Any = kind
            elif kind == "COMBO" and not options.get("multiselect"):
                listed = options.get("options")
            else:
                return None
            if not isinstance(listed, list) or not listed:
                return None  # choices the editor fills in: the node checks them itself
            return frozenset(str(v) for v in listed)
    return None


def least_loaded(
    candidates: Sequence[str],
    loads: Mapping[str, float],
    weights: Mapping[str, float],
    turn: int = 0,
) -> str:
    """The candidate with the lowest ``(load + 1) / weight``; ties go round by ``turn``, so
    equal servers take turns."""
    if not candidates:
        raise ValueError("no candidates")
    count = len(candidates)
    order = [candidates[(turn + i) % count] for i in range(count)]
    return min(order, key=lambda name: (loads.get(name, 0.0) + 1.0) / weights.get(name, 1.0))


def server_load(queue_remaining: int | None, in_flight: int) -> float:
    """A server's load: what it reports queued and running, or what the pool has in flight
    there when that is more (its report lags the pool's submissions, and counts them once
    it has them)."""
    return float(max(queue_remaining or 0, in_flight))


def unknown_names(names: Iterable[str], known: Iterable[str], what: str) -> list[str]:
    """``names`` that are not among ``known`` (for include/exclude lists)."""
    have = set(known)
    missing = [name for name in names if name not in have]
    if missing:
        raise ValueError(f"{what}: unknown server(s) {missing}; the pool has {sorted(have)}")
    return missing
