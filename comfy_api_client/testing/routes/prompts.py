"""Prompts, queue and history: ``/prompt``, ``/queue``, ``/history``, ``/interrupt``, ``/free``."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from typing import Any

from aiohttp import web

from ..job_store import is_job_id
from ..nodes import NodeRegistry
from ..server_validation import validate_prompt
from .group import RouteGroup, route
from .registry import node_replacements

#: 0.33's answer to a ``prompt_id`` that is not a canonical lowercase UUID.
INVALID_PROMPT_ID = {
    "type": "invalid_prompt_id",
    "message": "prompt_id must be a valid UUID",
    "details": "prompt_id must be a UUID string in canonical lowercase hyphenated form; "
    "omit it to let the server generate one",
    "extra_info": {},
}


def apply_replacements(prompt: Any, registry: NodeRegistry) -> None:
    """0.33 rewrites a node of a deprecated class to its first replacement before validating,
    when the replacement class exists (output remapping is not imitated: none of the
    recorded replacements targets a node the double can run)."""
    if not isinstance(prompt, dict):
        return
    table = node_replacements()
    for node_id, node in list(prompt.items()):
        if not isinstance(node, dict) or not isinstance(node.get("inputs"), dict):
            continue
        class_type = node.get("class_type")
        if not isinstance(class_type, str) or class_type in registry or class_type not in table:
            continue
        replacement = table[class_type][0]
        if replacement["new_node_id"] not in registry:
            continue
        old_inputs: dict[str, Any] = node["inputs"]
        inputs: dict[str, Any] = {}
        for rule in replacement.get("input_mapping") or []:
            if "set_value" in rule:
                inputs[rule["new_id"]] = rule["set_value"]
            elif "old_id" in rule:
                inputs[rule["new_id"]] = old_inputs[rule["old_id"]]
        prompt[node_id] = {**node, "class_type": replacement["new_node_id"], "inputs": inputs}


async def _clear_or_delete(
    request: web.Request, wipe: Callable[[], object], delete: Callable[[Any], object]
) -> web.Response:
    """``POST /queue`` and ``POST /history``: ``{"clear": true}`` and/or ``{"delete": [ids]}``."""
    body = await request.json()
    if "clear" in body and body["clear"]:  # noqa: RUF019 - body may be a JSON array
        wipe()
    if "delete" in body:
        for prompt_id in body["delete"]:
            delete(prompt_id)
    return web.Response(status=200)


class PromptRoutes(RouteGroup):
    """Queueing prompts, reading and editing the queue and the history."""

    # -- prompt, queue, history -------------------------------------------------------------------

    @route("GET", "/prompt")
    async def get_prompt(self, request: web.Request) -> web.Response:
        return web.json_response(self.queue.queue_info())

    @route("POST", "/prompt")
    async def post_prompt(self, request: web.Request) -> web.Response:
        self.run.logs.write("got prompt")
        body = await request.json()
        run = self.run
        if "number" in body:
            number: int | float = float(body["number"])
        else:
            number = self.queue.next_number()
            if "front" in body and body["front"]:  # noqa: RUF019 - body may be a JSON array
                number = -number
        if "prompt" not in body:
            error = {
                "type": "no_prompt",
                "message": "No prompt provided",
                "details": "No prompt provided",
                "extra_info": {},
            }
            return web.json_response({"error": error, "node_errors": {}}, status=400)
        prompt = body["prompt"]
        today = run.version.today
        if not today:
            prompt_id = str(body.get("prompt_id", uuid.uuid4()))
        elif body.get("prompt_id") is None:
            prompt_id = str(uuid.uuid4())
        elif is_job_id(body["prompt_id"]):
            prompt_id = body["prompt_id"]
        else:
            return web.json_response({"error": INVALID_PROMPT_ID, "node_errors": {}}, status=400)
        partial = body.get("partial_execution_targets")
        if today:
            apply_replacements(prompt, run.registry)
        result = validate_prompt(prompt, partial, run.registry, missing_node_type=today)
        extra_data = body.get("extra_data", {})
        if "client_id" in body:
            extra_data["client_id"] = body["client_id"]
        if today and "comfy_usage_source" not in extra_data:
            source = request.headers.get("Comfy-Usage-Source")
            if source:
                extra_data["comfy_usage_source"] = source
        if not result.ok:
            run.logs.write(f"invalid prompt: {result.error}")
            return web.json_response(
                {"error": result.error, "node_errors": result.node_errors}, status=400
            )
        if today:
            extra_data["create_time"] = int(time.time() * 1000)
        self.queue.put((number, prompt_id, prompt, extra_data, result.outputs))
        return web.json_response(
            {"prompt_id": prompt_id, "number": number, "node_errors": result.node_errors}
        )

    @route("GET", "/queue")
    async def get_queue(self, request: web.Request) -> web.Response:
        running, pending = self.queue.snapshot()
        return web.json_response({"queue_running": running, "queue_pending": pending})

    @route("POST", "/queue")
    async def post_queue(self, request: web.Request) -> web.Response:
        return await _clear_or_delete(request, self.queue.wipe_queue, self.queue.delete_queue_item)

    @route("POST", "/interrupt")
    async def interrupt(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except json.JSONDecodeError:
            body = {}
        prompt_id = body.get("prompt_id")
        if prompt_id:
            if prompt_id in self.queue.running_ids():
                self.run.interrupt()
        else:
            self.run.interrupt()
        return web.Response(status=200)

    @route("POST", "/free")
    async def free(self, request: web.Request) -> web.Response:
        body = await request.json()
        unload_models = body.get("unload_models", False)
        free_memory = body.get("free_memory", False)
        if unload_models:
            self.queue.set_flag("unload_models", unload_models)
        if free_memory:
            self.queue.set_flag("free_memory", free_memory)
        return web.Response(status=200)

    @route("GET", "/history")
    async def get_history(self, request: web.Request) -> web.Response:
        query = request.rel_url.query
        max_items = int(query["max_items"]) if "max_items" in query else None
        offset = int(query["offset"]) if "offset" in query else -1
        return web.json_response(self.queue.get_history(max_items=max_items, offset=offset))

    @route("GET", "/history/{prompt_id}")
    async def get_history_item(self, request: web.Request) -> web.Response:
        return web.json_response(self.queue.get_history(request.match_info["prompt_id"]))

    @route("POST", "/history")
    async def post_history(self, request: web.Request) -> web.Response:
        return await _clear_or_delete(
            request, self.queue.wipe_history, self.queue.delete_history_item
        )
