"""The first release's helpers."""

from __future__ import annotations

import json
from pathlib import Path

from comfy_api_client import utils


def test_read_json(tmp_path: Path) -> None:
    path = tmp_path / "wf.json"
    path.write_text(json.dumps({"1": {"class_type": "X", "inputs": {}}}))
    assert utils.read_json(path) == {"1": {"class_type": "X", "inputs": {}}}


def test_seeds_are_replaced_in_a_copy() -> None:
    wf = {
        "3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 20}},
        "4": {"class_type": "SamplerCustom", "inputs": {"noise_seed": 2}},
    }
    out = utils.replace_noise_seeds(wf, 42)
    assert out["3"]["inputs"] == {"seed": 42, "steps": 20}
    assert out["4"]["inputs"]["noise_seed"] == 42
    assert wf["3"]["inputs"]["seed"] == 1
    rnd = utils.randomize_noise_seeds(wf)
    assert rnd["3"]["inputs"]["seed"] == rnd["4"]["inputs"]["noise_seed"]


def test_replace_dict_values_dotted_and_anchored() -> None:
    d = {"a": {"b": 1}, "x": {"a": {"b": 2}}}
    assert utils.replace_dict_values(d, "a.b", 9, copy=True) == {
        "a": {"b": 9},
        "x": {"a": {"b": 9}},
    }
    assert utils.replace_dict_values(d, "a.b", 7, start_at_root=True, copy=True)["x"]["a"]["b"] == 2


def test_parse_url() -> None:
    assert utils.parse_url("localhost:8188").netloc == "localhost:8188"
    assert utils.parse_url("https://h:1").scheme == "https"
