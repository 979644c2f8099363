"""Shared pieces of the benchmarks and the soak: workflows, figures, statistics."""

from __future__ import annotations

import itertools
import random
import statistics
from dataclasses import asdict, dataclass, field
from typing import Any

#: Colours never repeat within one process, so the server never serves a prompt from cache.
_colors = itertools.count(random.randrange(1 << 23))


def trivial_workflow(size: int = 8) -> dict[str, Any]:
    """EmptyImage -> PreviewImage with a colour no earlier prompt of this process used."""
    color = next(_colors) % (1 << 24)
    return {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": size, "height": size, "batch_size": 1, "color": color},
        },
        "2": {"class_type": "PreviewImage", "inputs": {"images": ["1", 0]}},
    }


def saving_workflow(prefix: str = "soak") -> dict[str, Any]:
    """EmptyImage -> SaveImage: its output survives a server restart (temp files do not)."""
    color = next(_colors) % (1 << 24)
    return {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": 8, "height": 8, "batch_size": 1, "color": color},
        },
        "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": prefix}},
    }


@dataclass
class Figure:
    """One line of the table: a measured value, its target and whether the target is met."""

    name: str
    value: float | None
    unit: str
    target: str = ""
    ok: bool | None = None  # None: no target, or not measured
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def cells(self) -> tuple[str, str, str, str]:
        if self.value is None:
            value = "skipped"
        elif self.unit == "x":
            value = f"{self.value:.3f}x"
        elif abs(self.value) >= 100 or float(self.value).is_integer():
            value = f"{self.value:.0f} {self.unit}"
        else:
            value = f"{self.value:.3g} {self.unit}"
        verdict = {True: "pass", False: "FAIL", None: "-"}[self.ok]
        return self.name, value.strip(), self.target or "-", verdict


def at_most(name: str, value: float, unit: str, limit: float, **kw: Any) -> Figure:
    """A figure whose target is ``value <= limit``."""
    shown = f"{limit:g}x" if unit == "x" else f"{limit:g} {unit}"
    return Figure(name, value, unit, f"<= {shown}", value <= limit, **kw)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def table(figures: list[Figure]) -> str:
    """A Markdown table: figure, value, target, pass/fail."""
    rows = [("figure", "value", "target", "result"), *(f.cells() for f in figures)]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    notes = [f"- {f.name}: {f.note}" for f in figures if f.note]
    return "\n".join(lines + (["", *notes] if notes else []))
