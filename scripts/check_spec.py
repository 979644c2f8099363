"""Check ``openapi/comfyui.yaml`` against recordings of real ComfyUI servers or a live one.

Usage::

    python scripts/check_spec.py                              # every recording set in tests/data
    python scripts/check_spec.py --set 0.33.0                 # one of them
    python scripts/check_spec.py --url http://127.0.0.1:8188  # a live server (any version)
    python scripts/check_spec.py --url URL --record FILE.json # ... and keep what it answered
    python scripts/check_spec.py --recordings DIR --version 0.33.0 [--object-info F] [--routes F]

A recording set is one server version's transcripts (every HTTP exchange and WebSocket text
message), its full ``/object_info``, and, when recorded, its route list (``routes.txt``) and
message list (``ws-messages.txt``). Each response is matched to its operation (the ``/api``
alias is understood where ``x-comfyui-api-alias`` allows it) and its status, content type and
JSON body are validated against the spec (JSON Schema 2020-12). A route the spec marks as not
served by that version (``x-comfyui-since``/``x-comfyui-until``) must answer 404 or 405. The
route list must match the operations the spec says that version serves, both ways.

The live check sends only requests that change nothing: the safe GETs, a HEAD, and POSTs the
server refuses (a malformed job id, an unknown seed root); it reads the server's version from
``/system_stats`` and also validates the first WebSocket messages. Every violation is printed;
the exit status is 1 when there is any.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import uuid
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
DATA = ROOT / "tests" / "data" / "comfyui"
#: The 0.3.64 transcripts (kept as the default of ``--recordings``).
RECORDINGS = DATA / "transcripts"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
NO_UUID = "00000000-0000-4000-8000-000000000000"


@dataclass(frozen=True)
class RecordingSet:
    """What was recorded from one real server."""

    version: str
    transcripts: Path
    object_info: Path | None = None
    routes: Path | None = None
    ws_messages: Path | None = None


RECORDING_SETS = {
    "0.3.64": RecordingSet("0.3.64", DATA / "transcripts", DATA / "object_info.json"),
    "0.8.0": RecordingSet(
        "0.8.0",
        DATA / "0.8.0" / "transcripts",
        DATA / "0.8.0" / "object_info.json.gz",
        DATA / "0.8.0" / "routes.txt",
    ),
    "0.33.0": RecordingSet(
        "0.33.0",
        DATA / "0.33.0" / "transcripts",
        DATA / "0.33.0" / "object_info.json.gz",
        DATA / "0.33.0" / "routes.txt",
        DATA / "0.33.0" / "ws-messages.txt",
    ),
}

#: Requests for a live check, relative to the server root: (method, path, JSON body).
LIVE_REQUESTS: list[tuple[str, str, Any]] = [
    ("GET", "/prompt", None),
    ("GET", "/queue", None),
    ("GET", "/history?max_items=2", None),
    ("GET", f"/history/{NO_UUID}", None),
    ("GET", "/system_stats", None),
    ("GET", "/features", None),
    ("GET", "/extensions", None),
    ("GET", "/embeddings", None),
    ("GET", "/workflow_templates", None),
    ("GET", "/i18n", None),
    ("GET", "/object_info", None),
    ("GET", "/object_info/EmptyImage", None),
    ("GET", "/object_info/NoSuchNode", None),
    ("GET", "/models", None),
    ("GET", "/models/checkpoints", None),
    ("GET", "/models/no_such_folder", None),
    ("GET", "/experiment/models", None),
    ("GET", "/experiment/models/checkpoints", None),
    ("GET", "/experiment/models/preview/checkpoints/0/none.safetensors", None),
    ("GET", "/view?filename=no_such_file.png", None),
    ("GET", "/view?filename=../x.png", None),
    ("GET", "/view_metadata/checkpoints?filename=none.safetensors", None),
    ("GET", "/users", None),
    ("GET", "/settings", None),
    ("GET", "/settings/Comfy.NoSuchSetting", None),
    ("GET", "/userdata?dir=workflows", None),
    ("GET", "/v2/userdata", None),
    ("GET", "/internal/logs", None),
    ("GET", "/internal/logs/raw", None),
    ("GET", "/internal/folder_paths", None),
    ("GET", "/internal/files/output", None),
    ("GET", "/internal/files/nope", None),
    ("GET", "/api/queue", None),
    ("GET", "/node_replacements", None),
    ("GET", "/api/node_replacements", None),
    ("GET", "/global_subgraphs", None),
    ("GET", "/global_subgraphs/no-such-blueprint", None),
    ("GET", "/api/jobs?limit=3", None),
    ("GET", "/api/api/jobs?limit=1", None),  # the jobs routes are in the normal table too
    ("GET", f"/api/jobs/{NO_UUID}", None),
    ("POST", "/api/jobs/cancel", {"job_ids": ["not-a-uuid"]}),
    ("GET", "/api/assets?limit=3", None),
    ("GET", f"/api/assets/{NO_UUID}", None),
    # Ids that are not UUIDs match no route: 404 with an empty body for GET, 405 for the rest.
    ("GET", "/api/assets/not-a-uuid", None),
    ("GET", "/api/assets/not-a-uuid/content", None),
    ("DELETE", "/api/assets/not-a-uuid", None),
    ("HEAD", "/api/assets/hash/blake3:" + "0" * 64, None),
    ("GET", "/api/assets/tags/refine", None),
    ("GET", "/api/tags?limit=5", None),
    ("GET", "/api/assets/seed/status", None),
    ("POST", "/api/assets/seed", {"roots": ["nowhere"]}),
]


LIVE_HELP = """\
live check of a real server (any version; it is read from /system_stats):
  in a ComfyUI checkout:  python main.py --cpu --port 8190 --enable-assets
  (--enable-assets turns on 0.33.0's assets API; without it those routes answer
  503, which the spec documents too)
  then:                   python scripts/check_spec.py --url http://127.0.0.1:8190
