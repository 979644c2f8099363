"""How results, prompts and workflows show themselves in a notebook (the IPython display
protocol: ``_repr_png_``, ``_repr_html_``, ``_repr_mimebundle_``).

Plain functions over the objects, building HTML and MIME bundles; IPython is never imported.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from .progress import StepProgress, describe, node_title, nodes_done


class OutputFile(Protocol):
    """What is shown of ``results.OutputFile``."""

    filename: str
    type: str
    node_id: str
    content_type: str
    data: bytes | None


class PromptResult(Protocol):
    """What is shown of ``results.PromptResult``."""

    prompt_id: str
    status: str
    texts: dict[str, list[str]]
    history: dict[str, Any] | None

    @property
    def files(self) -> Sequence[OutputFile]: ...


class Workflow(Protocol):
    """What is shown of ``workflow.Workflow``."""

    nodes: dict[str, dict[str, Any]]
    ui: dict[str, Any] | None

    @property
    def is_ui(self) -> bool: ...


#: Image types a notebook shows by themselves (as ``image/...`` outputs).
INLINE_IMAGES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml")
_TEXT_TYPES = ("text/", "application/json")


def file_bundle(file: OutputFile) -> dict[str, Any]:
    """The MIME bundle of an output: images as themselves, video and audio as players, text
    as text; otherwise (or when not downloaded) a line saying what it is."""
    bundle: dict[str, Any] = {"text/plain": describe_file(file)}
    data, content_type = file.data, file.content_type
    if data is None:
        return bundle
    if content_type in INLINE_IMAGES:
        bundle[content_type] = data.decode() if content_type == "image/svg+xml" else data
    elif content_type.startswith(("video/", "audio/")):
        bundle["text/html"] = media_html(file)
    elif content_type.startswith(_TEXT_TYPES):
        bundle["text/plain"] = data.decode("utf-8", "replace")
    return bundle


def describe_file(file: OutputFile) -> str:
    """``ComfyUI_00001_.png (image/png, 12.3 kB, node 9, output)``."""
    size = f", {len(file.data) / 1000:.1f} kB" if file.data is not None else ", not downloaded"
    return f"{file.filename} ({file.content_type}{size}, node {file.node_id}, {file.type})"


def media_html(file: OutputFile) -> str:
    """An ``<img>``, ``<video>`` or ``<audio>`` element carrying the file's bytes."""
    if file.data is None:
        return f"<code>{html.escape(describe_file(file))}</code>"
    src = f"data:{file.content_type};base64,{base64.b64encode(file.data).decode()}"
    title = html.escape(file.filename)
    if file.content_type.startswith("video/"):
        return f'<video controls loop src="{src}" title="{title}" style="max-width:100%"></video>'
    if file.content_type.startswith("audio/"):
        return f'<audio controls src="{src}" title="{title}"></audio>'
    if file.content_type.startswith("image/"):
        return f'<img src="{src}" title="{title}" style="max-width:100%">'
    return f"<code>{html.escape(describe_file(file))}</code>"


def result_html(result: PromptResult) -> str:
    """A grid of the result's files, each under its node's title, its texts below."""
    workflow = result_workflow(result)
    cells = []
    for file in result.files:
        caption = html.escape(node_title(workflow, file.node_id))
        cells.append(
            '<figure style="margin:4px;display:inline-block;vertical-align:top;max-width:320px">'
            f"{media_html(file)}<figcaption><small>{caption}</small></figcaption></figure>"
        )
    texts = "".join(
        f"<div><b>{html.escape(node_title(workflow, node))}</b>: "
        f"<pre style='display:inline'>{html.escape(text)}</pre></div>"
        for node, items in result.texts.items()
        for text in items
    )
    head = (
        f"<div><b>PromptResult</b> <code>{html.escape(result.prompt_id)}</code> "
        f"{html.escape(result.status)}, {len(result.files)} file(s)</div>"
    )
    return f"<div>{head}<div>{''.join(cells)}</div>{texts}</div>"


def result_workflow(result: PromptResult) -> dict[str, Any] | None:
    """The workflow as the history holds it (``prompt[2]``), for node titles."""
    prompt = (result.history or {}).get("prompt")
    if isinstance(prompt, list | tuple) and len(prompt) > 2 and isinstance(prompt[2], Mapping):
        return dict(prompt[2])
    return None


class _Shown(Protocol):
    prompt_id: str
    number: float
    workflow: dict[str, Any] | None

    @property
    def status(self) -> str | None: ...

    @property
    def progress(self) -> StepProgress | None: ...


def prompt_html(prompt: _Shown) -> str:
    """Status, queue number and progress of a prompt."""
    status = prompt.status
    rows = [
        ("prompt", f"<code>{html.escape(prompt.prompt_id)}</code>"),
        ("number", f"{prompt.number:g}"),
        ("status", html.escape(str(status) if status is not None else "not tracked")),
    ]
    if status is not None and prompt.workflow:
        done, total = nodes_done(prompt)
        rows.append(("nodes", f"{done}/{total} done"))
        rows.append(("now", html.escape(describe([prompt]))))
    body = "".join(f"<tr><th style='text-align:left'>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


def workflow_html(workflow: Workflow) -> str:
    """A compact table of the nodes: id, class, title, inputs (links as ``← node.slot``)."""
    if workflow.is_ui and not workflow.nodes:
        count = len((workflow.ui or {}).get("nodes") or [])
        return f"<div>UI-format workflow, {count} nodes (convert it to see them as a table)</div>"
    rows = []
    for node_id, node in workflow.nodes.items():
        meta = node.get("_meta")
        title = meta.get("title", "") if isinstance(meta, Mapping) else ""
        inputs = ", ".join(
            f"{html.escape(str(name))}={_input_text(value)}"
            for name, value in (node.get("inputs") or {}).items()
        )
        rows.append(
            f"<tr><td>{html.escape(node_id)}</td><td>{html.escape(str(node['class_type']))}</td>"
            f"<td>{html.escape(str(title))}</td><td><small>{inputs}</small></td></tr>"
        )
    head = "<tr><th>id</th><th>class</th><th>title</th><th>inputs</th></tr>"
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _input_text(value: object) -> str:
    if isinstance(value, list) and len(value) == 2 and isinstance(value[1], int):
        return f"&larr; {html.escape(str(value[0]))}.{value[1]}"
    text = json.dumps(value, ensure_ascii=False, default=str)
    return html.escape(text if len(text) <= 40 else text[:39] + "…")
