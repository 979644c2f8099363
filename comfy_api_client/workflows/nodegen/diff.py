"""What changed between two servers' node definitions (``comfy-api-client nodes diff``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .annotations import choices_of, options_of, per_server

#: Change kinds that break workflows written for the old definitions.
BREAKING = frozenset(
    {
        "class_removed",
        "input_removed",
        "input_renamed",
        "input_required",
        "input_type_changed",
        "choices_removed",
        "range_narrowed",
        "output_removed",
        "output_type_changed",
    }
)


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: its kind, the node class, the input (or ``#slot`` output), in words."""

    kind: str
    class_type: str
    detail: str
    name: str | None = None

    @property
    def breaking(self) -> bool:
        return self.kind in BREAKING

    def describe(self) -> str:
        where = f"{self.class_type}.{self.name}" if self.name else self.class_type
        return f"{where}: {self.detail} ({self.kind})"


@dataclass(frozen=True, slots=True)
class Diff:
    """Every change from the old definitions to the new ones."""

    changes: list[Change] = field(default_factory=list)

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.breaking]

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    def to_json(self) -> list[dict[str, Any]]:
        return [
            {
                "kind": c.kind,
                "class_type": c.class_type,
                "name": c.name,
                "detail": c.detail,
                "breaking": c.breaking,
            }
            for c in self.changes
        ]


def diff_definitions(old: Mapping[str, Any], new: Mapping[str, Any]) -> Diff:
    """The changes from ``old`` to ``new`` (two ``/object_info`` answers), class by class."""
    changes: list[Change] = []
    for class_type in sorted(old):
        if class_type not in new:
            changes.append(Change("class_removed", class_type, "the class is gone"))
        else:
            changes += _class_changes(class_type, old[class_type], new[class_type])
    for class_type in sorted(set(new) - set(old)):
        changes.append(Change("class_added", class_type, "a new class"))
    return Diff(changes)


def _inputs(definition: Any) -> dict[str, tuple[str, list[Any]]]:
    """Input name -> (category, spec)."""
    found: dict[str, tuple[str, list[Any]]] = {}
    declared = definition.get("input") if isinstance(definition, Mapping) else None
    for category in ("required", "optional"):
        section = declared.get(category) if isinstance(declared, Mapping) else None
        for name, spec in section.items() if isinstance(section, Mapping) else []:
            if isinstance(spec, list | tuple) and spec:
                found[name] = (category, list(spec))
    return found


def _kind(spec: list[Any]) -> str:
    return "COMBO" if choices_of(spec) is not None else str(spec[0])


def _class_changes(class_type: str, old: Any, new: Any) -> list[Change]:
    changes: list[Change] = []
    before, after = _inputs(old), _inputs(new)
    gone = [n for n in before if n not in after]
    added = [n for n in after if n not in before]
    for name in gone:
        kind = _kind(before[name][1])
        twins = [n for n in added if _kind(after[n][1]) == kind]
        if len(twins) == 1 and sum(_kind(before[g][1]) == kind for g in gone) == 1:
            added.remove(twins[0])
            detail = f"renamed to {twins[0]!r}? (the only {kind} input gone and added)"
            changes.append(Change("input_renamed", class_type, detail, name))
        else:
            changes.append(Change("input_removed", class_type, f"{kind} input removed", name))
    for name in added:
        category, spec = after[name]
        required = category == "required" and "default" not in options_of(spec)
        kind = "input_required" if required else "input_added"
        changes.append(Change(kind, class_type, f"new {category} {_kind(spec)} input", name))
    for name in before:
        if name in after:
            changes += _input_changes(class_type, name, before[name], after[name])
    changes += _output_changes(class_type, old, new)
    return changes


def _input_changes(
    class_type: str, name: str, old: tuple[str, list[Any]], new: tuple[str, list[Any]]
) -> list[Change]:
    changes: list[Change] = []
    (old_category, old_spec), (new_category, new_spec) = old, new
    if old_category == "optional" and new_category == "required":
        changes.append(Change("input_required", class_type, "optional before, required now", name))
    if _kind(old_spec) != _kind(new_spec):
        detail = f"type {_kind(old_spec)} -> {_kind(new_spec)}"
        wider = _types(_kind(old_spec)) <= _types(_kind(new_spec))
        kind = "input_type_widened" if wider else "input_type_changed"
        changes.append(Change(kind, class_type, detail, name))
        return changes
    old_choices, new_choices = choices_of(old_spec), choices_of(new_spec)
    if old_choices is not None and new_choices is not None:
        if per_server(old_choices, options_of(old_spec)):
            return changes  # the server's files: they differ between any two servers
        removed = [c for c in old_choices if c not in new_choices]
        added = [c for c in new_choices if c not in old_choices]
        if removed:
            changes.append(Change("choices_removed", class_type, f"no longer {removed}", name))
        if added:
            changes.append(Change("choices_added", class_type, f"new {added}", name))
    old_options, new_options = options_of(old_spec), options_of(new_spec)
    for bound, narrower in (("min", lambda a, b: b > a), ("max", lambda a, b: b < a)):
        a, b = old_options.get(bound), new_options.get(bound)
        if _number(a) and _number(b) and a != b:
            kind = "range_narrowed" if narrower(a, b) else "range_widened"
            changes.append(Change(kind, class_type, f"{bound} {a} -> {b}", name))
    if old_options.get("default") != new_options.get("default") and "default" in old_options:
        detail = f"default {old_options.get('default')!r} -> {new_options.get('default')!r}"
        changes.append(Change("default_changed", class_type, detail, name))
    return changes


def _types(kind: str) -> set[str]:
    return {t.strip() for t in kind.split(",")}


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _output_changes(class_type: str, old: Any, new: Any) -> list[Change]:
    changes: list[Change] = []
    before = old.get("output") if isinstance(old, Mapping) else None
    after = new.get("output") if isinstance(new, Mapping) else None
    before = before if isinstance(before, list) else []
    after = after if isinstance(after, list) else []
    for slot, kind in enumerate(before):
        name = f"#{slot}"
        if slot >= len(after):
            changes.append(Change("output_removed", class_type, f"{_out(kind)} output gone", name))
        elif _out(kind) != _out(after[slot]):
            detail = f"type {_out(kind)} -> {_out(after[slot])}"
            changes.append(Change("output_type_changed", class_type, detail, name))
    for slot in range(len(before), len(after)):
        changes.append(Change("output_added", class_type, f"new {_out(after[slot])}", f"#{slot}"))
    return changes


def _out(kind: Any) -> str:
    return kind if isinstance(kind, str) else "COMBO"