Only requests that change nothing are sent. Routes the spec marks as newer than the
server must answer 404 or 405. Exit status 1 on any violation.
"""


def load_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        spec: dict[str, Any] = yaml.safe_load(f)
    return spec


def version_key(version: str) -> tuple[int, ...]:
    """``"0.33.0"`` -> ``(0, 33, 0)``, for ordering versions."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    pattern: re.Pattern[str]
    spec: dict[str, Any]

    @property
    def api_alias(self) -> bool:
        """Whether the route is also served as ``/api`` + its path."""
        return bool(self.spec.get("x-comfyui-api-alias"))

    def served_by(self, version: str) -> bool:
        """Whether a server of ``version`` serves this route, as the spec marks it."""
        since, until = self.spec.get("x-comfyui-since"), self.spec.get("x-comfyui-until")
        key = version_key(version)
        return (since is None or version_key(since) <= key) and (
            until is None or key < version_key(until)
        )


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Every operation, with a regex matching its concrete paths."""
    ops = []
    for template, item in spec["paths"].items():
        regex = re.sub(r"\\\{(filename)\\\}$", r"(?P<\1>.+)", re.escape(template))
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", regex)
        for method, op in item.items():
            if method in METHODS:
                ops.append(Operation(method.upper(), template, re.compile(regex + "$"), op))
    # Literal segments win over templates (/history vs /history/{id}).
    ops.sort(key=lambda o: (o.template.count("{"), -len(o.template)))
    return ops


def find_operation(ops: list[Operation], method: str, path: str) -> Operation | None:
    """The operation serving ``method path`` (query ignored; ``/api`` alias understood)."""
    bare = path.split("?", 1)[0]
    for op in ops:
        if op.method == method and op.pattern.match(bare):
            return op
    if bare.startswith("/api/"):
        unprefixed = bare[len("/api") :]
        for op in ops:
            if op.method == method and op.api_alias and op.pattern.match(unprefixed):
                return op
    return None


def _template_key(template: str) -> str:
    """A route template with its parameter names dropped (``/a/{id}`` -> ``/a/{}``)."""
    return re.sub(r"\{[^}]*\}", "{}", template)


class Validator:
    """Validates responses and WebSocket messages against the spec's schemas."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.ops = operations(spec)
        resource: Resource[Any] = DRAFT202012.create_resource(spec)
        self.registry: Registry[Any] = Registry().with_resource("spec", resource)
        #: WebSocket message type -> (schema name, schema).
        self.messages: dict[str, tuple[str, dict[str, Any]]] = {}
        for name, schema in spec["components"]["schemas"].items():
            kind = schema.get("properties", {}).get("type", {}).get("const")
            if name.startswith("Ws") and kind is not None:
                self.messages[kind] = (name, schema)

    def check(
        self,
        method: str,
        path: str,
        status: int,
        content_type: str,
        body: Any,
        version: str | None = None,
    ) -> list[str]:
        """Violations of one response (``body``: parsed JSON, text, or None when unknown).

        With ``version``, a route the spec says that version does not serve must answer 404
        (GET, HEAD) or 405 (other methods), and that answer must be documented too (the spec's
        ``NoRoute`` and ``NoRouteForMethod`` responses); a route it serves may answer so only
        when a path parameter does not fit its pattern. A HEAD answer has no body to check.
        """
        where = f"{method} {path} -> {status}"
        op = find_operation(self.ops, method, path)
        if op is None:
            return [f"{where}: no operation in the spec"]
        if version is not None and not op.served_by(version) and status not in (404, 405):
            marks = f"x-comfyui-since {op.spec.get('x-comfyui-since')}"
            if "x-comfyui-until" in op.spec:
                marks += f", x-comfyui-until {op.spec['x-comfyui-until']}"
            return [f"{where}: the spec says {version} does not serve {op.template} ({marks})"]
        response = op.spec.get("responses", {}).get(str(status))
        if response is None:
            return [f"{where}: status {status} not documented for {op.spec.get('operationId')}"]
        media = content_type.split(";")[0].strip().lower()
        if (
            version is not None
            and op.served_by(version)
            and self._is_no_route(response, media)
            and not self._fails_a_pattern(op, path)
        ):
            return [f"{where}: {version} serves {op.template}, but answered that no route matched"]
        if "$ref" in response:
            response = self._resolve(response["$ref"])
        if method == "HEAD":
            return []
        content: dict[str, Any] = response.get("content") or {}
        if not content:
            if media and body not in (None, "", b""):
                return [f"{where}: documented as empty, got {media}"]
            return []
        if not media:
            return [f"{where}: expected one of {sorted(content)}, got an empty body"]
        if media not in content and "*/*" not in content:
            return [f"{where}: content type {media} not in {sorted(content)}"]
        schema = content.get(media, content.get("*/*", {})).get("schema")
        if schema is not None and "$ref" in schema:
            schema = self._resolve(schema["$ref"])
        if schema is not None and schema.get("maxLength") == 0:
            if body in ("", b""):
                return []
            return [f"{where}: documented as an empty {media} body, got {body!r:.80}"]
        if media != "application/json" or schema is None or body is None:
            return []
        return [f"{where}: {problem}" for problem in self.errors(schema, body)]

    def check_message(self, message: Any, version: str | None = None) -> list[str]:
        """Violations of one WebSocket text message."""
        kind = message.get("type") if isinstance(message, dict) else None
        entry = self.messages.get(kind) if isinstance(kind, str) else None
        if entry is None:
            return [f"ws {kind!r}: no message schema in the spec"]
        name, schema = entry
        problems = [f"ws {kind}: {problem}" for problem in self.errors(schema, message)]
        if version is not None and not _schema_sent_by(schema, version):
            problems.append(f"ws {kind}: the spec says {version} does not send it ({name})")
        return problems

    def errors(self, schema: dict[str, Any], value: Any) -> list[str]:
        """JSON Schema errors of ``value``, one line each."""
        validator = jsonschema.Draft202012Validator(_anchor(schema), registry=self.registry)
        return [
            f"{'/'.join(str(p) for p in err.absolute_path) or '<body>'}: {err.message[:200]}"
            for err in validator.iter_errors(value)
        ]

    def _is_no_route(self, response: dict[str, Any], media: str) -> bool:
        """Whether an answer is the catch-all's (``NoRoute``, ``NoRouteForMethod``, or the
        empty body of a response that holds both it and a real 404)."""
        if response.get("$ref", "").rsplit("/", 1)[-1] in ("NoRoute", "NoRouteForMethod"):
            return True
        if "$ref" in response:
            response = self._resolve(response["$ref"])
        schema = (response.get("content") or {}).get(media, {}).get("schema", {})
        return bool(schema.get("$ref", "").endswith("/EmptyBody"))

    def _fails_a_pattern(self, op: Operation, path: str) -> bool:
        """Whether a path parameter of ``path`` does not fit its pattern (no route matches)."""
        bare = path.split("?", 1)[0]
        found = op.pattern.match(bare) or op.pattern.match(bare.removeprefix("/api"))
        values = found.groupdict() if found else {}
        for param in op.spec.get("parameters", []):
            if "$ref" in param:
                param = self._resolve(param["$ref"])
            pattern = param.get("schema", {}).get("pattern")
            value = values.get(param.get("name"), "")
            if param.get("in") == "path" and pattern and not re.search(pattern, value):
                return True
        return False

    def _resolve(self, ref: str) -> dict[str, Any]:
        node: Any = self.spec
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return dict(node)


