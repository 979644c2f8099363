"""Prompts, queue and history: ``/prompt``, ``/queue``, ``/history``, ``/interrupt``, ``/free``."""

from __future__ import annotations

import json
import uuid

from aiohttp import web

from ..context import Route, ServerRun
from ..validation import validate_prompt


class PromptRoutes:
    """Queueing prompts, reading and editing the queue and the history."""

    def __init__(self, run: ServerRun) -> None:
        self.run = run
        self.queue = run.queue

    def routes(self) -> list[Route]:
        return [
            ("GET", "/prompt", self.get_prompt),
            ("POST", "/prompt", self.post_prompt),
            ("GET", "/history", self.get_history),
            ("GET", "/history/{prompt_id}", self.get_history_item),
            ("POST", "/history", self.post_history),
            ("GET", "/queue", self.get_queue),
            ("POST", "/queue", self.post_queue),
            ("POST", "/interrupt", self.interrupt),
            ("POST", "/free", self.free),
        ]

    # -- prompt, queue, history -------------------------------------------------------------------

    async def get_prompt(self, request: web.Request) -> web.Response:
        return web.json_response(self.queue.queue_info())

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
        prompt_id = str(body.get("prompt_id", uuid.uuid4()))
        partial = body.get("partial_execution_targets")
        result = validate_prompt(prompt, partial, run.registry)
        extra_data = body.get("extra_data", {})
        if "client_id" in body:
            extra_data["client_id"] = body["client_id"]
        if not result.ok:
            run.logs.write(f"invalid prompt: {result.error}")
            return web.json_response(
                {"error": result.error, "node_errors": result.node_errors}, status=400
            )
        self.queue.put((number, prompt_id, prompt, extra_data, result.outputs))
        return web.json_response(
            {"prompt_id": prompt_id, "number": number, "node_errors": result.node_errors}
        )

    async def get_queue(self, request: web.Request) -> web.Response:
        running, pending = self.queue.snapshot()
        return web.json_response({"queue_running": running, "queue_pending": pending})

    async def post_queue(self, request: web.Request) -> web.Response:
        body = await request.json()
        if "clear" in body and body["clear"]:  # noqa: RUF019 - body may be a JSON array
            self.queue.wipe_queue()
        if "delete" in body:
            for prompt_id in body["delete"]:
                self.queue.delete_queue_item(prompt_id)
        return web.Response(status=200)

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

    async def free(self, request: web.Request) -> web.Response:
        body = await request.json()
        unload_models = body.get("unload_models", False)
        free_memory = body.get("free_memory", False)
        if unload_models:
            self.queue.set_flag("unload_models", unload_models)
        if free_memory:
            self.queue.set_flag("free_memory", free_memory)
        return web.Response(status=200)

    async def get_history(self, request: web.Request) -> web.Response:
        query = request.rel_url.query
        max_items = int(query["max_items"]) if "max_items" in query else None
        offset = int(query["offset"]) if "offset" in query else -1
        return web.json_response(self.queue.get_history(max_items=max_items, offset=offset))

    async def get_history_item(self, request: web.Request) -> web.Response:
        return web.json_response(self.queue.get_history(request.match_info["prompt_id"]))

    async def post_history(self, request: web.Request) -> web.Response:
        body = await request.json()
        if "clear" in body and body["clear"]:  # noqa: RUF019 - body may be a JSON array
            self.queue.wipe_history()
        if "delete" in body:
            for prompt_id in body["delete"]:
                self.queue.delete_history_item(prompt_id)
        return web.Response(status=200)
