"""Typed node bindings: the generator, what user code gets from the checkers, ``nodes diff``.

The whole of ``comfyui_nodes`` under ``mypy --strict`` and pyright is a CI step
(``scripts/generate_nodes.py --types``, ~15 s); here the checkers run on small user scripts.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA

from comfy_api_client import Graph, PromptValidationError
from comfy_api_client.integrations.cli import main
from comfy_api_client.workflows.nodegen import (
    diff_definitions,
    generate_package,
    load_object_info,
)
from comfy_api_client.workflows.validation import validate_workflow

ROOT = Path(__file__).resolve().parent.parent
OLD = DATA / "object_info.json"  # ComfyUI 0.3.64
NEW = DATA / "0.33.0" / "object_info.json.gz"

#: Definitions a custom-node author could write: names that are no Python names, keywords,
#: float choices, an infinite default, a union input, a ``*`` input, no outputs.
ODD: dict[str, Any] = {
    "My Node (pack)": {
        "input": {
            "required": {
                "class": ["INT", {"default": 1, "min": 0, "max": 10}],
                "input.0": ["FLOAT", {"default": float("inf")}],
                "ratio": [[0.5, 1.0], {}],
                "mode": [["a'b", 'c"d', "e\\f"], {"tooltip": 'say """hi"""\\'}],
                "model": [["x.safetensors", "y.ckpt"], {}],
                "pixels": ["IMAGE,MASK", {}],
                "anything": ["*", {}],
            },
            "optional": {"extra": ["STRING", {"multiline": True}]},
        },
        "output": [],
        "output_name": [],
        "display_name": "My Node",
        "description": 'Ends with a quote"',
        "output_node": True,
    },
    "1st": {
        "input": {},
        "output": ["IMAGE", "MASK"],
        "output_name": ["IMAGE", "MASK"],
        "display_name": "First",
    },
    "1st_": {"input": {}, "output": ["IMAGE"], "display_name": "Clash"},
}


def _env() -> dict[str, str]:
    path = os.pathsep.join([str(ROOT), str(ROOT / "generated")])
    return {**os.environ, "PYTHONPATH": path}


def test_odd_definitions_give_a_package_that_imports_and_runs(tmp_path: Path) -> None:
    target = generate_package(ODD, tmp_path / "odd_nodes")
    assert (target / "py.typed").exists()
    sys.path.insert(0, str(tmp_path))
    try:
        odd = importlib.import_module("odd_nodes")
        assert odd.CLASS_TYPES == {
            "My_Node__pack_": "My Node (pack)",
            "N1st": "1st",
            "N1st_": "1st_",
        }
        with Graph() as g:
            image, mask = odd.N1st()
            node = odd.My_Node__pack_(
                class_=3,
                input_0=2.5,
                ratio=1.0,
                mode="a'b",
                model="z.safetensors",
                pixels=mask,
                anything=image,
            )
        assert node.title == "My Node"
        inputs = g.nodes["2"]["inputs"]
        assert inputs["class"] == 3 and inputs["input.0"] == 2.5  # inf is no default: required
        assert inputs["model"] == "z.safetensors"  # the server's files: not checked here
        with Graph(), pytest.raises(PromptValidationError, match="bigger than max of 10"):
            image, mask = odd.N1st()
            odd.My_Node__pack_(
                class_=11,
                input_0=0.0,
                ratio=1.0,
                mode="a'b",
                model="m",
                pixels=image,
                anything=image,
            )
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m.startswith("odd_nodes")]:
            del sys.modules[name]


def test_the_types_user_code_sees(tmp_path: Path) -> None:
    """A LATENT wired into an IMAGE input, or sampler_name="nope", fails mypy --strict and
    pyright strict, naming both types; a correct script passes, and so does the package of
    odd definitions."""
    generate_package(ODD, tmp_path / "odd_nodes")
    prelude = (
        "from comfy_api_client import Graph, create_client\n"
        "from comfyui_nodes import (CLIPTextEncode, CheckpointLoaderSimple, EmptyLatentImage,\n"
        "    ImageInvert, KSampler, SaveImage, VAEDecode, PreviewAny)\n\n"
        "with Graph() as g:\n"
        "    model, clip, vae = CheckpointLoaderSimple(ckpt_name='m.safetensors')\n"
        "    text = CLIPTextEncode(clip=clip, text='a cat')\n"
        "    latent = EmptyLatentImage(width=512, height=512)\n"
    )
    scripts = {
        "good.py": prelude
        + "    done = KSampler(model=model, positive=text, negative=text, latent_image=latent,\n"
        "                    sampler_name='euler', seed=1)\n"
        "    image = VAEDecode(samples=done, vae=vae)\n"
        "    PreviewAny(source=latent)\n"
        "    SaveImage(images=ImageInvert(image=image), filename_prefix='x')\n"
        "with create_client() as client:\n"
        "    client.run(g)\n",
        "latent_into_image.py": prelude + "    ImageInvert(image=latent)\n",
        "bad_sampler.py": prelude
        + "    KSampler(model=model, positive=text, negative=text, latent_image=latent,\n"
        "             sampler_name='nope')\n",
    }
    for name, code in scripts.items():
        (tmp_path / name).write_text(code)
    checked = [*scripts, "odd_nodes"]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(tmp_path / ".mypy"),
            *scripts,
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(),
        timeout=300,
    )
    report = done.stdout
    assert "good.py" not in report and "odd_nodes" not in report, report
    assert (
        'latent_into_image.py:9: error: Argument "image" to "ImageInvert" has incompatible type '
        "\"Output[Literal['LATENT']]\"; expected \"Output[Literal['IMAGE']]\"" in report
    ), report
    assert 'bad_sampler.py:10: error: Argument "sampler_name" to "KSampler"' in report, report
    assert "\"Literal['nope']\"" in report

    pyright = shutil.which("pyright")
    if pyright is None:
        pytest.skip("pyright is not installed")
    config = {"typeCheckingMode": "strict", "pythonVersion": "3.11", "reportUnusedVariable": "none"}
    (tmp_path / "pyrightconfig.json").write_text(json.dumps(config))
    done = subprocess.run(
        [pyright, "--outputjson", *checked],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(),
        timeout=300,
    )
    found = json.loads(done.stdout)["generalDiagnostics"]
    errors = {Path(d["file"]).name: d["message"] for d in found if d["severity"] == "error"}
    assert set(errors) == {"latent_into_image.py", "bad_sampler.py"}, found
    assert "Output[Literal['LATENT']]" in errors["latent_into_image.py"]
    assert "Output[Literal['IMAGE']]" in errors["latent_into_image.py"]
    assert "Literal['nope']" in errors["bad_sampler.py"]


def test_the_package_is_typed_as_the_rules_say() -> None:
    import comfyui_nodes
    from comfyui_nodes import CheckpointLoaderSimple, ImageStitch, KSampler, LoadImage

    assert len(comfyui_nodes.__all__) == 887
    annotations = {k: v.replace("'", '"') for k, v in KSampler.__annotations__.items()}
    assert annotations["sampler_name"].startswith('_Literal["euler", ')
    assert annotations["model"] == '_Output[_Literal["MODEL"]]'
    assert annotations["seed"] == 'int | _Output[_Literal["INT"]]'
    assert annotations["return"] == '_Output[_Literal["LATENT"]]'
    assert CheckpointLoaderSimple.__annotations__["ckpt_name"].startswith("str |")  # files
    assert LoadImage.__annotations__["image"].startswith("str |")
    assert ImageStitch.__annotations__["image2"].endswith("| None")  # optional
    assert "The random seed used for creating the noise." in (KSampler.__doc__ or "")
    assert (ROOT / "generated" / "comfyui_nodes" / "py.typed").exists()


def test_generate_from_a_file_and_from_the_server(
    tmp_path: Path, server: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["nodes", "generate", "--object-info", str(NEW), "--out", str(tmp_path / "a")]) == 0
    assert "a: 887 node functions" in capsys.readouterr().out
    assert (tmp_path / "a" / "nodes_00.py").read_bytes() == (
        ROOT / "generated" / "comfyui_nodes" / "nodes_00.py"
    ).read_bytes().replace(b"the recorded /object_info of ComfyUI 0.33.0", b"object_info.json.gz")
    out = tmp_path / "b"
    assert (
        main(["nodes", "generate", "--server", server.url, "--out", str(out), "--package", "b"])
        == 0
    )
    capsys.readouterr()
    sys.path.insert(0, str(tmp_path))
    try:
        b = importlib.import_module("b")
        with Graph() as g:
            b.SaveImage(images=b.ImageInvert(image=b.EmptyImage(width=8, height=8)))
        assert validate_workflow(g.to_dict(), _server_info(server)) is None
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == "b" or m.startswith("b.")]:
            del sys.modules[name]


def _server_info(server: Any) -> dict[str, Any]:
    from comfy_api_client import create_client

    with create_client(server.url) as client:
        return dict(client.get_object_info())


def test_nodes_show_keeps_its_spelling(server: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nodes", "EmptyImage", "--server", server.url]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["nodes", "show", "EmptyImage", "--server", server.url]) == 0
    assert json.loads(capsys.readouterr().out) == first
    with pytest.raises(SystemExit) as usage:
        main(["nodes", "generate", "--server", server.url])  # no --out
    assert usage.value.code == 2


def test_diff_of_the_recorded_definitions() -> None:
    diff = diff_definitions(load_object_info(OLD), load_object_info(NEW))
    found = {(c.kind, c.class_type, c.name) for c in diff.changes}
    assert ("class_removed", "IdeogramV1", None) in found
    assert ("output_type_changed", "TrainLoraNode", "#0") in found
    assert ("output_removed", "TrainLoraNode", "#3") in found
    assert ("choices_removed", "GeminiNode", "model") in found
    assert ("range_narrowed", "SamplerER_SDE", "eta") in found
    assert ("input_type_changed", "SaveVideo", "format") in found  # COMBO -> dynamic combo
    assert ("input_type_widened", "Preview3D", "model_file") in found  # accepts more: fine
    assert ("class_added", "BatchImagesNode", None) in found
    assert not any(c.class_type == "CheckpointLoaderSimple" for c in diff.changes)  # files
    breaking = {c.kind for c in diff.breaking}
    assert "input_type_widened" not in breaking and "class_added" not in breaking
    assert diff_definitions(load_object_info(NEW), load_object_info(NEW)).changes == []


def test_diff_finds_renamed_and_new_required_inputs() -> None:
    old = {"N": {"input": {"required": {"a": ["INT", {}], "img": ["IMAGE", {}]}}, "output": []}}
    new = {
        "N": {
            "input": {"required": {"b": ["INT", {}], "img": ["IMAGE", {}], "mask": ["MASK", {}]}},
            "output": [],
        }
    }
    diff = diff_definitions(old, new)
    assert [(c.kind, c.name) for c in diff.changes] == [
        ("input_renamed", "a"),
        ("input_required", "mask"),
    ]
    assert "renamed to 'b'" in diff.changes[0].describe()


def test_nodes_diff_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nodes", "diff", str(OLD), str(NEW)]) == 1  # something breaks
    out = capsys.readouterr().out
    assert "! IdeogramV1: the class is gone (class_removed)" in out
    assert "breaking" in out.splitlines()[-1]
    assert main(["nodes", "diff", str(NEW), str(NEW), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
