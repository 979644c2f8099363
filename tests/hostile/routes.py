"""Every route the native client calls, how to call it, and the attacks to answer it with."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

PID = "0badc0de-0000-4000-8000-000000000000"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 10, 10)).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass(frozen=True)
class Route:
    """One client call and the request of it the server answers with an attack."""

    name: str
    pattern: str  # the path (without /api) the attack answers, a regex
    method: str
    call: str  # the client method
    args: Callable[[Any], tuple[Any, ...]] = lambda tmp: ()
    kwargs: Callable[[Any], dict[str, Any]] = lambda tmp: {}
    #: An object shaped like the real answer, its fields of the wrong types.
    wrong_fields: Any = field(default_factory=lambda: {"unexpected": [[{}]]})
    #: Whether drips and stalls are tried on it (one route per mechanism is enough).
    slow: bool = False


def _tmp_file(tmp: Any) -> tuple[Any, ...]:
    return ("hostile.png", tmp)


ROUTES = [
    Route(
        "submit",
        "/prompt",
        "POST",
        "submit_workflow",
        lambda tmp: ({"1": {"class_type": "EmptyImage", "inputs": {}}},),
        lambda tmp: {"validate": False, "prompt_id": str(uuid.uuid4())},
        {"prompt_id": 5, "number": "first", "node_errors": ["x"]},
        slow=True,
    ),
    Route(
        "queue",
        "/queue",
        "GET",
        "get_queue",
        wrong_fields={"queue_running": "x", "queue_pending": {"a": 5}},
        slow=True,
    ),
    Route(
        "queue_remaining",
        "/prompt",
        "GET",
        "get_queue_remaining",
        wrong_fields={"exec_info": {"queue_remaining": "many"}},
    ),
    Route("history", "/history", "GET", "get_history", wrong_fields={PID: [1, 2]}),
    Route(
        "history_item",
        "/history/.+",
        "GET",
        "fetch_results",
        lambda tmp: (PID,),
        wrong_fields={PID: {"outputs": [], "status": "done", "prompt": 7}},
    ),
    Route(
        "object_info",
        "/object_info",
        "GET",
        "get_object_info",
        wrong_fields={"EmptyImage": [], "SaveImage": {"input": "none"}},
        slow=True,
    ),
    Route(
        "object_info_class",
        "/object_info/[^/]+",
        "GET",
        "get_object_info",
        lambda tmp: ("EmptyImage",),
        wrong_fields={"EmptyImage": {"input": [], "output": 3}},
    ),
    Route(
        "node_definitions",
        "/object_info",
        "GET",
        "node_definitions",
        kwargs=lambda tmp: {"refresh": True},
        wrong_fields={"EmptyImage": {"input": {"required": []}}},
    ),
    Route("download", "/view", "GET", "download", _tmp_file, slow=True),
    Route(
        "retrieve_image",
        "/view",
        "GET",
        "retrieve_image",
        lambda tmp: ("hostile.png",),
    ),
    Route(
        "upload_image",
        "/upload/image",
        "POST",
        "upload_image",
        lambda tmp: ("hostile.png", png()),
        wrong_fields={"name": 5, "subfolder": [], "type": None},
        slow=True,
    ),
    Route("interrupt", "/interrupt", "POST", "interrupt_processing"),
    Route(
        "cancel",
        "/(jobs/[^/]+/cancel|queue|interrupt)",
        "POST",
        "cancel_prompt",
        lambda tmp: (PID,),
        slow=True,
    ),
    Route("free", "/free", "POST", "free_memory", kwargs=lambda tmp: {"unload_models": True}),
    Route(
        "system_stats",
        "/system_stats",
        "GET",
        "get_system_stats",
        wrong_fields={"system": [], "devices": {"cpu": 1}},
    ),
    Route("features", "/features", "GET", "get_features", wrong_fields={"max_upload_size": "x"}),
    Route("embeddings", "/embeddings", "GET", "get_embeddings", wrong_fields={"a": 1}),
    Route("models", "/models", "GET", "get_models", wrong_fields={"a": 1}),
    Route(
        "jobs",
        "/jobs",
        "GET",
        "list_jobs",
        wrong_fields={"jobs": {"a": 1}, "pagination": []},
    ),
    Route(
        "job",
        "/jobs/[^/]+",
        "GET",
        "get_job",
        lambda tmp: (PID,),
        wrong_fields={"id": 5, "status": [], "outputs": "x"},
    ),
    Route(
        "assets",
        "/assets",
        "GET",
        "list_assets",
        wrong_fields={"assets": {"a": 1}, "total": "many", "has_more": "no"},
    ),
    Route(
        "iter_jobs",
        "/jobs",
        "GET",
        "iter_jobs",
        wrong_fields={"jobs": [5, None], "pagination": {"has_more": "yes"}},
    ),
    Route(
        "asset",
        "/assets/[^/]+",
        "GET",
        "get_asset",
        lambda tmp: (PID,),
        wrong_fields={"id": 5, "name": [], "size": "big", "tags": "x"},
    ),
    Route(
        "server_info",
        "/system_stats",
        "GET",
        "server_info",
        kwargs=lambda tmp: {"refresh": True},
        wrong_fields={"system": {"comfyui_version": 5, "python_version": []}, "devices": "gpu"},
    ),
    Route(
        "upload_mask",
        "/upload/mask",
        "POST",
        "upload_mask",
        lambda tmp: ("mask.png", png(), {"filename": "h.png", "subfolder": "", "type": "input"}),
        wrong_fields={"name": [], "subfolder": 5},
    ),
    Route(
        "node_replacements",
        "/node_replacements",
        "GET",
        "get_node_replacements",
        wrong_fields={"OldNode": "NewNode"},
    ),
    Route("settings", "/settings", "GET", "get_settings", wrong_fields=[1, 2]),
    Route(
        "userdata",
        "/userdata/.+",
        "GET",
        "get_userdata_file",
        lambda tmp: ("hostile.json",),
    ),
]

HTML = b"<!DOCTYPE html><html><head><title>502</title></head><body>Bad Gateway</body></html>"

#: Attack name -> the hostile server's rule (``Rule`` fields), for a route.
ATTACKS: dict[str, Callable[[Route], dict[str, Any]]] = {
    # a list, null, a string and a number, in turn (see ``rules_of``)
    "wrong_json_type": lambda r: {"body": b"[]"},
    "wrong_fields": lambda r: {"body": json.dumps(r.wrong_fields).encode()},
    "html_200": lambda r: {"body": HTML, "content_type": "text/html"},
    "html_502": lambda r: {"status": 502, "body": HTML, "content_type": "text/html"},
    "truncated": lambda r: {"body": b'{"a": [1, 2, {"b": '},
    "not_utf8": lambda r: {"body": b'{"a": "\xff\xfe\xfa"}'},
    "close_mid_body": lambda r: {"body": b'{"a": [' + b"1, " * 100 + b"1]}", "close_after": 20},
}
WRONG_JSON_TYPES = (b"[]", b"null", b'"ok"', b"42")


def rules_of(attack: str, route: Any) -> list[dict[str, Any]]:
    """The rules one case tries in turn (several only for ``wrong_json_type``)."""
    if attack == "wrong_json_type":
        return [{"body": body} for body in WRONG_JSON_TYPES]
    return [{**ATTACKS, **SLOW_ATTACKS}[attack](route)]


#: Attacks that take time; tried on the ``slow`` routes only.
SLOW_ATTACKS: dict[str, Callable[[Route], dict[str, Any]]] = {
    # one byte every 0.25 s: 10 s for the whole body, each read well within the timeout
    "drip": lambda r: {"body": b'{"a": ' + b" " * 32 + b"1}", "drip": 0.25},
    "stall": lambda r: {"stall": True},
}
