"""Client-side validation against the recorded ``/object_info`` of ComfyUI 0.3.64."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client.errors import PromptValidationError
from comfy_api_client.workflows.validation import (
    check_workflow,
    is_link,
    types_compatible,
    validate_workflow,
)

DATA = Path(__file__).parent / "data" / "comfyui"


@cache
def _object_info() -> dict[str, Any]:
    info: dict[str, Any] = json.loads((DATA / "object_info.json").read_text())
    return info


@pytest.fixture
def object_info() -> dict[str, Any]:
    return copy.deepcopy(_object_info())


def workflow(**changes: dict[str, Any]) -> dict[str, Any]:
    """EmptyImage -> ImageInvert -> SaveImage, with the inputs of some nodes changed.

    ``changes["n1"] = {"width": 0}`` sets an input; a value of ``...`` removes it.
    """
    prompt: dict[str, Any] = {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": 64, "height": 64, "batch_size": 1, "color": 0},
            "_meta": {"title": "Canvas"},
        },
        "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
        "3": {
            "class_type": "SaveImage",
            "inputs": {"images": ["2", 0], "filename_prefix": "x"},
            "_meta": {"title": "Save"},
        },
    }
    for key, inputs in changes.items():
        node = prompt[key.removeprefix("n")]["inputs"]
        for name, value in inputs.items():
            if value is ...:
                node.pop(name, None)
            else:
                node[name] = value
    return prompt


def problems(body: dict[str, Any] | None) -> set[tuple[str, str, str | None]]:
    """(node id, type, input name) of every problem in a body."""
    assert body is not None
    return {
        (node_id, e["type"], e["extra_info"].get("input_name"))
        for node_id, entry in body["node_errors"].items()
        for e in entry["errors"]
    }


def only_error(body: dict[str, Any] | None) -> dict[str, Any]:
    assert body is not None
    [entry] = body["node_errors"].values()
    [error] = entry["errors"]
    assert isinstance(error, dict)
    return error


# --- a valid workflow -------------------------------------------------------------------------


def test_valid_workflow_passes(object_info: dict[str, Any]) -> None:
    prompt = workflow()
    assert validate_workflow(prompt, object_info) is None
    check_workflow(prompt, object_info)


def test_valid_values_the_server_converts(object_info: dict[str, Any]) -> None:
    prompt = workflow(n1={"width": "64", "height": 64.9, "color": {"__value__": 5}})
    prompt["4"] = {
        "class_type": "ImageBlur",
        "inputs": {"image": ["1", 0], "blur_radius": "3", "sigma": 1},
    }
    prompt["5"] = {"class_type": "PreviewAny", "inputs": {"source": ["4", 0]}}  # "*" input
    prompt["6"] = {
        "class_type": "ImageBlend",  # a ["COMBO", {"options": [...]}] input
        "inputs": {
            "image1": ["1", 0],
            "image2": ["4", 0],
            "blend_factor": 1,
            "blend_mode": "screen",
        },
    }
    prompt["7"] = {"class_type": "PreviewImage", "inputs": {"images": ["6", 0]}}
    assert validate_workflow(prompt, object_info) is None


def test_does_not_mutate_the_workflow(object_info: dict[str, Any]) -> None:
    prompt = workflow(n1={"width": "0", "height": {"__value__": "x"}}, n2={"image": ["9", 0]})
    before = copy.deepcopy(prompt)
    info_before = copy.deepcopy(object_info)
    assert validate_workflow(prompt, object_info) is not None
    assert prompt == before and object_info == info_before


def test_integer_node_ids_are_read_as_json_sends_them(object_info: dict[str, Any]) -> None:
    prompt = {int(k): v for k, v in workflow().items()}
    assert validate_workflow(prompt, object_info) is None  # type: ignore[arg-type]


# --- one test per problem type ----------------------------------------------------------------


def test_unknown_class(object_info: dict[str, Any]) -> None:
    prompt = workflow()
    prompt["9"] = {"class_type": "NoSuchNode", "inputs": {}, "_meta": {"title": "Mystery"}}
    body = validate_workflow(prompt, object_info)
    assert body is not None
    assert body["error"]["type"] == "invalid_prompt"
    assert body["error"]["message"] == "Cannot execute because node NoSuchNode does not exist."
    assert body["error"]["details"] == "Node ID '#9'"
    assert problems(body) == {("9", "invalid_prompt", None)}
    with pytest.raises(PromptValidationError) as caught:
        check_workflow(prompt, object_info)
    text = str(caught.value)
    assert "node 9 (NoSuchNode, 'Mystery')" in text
    assert "Cannot execute because node NoSuchNode does not exist." in text


def test_unknown_class_is_flagged_even_when_unreachable_and_with_no_outputs(
    object_info: dict[str, Any],
) -> None:
    prompt = {"1": {"class_type": "NoSuchNode", "inputs": {}}}
    assert problems(validate_workflow(prompt, object_info)) == {("1", "invalid_prompt", None)}


def test_missing_class_type(object_info: dict[str, Any]) -> None:
    prompt = workflow()
    prompt["4"] = {"inputs": {}, "_meta": {"title": "Orphan"}}
    body = validate_workflow(prompt, object_info)
    assert body is not None and body["error"]["type"] == "invalid_prompt"
    error = only_error(body)
    assert error["message"] == "Cannot execute because a node is missing the class_type property."
    with pytest.raises(PromptValidationError, match=r"node 4 \(\?, 'Orphan'\)"):
        check_workflow(prompt, object_info)


def test_no_outputs(object_info: dict[str, Any]) -> None:
    prompt = workflow()
    del prompt["3"]
    body = validate_workflow(prompt, object_info)
    assert body == {
        "error": {
            "type": "prompt_no_outputs",
            "message": "Prompt has no outputs",
            "details": "",
            "extra_info": {},
        },
        "node_errors": {},
    }
    with pytest.raises(PromptValidationError, match="Prompt has no outputs"):
        check_workflow(prompt, object_info)


def test_partial_execution_targets_select_the_outputs(object_info: dict[str, Any]) -> None:
    prompt = workflow()
    prompt["4"] = {"class_type": "PreviewImage", "inputs": {"images": ["9", 0]}}
    assert validate_workflow(prompt, object_info, ["3"]) is None
    assert problems(validate_workflow(prompt, object_info, ["4"])) == {
        ("4", "linked_node_missing", "images")
    }
    body = validate_workflow(prompt, object_info, ["2"])
    assert body is not None and body["error"]["type"] == "prompt_no_outputs"


def test_required_input_missing(object_info: dict[str, Any]) -> None:
    body = validate_workflow(workflow(n1={"height": ...}), object_info)
    assert body is not None
    assert body["error"]["type"] == "prompt_outputs_failed_validation"
    assert body["node_errors"]["1"] == {
        "errors": [
            {
                "type": "required_input_missing",
                "message": "Required input is missing",
                "details": "height",
                "extra_info": {"input_name": "height"},
            }
        ],
        "dependent_outputs": ["3"],
        "class_type": "EmptyImage",
    }


def test_bad_linked_input(object_info: dict[str, Any]) -> None:
    for value in (["1"], ["1", 0, 1], [1, 0], ["1", "0"], ["1", 0.0]):
        error = only_error(validate_workflow(workflow(n2={"image": value}), object_info))
        assert error["type"] == "bad_linked_input"
        assert error["message"] == (
            "Bad linked input, must be a length-2 list of [node_id, slot_index]"
        )
        assert error["extra_info"]["received_value"] == value


def test_link_to_a_missing_node(object_info: dict[str, Any]) -> None:
    body = validate_workflow(workflow(n2={"image": ["7", 0]}), object_info)
    error = only_error(body)
    assert error["type"] == "linked_node_missing"
    assert "node 7" in error["message"]
    with pytest.raises(PromptValidationError) as caught:
        check_workflow(workflow(n2={"image": ["7", 0]}), object_info)
    assert "node 2 (ImageInvert) input 'image' = ['7', 0]: Input is linked to node 7" in str(
        caught.value
    )


def test_link_to_a_missing_output(object_info: dict[str, Any]) -> None:
    error = only_error(validate_workflow(workflow(n2={"image": ["1", 1]}), object_info))
    assert error["type"] == "linked_output_missing"
    assert error["message"] == (
        "Input is linked to output 1 of node 1 (EmptyImage), which has 1 output"
    )


def test_return_type_mismatch(object_info: dict[str, Any]) -> None:
    prompt = workflow(n2={"image": ["4", 0]})
    prompt["4"] = {
        "class_type": "EmptyLatentImage",
        "inputs": {"width": 64, "height": 64, "batch_size": 1},
    }
    error = only_error(validate_workflow(prompt, object_info))
    assert error == {
        "type": "return_type_mismatch",
        "message": "Return type mismatch between linked nodes",
        "details": "image, received_type(LATENT) mismatch input_type(IMAGE)",
        "extra_info": {
            "input_name": "image",
            "input_config": ["IMAGE", {}],
            "received_value": ["4", 0],
            "received_type": "LATENT",
            "linked_node": ["4", 0],
        },
    }


def test_type_rules() -> None:
    assert types_compatible("IMAGE", "IMAGE")
    assert types_compatible("IMAGE", "*") and types_compatible("*", "LATENT")
    assert types_compatible("RIG_TASK_ID", "MODEL_TASK_ID,RIG_TASK_ID,RETARGET_TASK_ID")
    assert types_compatible("STRING,INT", "INT, FLOAT")
    assert not types_compatible("LATENT", "IMAGE")
    assert not types_compatible("IMAGE", "MODEL_TASK_ID,RIG_TASK_ID")
    assert types_compatible(["a", "b"], ["a", "b"]) and not types_compatible("COMBO", ["a"])
    assert is_link(["1", 0]) and not is_link([1, 0]) and not is_link(["1", True])


def test_value_smaller_than_min(object_info: dict[str, Any]) -> None:
    error = only_error(validate_workflow(workflow(n1={"width": "-5"}), object_info))
    assert error == {
        "type": "value_smaller_than_min",
        "message": "Value -5 smaller than min of 1",
        "details": "width",
        "extra_info": {
            "input_name": "width",
            "input_config": ["INT", {"default": 512, "min": 1, "max": 16384, "step": 1}],
            "received_value": -5,
        },
    }


def test_value_bigger_than_max(object_info: dict[str, Any]) -> None:
    prompt = workflow(n2={"image": ["4", 0]})
    prompt["4"] = {
        "class_type": "ImageBlur",
        "inputs": {"image": ["1", 0], "blur_radius": 1, "sigma": 10.5},
    }
    error = only_error(validate_workflow(prompt, object_info))
    assert error["type"] == "value_bigger_than_max"
    assert error["message"] == "Value 10.5 bigger than max of 10.0"
    assert error["details"] == "sigma"


def test_value_not_in_list(object_info: dict[str, Any]) -> None:
    prompt = workflow(n2={"image": ["4", 0]})
    prompt["4"] = {
        "class_type": "ImageScale",
        "inputs": {
            "image": ["1", 0],
            "upscale_method": "nearest",
            "width": 8,
            "height": 8,
            "crop": "disabled",
        },
    }
    error = only_error(validate_workflow(prompt, object_info))
    assert error["type"] == "value_not_in_list"
    assert error["message"] == "Value not in list"
    assert error["details"] == (
        "upscale_method: 'nearest' not in ['nearest-exact', 'bilinear', 'area', 'bicubic', 'lanczos']"
    )
    assert error["extra_info"]["received_value"] == "nearest"


def test_value_not_in_list_of_a_combo_with_options(object_info: dict[str, Any]) -> None:
    prompt = workflow(n2={"image": ["4", 0]})
    prompt["4"] = {
        "class_type": "ImageBlend",
        "inputs": {
            "image1": ["1", 0],
            "image2": ["1", 0],
            "blend_factor": 0.5,
            "blend_mode": "add",
        },
    }
    error = only_error(validate_workflow(prompt, object_info))
    assert error["type"] == "value_not_in_list"
    assert error["details"].startswith("blend_mode: 'add' not in ['normal', 'multiply'")


def test_long_choice_lists_are_not_repeated(object_info: dict[str, Any]) -> None:
    choices = [f"model-{i}.safetensors" for i in range(30)]
    object_info["CheckpointLoaderSimple"]["input"]["required"]["ckpt_name"][0] = choices
    prompt = {
        "1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "nope.ckpt"}},
        "2": {"class_type": "PreviewAny", "inputs": {"source": ["1", 0]}},
    }
    error = only_error(validate_workflow(prompt, object_info))
    assert error["details"] == "ckpt_name: 'nope.ckpt' not in (list of length 30)"
    assert error["extra_info"]["input_config"] is None


def test_uploaded_file_names_the_listing_cannot_show(object_info: dict[str, Any]) -> None:
    def load(name: str) -> dict[str, Any]:
        prompt = workflow(n2={"image": ["4", 0]})
        prompt["4"] = {"class_type": "LoadImage", "inputs": {"image": name}}
        return prompt

    assert validate_workflow(load("example.png"), object_info) is None
    assert validate_workflow(load("ComfyUI_00001_.png [output]"), object_info) is None
    assert validate_workflow(load("uploads/a.png"), object_info) is None
    assert problems(validate_workflow(load("missing.png"), object_info)) == {
        ("4", "value_not_in_list", "image")
    }


def test_invalid_input_type(object_info: dict[str, Any]) -> None:
    error = only_error(validate_workflow(workflow(n1={"height": "abc"}), object_info))
    assert error["type"] == "invalid_input_type"
    assert error["message"] == "Failed to convert an input value to a INT value"
    assert error["details"] == "height, abc, invalid literal for int() with base 10: 'abc'"
    assert error["extra_info"]["received_value"] == "abc"
    for value in ("1.5", None, {"a": 1}, float("nan")):
        prompt = workflow(n1={"height": value})
        assert problems(validate_workflow(prompt, object_info)) == {
            ("1", "invalid_input_type", "height")
        }


def test_node_inputs_invalid(object_info: dict[str, Any]) -> None:
    prompt = workflow()
    prompt["2"]["inputs"] = ["1", 0]
    assert problems(validate_workflow(prompt, object_info)) == {("2", "node_inputs_invalid", None)}


def test_dependency_cycle(object_info: dict[str, Any]) -> None:
    prompt = workflow(n1={"width": 64})
    prompt["4"] = {"class_type": "ImageInvert", "inputs": {"image": ["5", 0]}}
    prompt["5"] = {"class_type": "ImageInvert", "inputs": {"image": ["4", 0]}}
    prompt["6"] = {"class_type": "PreviewImage", "inputs": {"images": ["5", 0]}}
    body = validate_workflow(prompt, object_info)
    assert problems(body) == {("4", "dependency_cycle", "image")}
    assert body is not None and body["node_errors"]["4"]["dependent_outputs"] == ["6"]


# --- which nodes are checked, and all problems at once -----------------------------------------


def test_nodes_no_output_depends_on_are_not_checked(object_info: dict[str, Any]) -> None:
    prompt = workflow()
    prompt["4"] = {"class_type": "ImageBlur", "inputs": {"image": ["9", 0], "blur_radius": 99}}
    assert validate_workflow(prompt, object_info) is None


def test_every_problem_of_every_node_at_once(object_info: dict[str, Any]) -> None:
    prompt = workflow(n1={"width": 0, "color": ...}, n3={"filename_prefix": ...})
    prompt["2"]["_meta"] = {"title": "Flip colours"}
    prompt["4"] = {
        "class_type": "ImageBlur",
        "inputs": {"image": ["2", 0], "blur_radius": 40, "sigma": "soft"},
        "_meta": {"title": "Soften"},
    }
    prompt["5"] = {"class_type": "PreviewImage", "inputs": {"images": ["4", 5]}}
    prompt["6"] = {"class_type": "FancyUpscaler", "inputs": {}, "_meta": {"title": "Upscale x4"}}
    body = validate_workflow(prompt, object_info)
    assert problems(body) == {
        ("1", "value_smaller_than_min", "width"),
        ("1", "required_input_missing", "color"),
        ("3", "required_input_missing", "filename_prefix"),
        ("4", "value_bigger_than_max", "blur_radius"),
        ("4", "invalid_input_type", "sigma"),
        ("5", "linked_output_missing", "images"),
        ("6", "invalid_prompt", None),
    }
    assert body is not None
    assert body["node_errors"]["1"]["dependent_outputs"] == ["3", "5"]
    assert body["node_errors"]["4"]["dependent_outputs"] == ["5"]

    with pytest.raises(PromptValidationError) as caught:
        check_workflow(prompt, object_info)
    err = caught.value
    assert err.status == 0 and err.url == ""
    assert len(err.problems) == 7
    text = str(err)
    assert "(7 problems; nothing was sent)" in text
    for line in (
        "node 1 (EmptyImage, 'Canvas') input 'width' = 0: Value 0 smaller than min of 1",
        "node 1 (EmptyImage, 'Canvas') input 'color': Required input is missing",
        "node 3 (SaveImage, 'Save') input 'filename_prefix': Required input is missing",
        "node 4 (ImageBlur, 'Soften') input 'blur_radius' = 40: Value 40 bigger than max of 31",
        "node 4 (ImageBlur, 'Soften') input 'sigma' = 'soft': Failed to convert",
        "node 5 (PreviewImage) input 'images' = ['4', 5]: Input is linked to output 5 of node 4",
        "node 6 (FancyUpscaler, 'Upscale x4'): Cannot execute because node FancyUpscaler",
    ):
        assert line in text


def test_problems_of_several_outputs_name_each_dependent_output(
    object_info: dict[str, Any],
) -> None:
    prompt = workflow(n1={"batch_size": 0})
    prompt["4"] = {"class_type": "PreviewImage", "inputs": {"images": ["1", 0]}}
    body = validate_workflow(prompt, object_info)
    assert body is not None
    assert body["node_errors"]["1"]["dependent_outputs"] == ["3", "4"]
    assert set(body["node_errors"]) == {"1"}


# --- the same verdict as the real server -------------------------------------------------------


def recorded_rejections() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(prompt, 400 body) of every recorded rejection of a prompt by ComfyUI 0.3.64."""
    events = json.loads((DATA / "transcripts" / "validation_errors.json").read_text())["events"]
    return [
        (e["request"]["prompt"], e["body"])
        for e in events
        if e["kind"] == "http"
        and e["path"] == "/prompt"
        and e["status"] == 400
        and isinstance(e["request"], dict)
        and "prompt" in e["request"]
    ]


