"""A real notebook, executed by a Jupyter kernel (nbclient + ipykernel) against the test double:
results show themselves, ``progress=True`` draws a widget that counts nodes, and the live
preview is one output updated in place (issue 11, part 1)."""

from __future__ import annotations

import base64
import html
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("tqdm")

PNG = b"\x89PNG\r\n\x1a\n"

WORKFLOW = {
    "1": {
        "class_type": "EmptyImage",
        "inputs": {"width": 1024, "height": 1024, "batch_size": 2, "color": 0x3366CC},
        "_meta": {"title": "Canvas"},
    },
    # a blur this large runs for a while: the bar shows it running, with its title
    "2": {
        "class_type": "ImageBlur",
        "inputs": {"image": ["1", 0], "blur_radius": 31, "sigma": 10.0},
        "_meta": {"title": "Soften"},
    },
    "3": {
        "class_type": "SaveImageWebsocket",
        "inputs": {"images": ["2", 0]},
        "_meta": {"title": "Stream"},
    },
}

#: A stand-in prompt whose preview changes between two refreshes of the view.
PREVIEW_CELL = """
import io
from types import SimpleNamespace
from PIL import Image
from comfy_api_client.notebook.progress import ProgressView

def frame(color):
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(buf, format="PNG")
    return buf.getvalue()

step = SimpleNamespace(node="2", value=3, max=10, nodes={}, cached_nodes=["1"],
                       preview=(frame("red"), "image/png"))
stand_in = SimpleNamespace(prompt_id="p", workflow=wf.nodes, status="running", progress=step)
view = ProgressView([stand_in])
step.value, step.preview = 7, (frame("blue"), "image/png")
view.refresh()
stand_in.status = "completed"
view.close()
"""


class RecordingClient(nbclient.NotebookClient):  # type: ignore[misc]
    """Keeps every message the kernel published, per cell."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.messages: dict[int, list[dict[str, Any]]] = {}

    def process_message(self, msg: dict[str, Any], cell: Any, cell_index: int) -> Any:
        self.messages.setdefault(cell_index, []).append(msg)
        return super().process_message(msg, cell, cell_index)


WIDGET = "application/vnd.jupyter.widget-view+json"


def bar_texts(messages: list[dict[str, Any]]) -> list[str]:
    """The texts tqdm's widget showed (HTML, with figure spaces for spaces)."""
    return [
        html.unescape(str(m["content"]["data"]["state"]["value"])).replace("\u2007", " ")
        for m in messages
        if m["msg_type"] == "comm_msg"
        and isinstance(m["content"]["data"].get("state", {}).get("value"), str)
    ]


def notebook(url: str) -> Any:
    cells = [
        "from comfy_api_client import Workflow, create_client\n"
        f"wf = Workflow({json.dumps(WORKFLOW)})\n"
        f"client = create_client({url!r})\n"
        "client.open()",
        "result = client.run(wf, timeout=120, progress=True)",
        "result.output_images[0]",
        "result",
        "wf",
        "prompt = client.submit_workflow(wf.copy().set('Canvas.color', 1))\n"
        "prompt.result(timeout=120)\n"
        "prompt",
        PREVIEW_CELL,
        "client.close()",
    ]
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    return nb


