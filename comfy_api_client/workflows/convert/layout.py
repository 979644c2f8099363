"""Placing nodes for the editor: columns left to right by depth, stacked without overlaps.

A node's depth is the length of the longest chain of links that leads to it (a node nothing
feeds is at depth 0), so every link runs from a column to one further right. Within a
column nodes are stacked top to bottom, ordered by where the nodes feeding them sit (fewer
crossing links). LiteGraph draws a node's title bar above its position, so a node takes
``TITLE_HEIGHT`` above ``y`` and ``height`` below it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TITLE_HEIGHT = 30
COLUMN_GAP = 100
ROW_GAP = 50


@dataclass
class Box:
    """A node's place: ``x``, ``y`` (top left of its body), its size, and its run ``order``."""

    id: str
    width: float
    height: float
    x: float = 0.0
    y: float = 0.0
    order: int = 0
    depth: int = 0

    def bounds(self) -> tuple[float, float, float, float]:
        """``(left, top, right, bottom)`` of the node as drawn, title bar included."""
        return self.x, self.y - TITLE_HEIGHT, self.x + self.width, self.y + self.height


def place(boxes: Sequence[Box], edges: Iterable[tuple[str, str]]) -> dict[str, Box]:
    """Give every box its column, position and run order; ``edges`` are (origin, target) ids.

    Links that would close a loop (never valid in a workflow) are ignored for the layout.
    """
    by_id = {box.id: box for box in boxes}
    index = {box.id: i for i, box in enumerate(boxes)}
    parents: dict[str, list[str]] = {box.id: [] for box in boxes}
    children: dict[str, list[str]] = {box.id: [] for box in boxes}
    for origin, target in edges:
        if origin in by_id and target in by_id and origin != target:
            parents[target].append(origin)
            children[origin].append(target)
    for number, node_id in enumerate(_run_order(boxes, parents, children, index)):
        box = by_id[node_id]
        box.order = number
        box.depth = max(
            (by_id[p].depth + 1 for p in parents[node_id] if by_id[p].order < number), default=0
        )
    columns: dict[int, list[Box]] = {}
    for box in sorted(boxes, key=lambda b: b.order):
        columns.setdefault(box.depth, []).append(box)
    x = 0.0
    for depth in sorted(columns):
        column = columns[depth]
        if depth:
            column.sort(key=lambda b: (_mean(by_id[p].y for p in parents[b.id]), index[b.id]))
        else:
            column.sort(
                key=lambda b: (
                    min((by_id[c].order for c in children[b.id]), default=len(boxes)),
                    index[b.id],
                )
            )
        y = float(TITLE_HEIGHT)
        for box in column:
            box.x, box.y = x, y
            y += box.height + TITLE_HEIGHT + ROW_GAP
        x += max(box.width for box in column) + COLUMN_GAP
    return by_id


def _run_order(
    boxes: Sequence[Box],
    parents: dict[str, list[str]],
    children: dict[str, list[str]],
    index: dict[str, int],
) -> list[str]:
    """A topological order, ties broken by workflow order; nodes on a loop come last."""
    waiting = {box.id: len(set(parents[box.id])) for box in boxes}
    ready = sorted((i for i, n in waiting.items() if n == 0), key=index.__getitem__)
    order: list[str] = []
    while ready:
        node_id = ready.pop(0)
        order.append(node_id)
        for child in dict.fromkeys(children[node_id]):
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
                ready.sort(key=index.__getitem__)
    done = set(order)
    return order + [box.id for box in boxes if box.id not in done]


def _mean(values: Iterable[float]) -> float:
    found = list(values)
    return sum(found) / len(found) if found else 0.0


def overlaps(boxes: Iterable[Box]) -> list[tuple[str, str]]:
    """Pairs of boxes whose drawn rectangles intersect (none, for what :func:`place` gives)."""
    listed = sorted(boxes, key=lambda b: b.bounds()[0])
    found = []
    for i, a in enumerate(listed):
        _, top, right, bottom = a.bounds()
        for b in listed[i + 1 :]:
            other = b.bounds()
            if other[0] >= right:
                break
            if other[1] < bottom and top < other[3]:
                found.append((a.id, b.id))
    return found
