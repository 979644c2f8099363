"""Progress bars for prompts: ``client.run(..., progress=True)``, ``prompt.result(progress=True)``
and ``wait_all`` / ``async_wait_all`` (``waiting.py``) for many prompts under one bar.

The bar is ``tqdm.auto``'s (a widget in a notebook, a text bar in a terminal) and counts nodes:
node k of n over every prompt watched, the node running with its title and its step progress.
In a notebook the latest preview image is shown below it and updated in place. Needs the
``notebook`` extra (``pip install 'comfy-api-client[notebook]'``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

INSTALL_HINT = "pip install 'comfy-api-client[notebook]'"

# ``PromptStatus`` values (a StrEnum: they compare equal to these strings). The module stays
# free of the package's other modules so that results and workflows can use it to display.
_RUNNING = "running"
_DONE = ("completed",)
_ENDED = ("completed", "failed", "interrupted", "cancelled", "lost")


class StepProgress(Protocol):
    """What is read of ``protocol.Progress``."""

    @property
    def node(self) -> str | None: ...
    @property
    def value(self) -> float | None: ...
    @property
    def max(self) -> float | None: ...
    @property
    def nodes(self) -> Mapping[str, Any]: ...
    @property
    def cached_nodes(self) -> Sequence[str]: ...
    @property
    def preview(self) -> tuple[bytes, str] | None: ...


class Watched(Protocol):
    """What a progress view reads of a prompt (sync and async prompts both have it)."""

    prompt_id: str
    workflow: dict[str, Any] | None

    @property
    def status(self) -> str | None: ...

    @property
    def progress(self) -> StepProgress | None: ...


def node_title(workflow: Mapping[str, Any] | None, node_id: str) -> str:
    """``3 (ImageInvert, 'Flip')``: a node's id with its class and title, when known."""
    node = (workflow or {}).get(node_id)
    if not isinstance(node, Mapping):
        return node_id
    class_type = str(node.get("class_type", "?"))
    meta = node.get("_meta")
    title = meta.get("title") if isinstance(meta, Mapping) else None
    shown = f", '{title}'" if title and title != class_type else ""
    return f"{node_id} ({class_type}{shown})"


def nodes_done(prompt: Watched) -> tuple[int, int]:
    """``(done, total)`` nodes of one prompt (cached nodes count as done)."""
    total = len(prompt.workflow or {})
    status, progress = prompt.status, prompt.progress
    if status in _DONE:
        return total, total
    if progress is None:
        return 0, total
    done = set(progress.cached_nodes)
    done.update(n for n, p in progress.nodes.items() if getattr(p, "state", None) == "finished")
    return min(len(done), total), total


def describe(prompts: Sequence[Watched]) -> str:
    """One line: what is running (node k of n, its title, its steps) or where prompts wait."""
    running = [p for p in prompts if p.status == _RUNNING]
    if not running:
        if all(p.status in _ENDED for p in prompts):
            return ", ".join(sorted({str(p.status) for p in prompts}))
        return "queued"
    prompt = running[0]
    progress = prompt.progress
    done, total = nodes_done(prompt)
    line = f"node {min(done + 1, total)}/{total}"
    if progress is not None and progress.node:
        line += f" {node_title(prompt.workflow, progress.node)}"
    if progress is not None and progress.value is not None and progress.max:
        line += f" step {progress.value:g}/{progress.max:g}"
    if len(prompts) > 1:
        finished = sum(p.status in _ENDED for p in prompts)
        line = f"prompt {finished + 1}/{len(prompts)} · {line}"
    return line


def _tqdm() -> Any:
    try:
        from tqdm.auto import tqdm
    except ImportError as exc:
        raise ImportError(f"progress=True needs tqdm: {INSTALL_HINT}") from exc
    return tqdm


def _notebook_display() -> Any:
    """IPython's ``display`` when running in a notebook kernel, else None."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return None
    shell = get_ipython()
    return display if shell is not None and hasattr(shell, "kernel") else None


class ProgressView:
    """One bar over some prompts; call :meth:`refresh` while waiting and :meth:`close` after."""

    def __init__(self, prompts: Sequence[Watched], *, file: Any = None) -> None:
        tqdm = _tqdm()
        self._prompts = list(prompts)
        total = sum(nodes_done(p)[1] for p in self._prompts)
        self._bar = tqdm(total=total or None, unit="node", desc="ComfyUI", file=file, leave=True)
        self._display = _notebook_display()
        self._preview: Any = None
        self._shown: bytes | None = None
        self.refresh()

    def refresh(self) -> None:
        """Bring the bar (and the preview) up to date."""
        done = sum(nodes_done(p)[0] for p in self._prompts)
        if done != self._bar.n:
            self._bar.n = done
        self._bar.set_postfix_str(describe(self._prompts), refresh=False)
        self._bar.refresh()
        self._show_preview()

    def _show_preview(self) -> None:
        if self._display is None:
            return
        running = [p for p in self._prompts if p.progress is not None and p.progress.preview]
        if not running:
            return
        preview = running[-1].progress.preview  # type: ignore[union-attr]
        assert preview is not None
        data, content_type = preview
        if data is self._shown:
            return
        self._shown = data
        from IPython.display import Image

        image = Image(data=data, format=content_type.split("/")[-1] or "png")
        if self._preview is None:
            self._preview = self._display(image, display_id=True)
        else:
            self._preview.update(image)

    def close(self) -> None:
        self.refresh()
        self._bar.close()
