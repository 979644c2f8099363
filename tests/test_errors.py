"""The exception tree, and validation errors said in plain words (recorded 400 bodies)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client import errors
from comfy_api_client.errors import (
    ComfyError,
    ComfyHTTPError,
    ExecutionError,
    ExecutionInterrupted,
    PromptValidationError,
    error_from_response,
)

TRANSCRIPTS = Path(__file__).parent / "data" / "comfyui" / "transcripts"


def rejected() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(request, 400 body) of every recorded rejection of POST /prompt."""
    events = json.loads((TRANSCRIPTS / "validation_errors.json").read_text())["events"]
    return [
        (e["request"], e["body"])
        for e in events
        if e["kind"] == "http" and e["path"] == "/prompt" and e["status"] == 400
    ]


def test_tree() -> None:
    for name in (
        "ComfyConnectionError", "ComfyTimeoutError", "ComfyHTTPError", "ExecutionError",
        "ExecutionInterrupted", "PromptLostError", "PromptNotFinishedError", "ClientClosedError",
    ):  # fmt: skip
        assert issubclass(getattr(errors, name), ComfyError)
    assert issubclass(PromptValidationError, ComfyHTTPError)


@pytest.mark.parametrize(("request_body", "body"), rejected(), ids=lambda x: str(x)[:40])
def test_every_recorded_rejection_is_explained(request_body: Any, body: dict[str, Any]) -> None:
    prompt = request_body.get("prompt") if isinstance(request_body, dict) else None
    err = error_from_response(400, "POST", "/prompt", body, prompt)
    assert isinstance(err, PromptValidationError)
    assert err.status == 400 and err.error == body["error"]
    text = str(err)
    assert body["error"]["type"] in text
    assert err.problems
    for node_id, entry in body["node_errors"].items():
        for e in entry["errors"]:
            assert f"node {node_id} ({entry['class_type']}" in text
            name = e.get("extra_info", {}).get("input_name")
            if name:
                assert f"input '{name}'" in text


def test_message_names_node_title_input_and_value() -> None:
    body = {
        "error": {"type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation", "details": "", "extra_info": {}},
        "node_errors": {
            "1": {
                "errors": [{
                    "type": "value_smaller_than_min", "message": "Value 0 smaller than min of 1",
                    "details": "width", "extra_info": {"input_name": "width", "received_value": 0},
                }],
                "dependent_outputs": ["3"], "class_type": "EmptyImage",
            }
        },
    }  # fmt: skip
    prompt = {"1": {"class_type": "EmptyImage", "inputs": {}, "_meta": {"title": "Canvas"}}}
    err = PromptValidationError(400, "POST", "/prompt", body, prompt)
    line = "node 1 (EmptyImage, 'Canvas') input 'width' = 0: Value 0 smaller than min of 1 (value_smaller_than_min)"
    assert line in str(err)
    [problem] = err.problems
    assert (problem.node_id, problem.input_name, problem.received_value) == ("1", "width", 0)


def test_unknown_class_names_the_node() -> None:
    body = {
        "error": {"type": "invalid_prompt", "message": "Cannot execute because node NoSuchNode does not exist.", "details": "Node ID '#1'", "extra_info": {}},
        "node_errors": {},
    }  # fmt: skip
    err = error_from_response(
        400, "POST", "/prompt", body, {"1": {"class_type": "NoSuchNode", "inputs": {}}}
    )
    assert "node 1 (NoSuchNode)" in str(err) and "NoSuchNode does not exist" in str(err)


def test_other_statuses_are_plain_http_errors() -> None:
    err = error_from_response(404, "GET", "/models/x", b"")
    assert type(err) is ComfyHTTPError and str(err) == "GET /models/x answered 404"
    err = error_from_response(
        500, "POST", "/prompt", "500 Internal Server Error\n\nServer got itself in trouble"
    )
    assert type(err) is ComfyHTTPError and "Server got itself in trouble" in str(err)


def test_execution_errors_use_comfyui_names() -> None:
    events = json.loads((TRANSCRIPTS / "execution_error.json").read_text())["events"]
    [data] = [
        e["message"]["data"]
        for e in events
        if e["kind"] == "ws-text" and e["message"]["type"] == "execution_error"
    ]
    err = ExecutionError(data["prompt_id"], data)
    assert err.node_id == "1" and err.node_type == "RegexReplace"
    assert err.exception_message.strip() in str(err) and err.traceback
    interrupted = ExecutionInterrupted(
        "p", {"node_id": "3", "node_type": "ImageInvert", "executed": ["1"]}
    )
    assert "node 3 (ImageInvert)" in str(interrupted) and interrupted.executed == ["1"]


def test_partial_acceptance_error() -> None:
    body = {
        "prompt_id": "p",
        "number": 1,
        "node_errors": {
            "1": {
                "errors": [
                    {
                        "type": "value_smaller_than_min",
                        "message": "m",
                        "details": "width",
                        "extra_info": {"input_name": "width", "received_value": 0},
                    }
                ],
                "dependent_outputs": ["2"],
                "class_type": "EmptyImage",
            }
        },
    }
    err = PromptValidationError.partial("p", body)
    assert "partial acceptance" in str(err) and "input 'width' = 0" in str(err)