def test_a_notebook_shows_results_progress_and_preview(double: Any, tmp_path: Path) -> None:
    nb = notebook(double.url)
    runner = RecordingClient(
        nb,
        timeout=300,
        kernel_name="python3",
        store_widget_state=True,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    runner.execute()
    (tmp_path / "executed.ipynb").write_text(nbformat.writes(nb))
    errors = [o for c in nb.cells for o in c.outputs if o.output_type == "error"]
    assert errors == []

    # the run: a progress widget, and the preview image below it
    run_outputs = nb.cells[1].outputs
    widget = [o for o in run_outputs if WIDGET in o.get("data", {})]
    assert len(widget) == 1 and "node" in widget[0]["data"]["text/plain"]
    previews = [o for o in run_outputs if "image/png" in o.get("data", {})]
    assert len(previews) == 1
    assert base64.b64decode(previews[0]["data"]["image/png"]).startswith(PNG)
    # progress updates: the bar said which node ran, with its title
    texts = bar_texts(runner.messages[1])
    assert any("node 2/3 2 (ImageBlur, 'Soften')" in t for t in texts)
    assert texts[-1].endswith("completed]")
    widgets = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    bars = [w["state"] for w in widgets.values() if w["model_name"] == "FloatProgressModel"]
    assert bars and all(b["value"] == b["max"] == 3 for b in bars)

    # the preview is one display, updated in place; the step shows
    cell = 6
    kinds = [m["msg_type"] for m in runner.messages[cell]]
    assert kinds.count("update_display_data") == 1
    shown = [o for o in nb.cells[cell].outputs if "image/png" in o.get("data", {})]
    assert len(shown) == 1  # the second frame replaced the first
    from PIL import Image

    last = Image.open(io.BytesIO(base64.b64decode(shown[0]["data"]["image/png"])))
    assert last.getpixel((0, 0)) == (0, 0, 255)
    assert any(
        "node 2/3 2 (ImageBlur, 'Soften') step 7/10" in t for t in bar_texts(runner.messages[cell])
    )

    # results display themselves
    image = nb.cells[2].outputs[0]["data"]
    assert base64.b64decode(image["image/png"]).startswith(PNG)
    grid = nb.cells[3].outputs[0]["data"]["text/html"]
    assert grid.count('<img src="data:image/png;base64,') == 2
    assert "3 (SaveImageWebsocket, &#x27;Stream&#x27;)" in grid
    table = nb.cells[4].outputs[0]["data"]["text/html"]
    assert "<td>EmptyImage</td><td>Canvas</td>" in table and "&larr; 1.0" in table
    status = nb.cells[5].outputs[0]["data"]["text/html"]
    assert "completed" in status and "3/3 done" in status


def test_importing_the_package_does_not_import_ipython() -> None:
    import subprocess

    code = (
        "import sys, comfy_api_client, comfy_api_client.notebook.display, comfy_api_client.notebook.progress\n"
        "from comfy_api_client import Workflow\n"
        "Workflow({'1': {'class_type': 'X', 'inputs': {}}})._repr_html_()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('IPython', 'tqdm')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


def test_progress_without_tqdm_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from comfy_api_client import progress

    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    with pytest.raises(ImportError, match=r"pip install 'comfy-api-client\[notebook\]'"):
        progress.ProgressView([])


def test_progress_in_a_terminal(client: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import tiny_workflow

    workflow = tiny_workflow(color=5150)
    workflow["2"]["_meta"] = {"title": "Flip"}
    result = client.run(workflow, timeout=60, progress=True)
    assert result.output_images
    err = capsys.readouterr().err
    assert "3/3" in err and err.rstrip().endswith("completed]")


def test_many_prompts_under_one_bar(make_client: Any, kind: str, capsys: Any) -> None:
    import asyncio

    from comfy_api_client import PromptResult
    from comfy_api_client.waiting import async_wait_all, wait_all
    from tests.conftest import tiny_workflow

    if kind == "async":
        pytest.skip("the asyncio variant is checked below")
    client = make_client()
    prompts = [client.submit_workflow(tiny_workflow(color=5200 + i)) for i in range(3)]
    outcomes = wait_all(prompts, timeout=60)
    assert all(isinstance(o, PromptResult) for o in outcomes)
    err = capsys.readouterr().err
    assert "9/9" in err  # three prompts of three nodes: one bar

    from comfy_api_client import create_async_client

    async def scenario() -> list[Any]:
        async with create_async_client(client.address.base_url) as aclient:
            running = [
                await aclient.submit_workflow(tiny_workflow(color=5300 + i)) for i in range(2)
            ]
            return await async_wait_all(running, timeout=60)

    assert all(isinstance(o, PromptResult) for o in asyncio.run(scenario()))