def _schema_sent_by(schema: dict[str, Any], version: str) -> bool:
    since, until = schema.get("x-comfyui-since"), schema.get("x-comfyui-until")
    key = version_key(version)
    return (since is None or version_key(since) <= key) and (
        until is None or key < version_key(until)
    )


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


# -- recordings ---------------------------------------------------------------------------


def _events(directory: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for file in sorted(directory.glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        for event in data["events"]:
            yield data["scenario"], event


def recorded_responses(directory: Path = RECORDINGS) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(scenario, http event)`` for every recorded HTTP exchange."""
    for scenario, event in _events(directory):
        if event["kind"] == "http":
            yield scenario, event


def recorded_messages(directory: Path = RECORDINGS) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(scenario, message)`` for every recorded WebSocket text message."""
    for scenario, event in _events(directory):
        if event["kind"] == "ws-text":
            yield scenario, event["message"]


def recorded_body(event: dict[str, Any]) -> Any:
    """The recorded body; None for binary bodies, which were recorded as ``<N bytes TYPE>``."""
    body = event.get("body")
    if isinstance(body, str) and re.fullmatch(r"<\d+ bytes [^>]*>", body):
        return "" if body.startswith("<0 bytes") else None
    return body


def load_json(path: Path) -> Any:
    """A JSON file, gzipped when its name ends in ``.gz``."""
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return json.loads(raw)


def check_recordings(
    validator: Validator, directory: Path = RECORDINGS, version: str | None = None
) -> list[str]:
    """Violations of every recorded HTTP exchange and WebSocket message in ``directory``."""
    problems = []
    for scenario, event in recorded_responses(directory):
        for problem in validator.check(
            event["method"],
            event["path"],
            event["status"],
            event.get("content_type") or "",
            recorded_body(event),
            version,
        ):
            problems.append(f"[{scenario}] {problem}")
    for scenario, message in recorded_messages(directory):
        problems.extend(f"[{scenario}] {p}" for p in validator.check_message(message, version))
    return problems


def check_object_info(validator: Validator, path: Path, version: str | None = None) -> list[str]:
    """Violations of a full recorded ``GET /object_info``."""
    body = load_json(path)
    problems = validator.check("GET", "/object_info", 200, "application/json", body, version)
    return [f"[object_info] {problem}" for problem in problems]


def read_routes(path: Path) -> list[tuple[str, str]]:
    """``(METHOD, template)`` per line of a ``routes.txt``."""
    routes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            method, template = line.split()
            routes.append((method.upper(), template))
    return routes


def check_routes(spec: dict[str, Any], path: Path, version: str) -> list[str]:
    """The routes a server registers against the operations the spec says it serves."""
    served = {
        (op.method, _template_key(op.template)): op
        for op in operations(spec)
        if op.served_by(version)
    }
    registered = {(m, _template_key(t)): t for m, t in read_routes(path)}
    problems = [
        f"[routes] {m} {template}: registered by {version}, missing from the spec"
        for (m, key), template in sorted(registered.items())
        if (m, key) not in served
    ]
    problems += [
        f"[routes] {m} {op.template}: the spec says {version} serves it, not registered"
        for (m, key), op in sorted(served.items(), key=lambda kv: kv[0])
        if (m, key) not in registered
    ]
    for (m, key), template in sorted(registered.items()):
        op = served.get((m, key))
        if op is not None and op.template != template:
            problems.append(f"[routes] {m} {template}: the spec spells it {op.template}")
    return problems


def check_message_list(validator: Validator, path: Path, version: str) -> list[str]:
    """The message types a server can send (``ws-messages.txt``) against the spec."""
    frames = {frame["name"]: frame["code"] for frame in validator.spec["x-binary-frames"]["frames"]}
    listed: set[str] = set()
    problems = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        name, kind = line.split("\t")[:2]
        code = re.fullmatch(r"binary\((\d+)\).*", kind.split()[0])
        if code:
            if frames.get(name) != int(code.group(1)):
                problems.append(
                    f"[ws-messages] binary {name} ({code.group(1)}) not in x-binary-frames"
                )
            continue
        listed.add(name)
        entry = validator.messages.get(name)
        if entry is None:
            problems.append(f"[ws-messages] {name}: sent by {version}, no message schema")
        elif not _schema_sent_by(entry[1], version):
            problems.append(f"[ws-messages] {name}: sent by {version}, the spec says it is not")
    for kind, (name, schema) in sorted(validator.messages.items()):
        if kind not in listed and _schema_sent_by(schema, version):
            problems.append(
                f"[ws-messages] {kind}: the spec says {version} sends it ({name}), not listed"
            )
    return problems


@dataclass
class Report:
    """What one check looked at, and what it found."""

    name: str
    problems: list[str]
    counts: dict[str, int]

    def summary(self) -> str:
        seen = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        return f"{self.name}: {seen}: {len(self.problems)} violation(s)"


def check_set(validator: Validator, rec: RecordingSet) -> Report:
    """Every check a recording set allows."""
    problems = check_recordings(validator, rec.transcripts, rec.version)
    counts = {
        "HTTP exchanges": sum(1 for _ in recorded_responses(rec.transcripts)),
        "WebSocket messages": sum(1 for _ in recorded_messages(rec.transcripts)),
    }
    if rec.object_info is not None:
        problems += check_object_info(validator, rec.object_info, rec.version)
        counts["node classes"] = len(load_json(rec.object_info))
    if rec.routes is not None:
        problems += check_routes(validator.spec, rec.routes, rec.version)
        counts["routes"] = len(read_routes(rec.routes))
    if rec.ws_messages is not None:
        problems += check_message_list(validator, rec.ws_messages, rec.version)
        counts["message types"] = sum(
            1 for line in rec.ws_messages.read_text(encoding="utf-8").splitlines() if line
        )
    return Report(f"ComfyUI {rec.version} recordings", problems, counts)


# -- a live server ------------------------------------------------------------------------


def server_version(http: httpx.Client) -> str:
    """The ``comfyui_version`` a live server reports."""
    stats = http.get("/system_stats").json()
    return str(stats["system"]["comfyui_version"])


#: Bodies larger than this are recorded as ``<N bytes TYPE>`` (``--record``).
RECORD_LIMIT = 8_000


def transcript_event(method: str, path: str, request: Any, response: httpx.Response) -> Any:
    """One exchange as the transcripts keep it (a large or binary body as ``<N bytes TYPE>``)."""
    media, size = response.headers.get("content-type", ""), len(response.content)
    body: Any = f"<{size} bytes {media.split(';')[0] or 'untyped'}>" if size else ""
    if 0 < size <= RECORD_LIMIT and media.startswith(("application/json", "text/")):
        body = response.json() if media.startswith("application/json") else response.text
    event = {"kind": "http", "method": method, "path": path, "request": request}
    return {**event, "status": response.status_code, "content_type": media, "body": body}


def check_live(
    validator: Validator,
    url: str,
    timeout: float = 30.0,
    version: str | None = None,
    record: list[Any] | None = None,
) -> list[str]:
    """Violations of a live server's answers (its version read from /system_stats); every
    exchange is appended to ``record`` when given."""
    problems = []
    with httpx.Client(base_url=url.rstrip("/"), timeout=timeout) as http:
        if version is None:
            try:
                version = server_version(http)
            except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
                return [f"GET /system_stats: cannot read the server's version: {exc!r}"]
        requests = list(LIVE_REQUESTS)
        for method, path, body in requests:  # grows with follow-ups while it runs
            try:
                response = http.request(method, path, json=body)
            except httpx.HTTPError as exc:
                problems.append(f"{method} {path}: {exc}")
                continue
            media = response.headers.get("content-type", "")
            parsed: Any = response.content  # any other body: its bytes
            if media.startswith("application/json") and response.content:
                parsed = response.json()
            elif not response.content:
                parsed = ""
            problems.extend(
                validator.check(method, path, response.status_code, media, parsed, version)
            )
            requests.extend(_follow_ups(path, response.status_code, parsed))
            if record is not None:
                record.append(transcript_event(method, path, body, response))
    problems.extend(check_live_messages(validator, url, timeout, version))
    return problems


def _follow_ups(path: str, status: int, body: Any) -> list[tuple[str, str, Any]]:
    """Requests for an item a listing just named (a blueprint, a job, an asset)."""
    if status != 200 or not isinstance(body, dict):
        return []
    if path == "/global_subgraphs" and body:
        return [("GET", f"/global_subgraphs/{next(iter(body))}", None)]
    if path.startswith("/api/jobs?") and body.get("jobs"):
        return [("GET", f"/api/jobs/{body['jobs'][0]['id']}", None)]
    if path.startswith("/api/assets?") and body.get("assets"):
        return [("GET", f"/api/assets/{body['assets'][0]['id']}", None)]
    return []


def check_live_messages(
    validator: Validator, url: str, timeout: float, version: str | None = None
) -> list[str]:
    """The first WebSocket messages of a live server: ``status`` and the ``feature_flags`` reply."""
    import websocket  # websocket-client, a dependency of the project

    ws_url = re.sub(r"^http", "ws", url.rstrip("/")) + f"/ws?clientId={uuid.uuid4().hex}"
    problems: list[str] = []
    try:
        ws = websocket.create_connection(ws_url, timeout=timeout)
    except (OSError, websocket.WebSocketException) as exc:
        return [f"GET /ws: {exc}"]
    try:
        ws.send(json.dumps({"type": "feature_flags", "data": {"supports_preview_metadata": True}}))
        seen: set[str] = set()
        while not {"status", "feature_flags"} <= seen:
            frame = ws.recv()
            if isinstance(frame, bytes):
                continue
            message = json.loads(frame)
            seen.add(message.get("type"))
            problems.extend(validator.check_message(message, version))
    except (OSError, websocket.WebSocketException) as exc:
        problems.append(f"GET /ws: {exc} (waiting for status and feature_flags)")
    finally:
        ws.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check openapi/comfyui.yaml against recordings of real ComfyUI servers "
        "(default: every set in tests/data/comfyui) or against a live server (--url).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=LIVE_HELP,
    )
    parser.add_argument("--url", help="a live ComfyUI, e.g. http://127.0.0.1:8188")
    parser.add_argument(
        "--set",
        action="append",
        choices=sorted(RECORDING_SETS),
        help="only this recording set (repeatable)",
    )
    parser.add_argument("--recordings", type=Path, help="other recorded transcripts")
    parser.add_argument("--version", help="the server version of --recordings (or of --url)")
    parser.add_argument("--object-info", type=Path, help="a recorded /object_info (.json[.gz])")
    parser.add_argument("--routes", type=Path, help="a routes.txt (needs --version)")
    parser.add_argument("--ws-messages", type=Path, help="a ws-messages.txt (needs --version)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per live request")
    parser.add_argument(
        "--record", type=Path, help="with --url: write its answers as a transcript (.json)"
    )
    args = parser.parse_args(argv)
    validator = Validator(load_spec())
    reports: list[Report] = []
    if args.url:
        events: list[Any] | None = [] if args.record else None
        problems = check_live(validator, args.url, args.timeout, args.version, events)
        reports.append(Report(f"live server {args.url}", problems, {}))
        if args.record and events:
            with httpx.Client(base_url=args.url.rstrip("/"), timeout=args.timeout) as http:
                recorded = args.version or server_version(http)
            transcript = {"scenario": "live_check", "server": recorded, "events": events}
            text = json.dumps(transcript, indent=1, sort_keys=True, ensure_ascii=False)
            args.record.write_text(text + "\n", encoding="utf-8")
    elif args.recordings:
        if (args.routes or args.ws_messages) and not args.version:
            parser.error("--routes and --ws-messages need --version")
        rec = RecordingSet(
            args.version or "", args.recordings, args.object_info, args.routes, args.ws_messages
        )
        if args.version:
            reports.append(check_set(validator, rec))
        else:
            problems = check_recordings(validator, rec.transcripts)
            if rec.object_info:
                problems += check_object_info(validator, rec.object_info)
            reports.append(Report(str(args.recordings), problems, {}))
    else:
        for name in args.set or sorted(RECORDING_SETS, key=version_key):
            reports.append(check_set(validator, RECORDING_SETS[name]))
    for report in reports:
        for problem in report.problems:
            print(problem)
    for report in reports:
        print(
            report.summary()
            if report.counts
            else f"{report.name}: {len(report.problems)} violation(s)"
        )
    total = sum(len(report.problems) for report in reports)
    print(f"{total} violation(s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
