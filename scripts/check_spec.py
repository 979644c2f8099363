"""Check ``openapi/comfyui.yaml`` against a live ComfyUI or against the recorded bodies.

Usage::

    python scripts/check_spec.py --url http://127.0.0.1:8188   # every safe GET route of a live server
    python scripts/check_spec.py                                # the recordings in tests/data

Each response is matched to its operation (the ``/api`` prefix is understood), and its status,
content type and JSON body are validated against the spec (JSON Schema 2020-12). Every
violation is printed; the exit status is 1 when there is any.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "openapi" / "comfyui.yaml"
RECORDINGS = ROOT / "tests" / "data" / "comfyui" / "transcripts"

#: Safe GET requests for a live check (no writes); paths relative to the server root.
LIVE_GETS = [
    "/prompt",
    "/queue",
    "/history?max_items=2",
    "/history/00000000-0000-4000-8000-000000000000",
    "/system_stats",
    "/features",
    "/extensions",
    "/embeddings",
    "/workflow_templates",
    "/i18n",
    "/object_info",
    "/object_info/EmptyImage",
    "/object_info/NoSuchNode",
    "/models",
    "/models/checkpoints",
    "/models/no_such_folder",
    "/experiment/models",
    "/experiment/models/checkpoints",
    "/view?filename=no_such_file.png",
    "/view?filename=../x.png",
    "/view_metadata/checkpoints?filename=none.safetensors",
    "/users",
    "/settings",
    "/settings/Comfy.NoSuchSetting",
    "/userdata?dir=workflows",
    "/v2/userdata",
    "/internal/logs",
    "/internal/logs/raw",
    "/internal/folder_paths",
    "/internal/files/output",
    "/internal/files/nope",
    "/api/queue",
    "/api/jobs",
]


def load_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        spec: dict[str, Any] = yaml.safe_load(f)
    return spec


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    pattern: re.Pattern[str]
    spec: dict[str, Any]


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Every operation, with a regex matching its concrete paths."""
    ops = []
    for template, item in spec["paths"].items():
        regex = re.sub(r"\\\{(filename)\\\}$", r"(?P<\1>.+)", re.escape(template))
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", regex)
        for method, op in item.items():
            if method in ("get", "post", "put", "patch", "delete", "head"):
                ops.append(Operation(method.upper(), template, re.compile(regex + "$"), op))
    # Literal segments win over templates (/history vs /history/{id}).
    ops.sort(key=lambda o: (o.template.count("{"), -len(o.template)))
    return ops


def find_operation(ops: list[Operation], method: str, path: str) -> Operation | None:
    """The operation serving ``method path`` (query ignored; ``/api`` alias understood)."""
    bare = path.split("?", 1)[0]
    candidates = [bare]
    if bare.startswith("/api/") and not bare.startswith("/api/jobs"):
        candidates.append(bare[len("/api") :])
    for candidate in candidates:
        for op in ops:
            if op.method == method and op.pattern.match(candidate):
                return op
    return None


class Validator:
    """Validates responses against the spec's schemas."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.ops = operations(spec)
        resource: Resource[Any] = DRAFT202012.create_resource(spec)
        self.registry: Registry[Any] = Registry().with_resource("spec", resource)

    def check(self, method: str, path: str, status: int, content_type: str, body: Any) -> list[str]:
        """Violations of one response (``body``: parsed JSON, text, or None when unknown)."""
        where = f"{method} {path} -> {status}"
        op = find_operation(self.ops, method, path)
        if op is None:
            return [f"{where}: no operation in the spec"]
        response = op.spec.get("responses", {}).get(str(status))
        if response is None:
            return [f"{where}: status {status} not documented for {op.spec.get('operationId')}"]
        if "$ref" in response:
            response = self._resolve(response["$ref"])
        content: dict[str, Any] = response.get("content") or {}
        media = content_type.split(";")[0].strip().lower()
        if not content:
            if media and body not in (None, "", b""):
                return [f"{where}: documented as empty, got {media}"]
            return []
        if not media:
            return [f"{where}: expected one of {sorted(content)}, got an empty body"]
        if media not in content and "*/*" not in content:
            return [f"{where}: content type {media} not in {sorted(content)}"]
        schema = content.get(media, content.get("*/*", {})).get("schema")
        if media != "application/json" or schema is None or body is None:
            return []
        validator = jsonschema.Draft202012Validator(_anchor(schema), registry=self.registry)
        return [
            f"{where}: {'/'.join(str(p) for p in err.absolute_path) or '<body>'}: {err.message[:200]}"
            for err in validator.iter_errors(body)
        ]

    def _resolve(self, ref: str) -> dict[str, Any]:
        node: Any = self.spec
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return dict(node)


def _anchor(schema: Any) -> Any:
    """Point local ``#/components`` references of a sub-schema at the registered spec."""
    if isinstance(schema, dict):
        return {
            k: (
                "spec" + v
                if k == "$ref" and isinstance(v, str) and v.startswith("#/")
                else _anchor(v)
            )
            for k, v in schema.items()
        }
    if isinstance(schema, list):
        return [_anchor(v) for v in schema]
    return schema


def recorded_responses(directory: Path = RECORDINGS) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(scenario, http event)`` for every recorded HTTP exchange."""
    for file in sorted(directory.glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        for event in data["events"]:
            if event["kind"] == "http":
                yield data["scenario"], event


def recorded_body(event: dict[str, Any]) -> Any:
    """The recorded body; None for binary bodies, which were recorded as ``<N bytes TYPE>``."""
    body = event.get("body")
    if isinstance(body, str) and re.fullmatch(r"<\d+ bytes [^>]*>", body):
        return "" if body.startswith("<0 bytes") else None
    return body


def check_recordings(validator: Validator, directory: Path = RECORDINGS) -> list[str]:
    problems = []
    for scenario, event in recorded_responses(directory):
        for problem in validator.check(
            event["method"],
            event["path"],
            event["status"],
            event.get("content_type") or "",
            recorded_body(event),
        ):
            problems.append(f"[{scenario}] {problem}")
    return problems


def check_live(validator: Validator, url: str, timeout: float = 30.0) -> list[str]:
    problems = []
    with httpx.Client(base_url=url.rstrip("/"), timeout=timeout) as http:
        for path in LIVE_GETS:
            try:
                response = http.get(path)
            except httpx.HTTPError as exc:
                problems.append(f"GET {path}: {exc}")
                continue
            media = response.headers.get("content-type", "")
            body: Any = None
            if media.startswith("application/json"):
                body = response.json()
            elif not response.content:
                body = ""
            problems.extend(validator.check("GET", path, response.status_code, media, body))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="check openapi/comfyui.yaml against ComfyUI")
    parser.add_argument("--url", help="a live ComfyUI (only safe GET routes are called)")
    parser.add_argument("--recordings", type=Path, default=RECORDINGS, help="recorded transcripts")
    args = parser.parse_args(argv)
    validator = Validator(load_spec())
    problems = (
        check_live(validator, args.url)
        if args.url
        else check_recordings(validator, args.recordings)
    )
    for problem in problems:
        print(problem)
    print(f"{len(problems)} violation(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