def server_problems(body: dict[str, Any], prompt: dict[str, Any]) -> set[tuple[Any, ...]]:
    err = PromptValidationError(400, "POST", "/prompt", body, prompt)
    return {(p.node_id, p.type, p.input_name) for p in err.problems}


def test_recordings_hold_several_rejections() -> None:
    kinds = {body["error"]["type"] for _, body in recorded_rejections()}
    assert {"invalid_prompt", "prompt_no_outputs", "prompt_outputs_failed_validation"} <= kinds


@pytest.mark.parametrize(
    ("prompt", "body"), recorded_rejections(), ids=lambda x: json.dumps(x)[:50]
)
def test_same_problems_as_the_server(
    prompt: dict[str, Any], body: dict[str, Any], object_info: dict[str, Any]
) -> None:
    mine = validate_workflow(prompt, object_info)
    assert mine is not None
    assert mine["error"]["type"] == body["error"]["type"]
    expected = server_problems(body, prompt)
    # What a node checks in its own code (VALIDATE_INPUTS) cannot be known from /object_info:
    # LoadImage says "custom_validation_failed" for a file it does not have, which the client
    # sees as a value missing from the listed files.
    expected = {
        (node, "value_not_in_list" if kind == "custom_validation_failed" else kind, name)
        for node, kind, name in expected
    }
    client = PromptValidationError.client_side(mine, prompt)
    assert {(p.node_id, p.type, p.input_name) for p in client.problems} == expected
    for node_id, entry in body["node_errors"].items():
        assert mine["node_errors"][node_id]["dependent_outputs"] == entry["dependent_outputs"]
        assert mine["node_errors"][node_id]["class_type"] == entry["class_type"]
        theirs = {e["extra_info"]["input_name"]: e for e in entry["errors"]}
        for error in mine["node_errors"][node_id]["errors"]:
            server_error = theirs[error["extra_info"]["input_name"]]
            if server_error["type"] == error["type"]:
                assert error == server_error
