"""Every handwritten ``Call`` names a generated endpoint whose method and path agree with the spec.

An AST pass over the package (the generated ``_sync`` twins left out) finds each ``Call(...)``
and each helper that builds one (``r.call``, ``r.model_call``, v2's ``_call``) whose endpoint and
method are written out, resolves its path (a literal, an f-string, a local variable or a
function returning one), and checks ``(endpoint, METHOD, path template)`` against the
generated ``OPERATIONS`` table (ComfyUI's own API) or ``openapi/comfy_api_v2.yaml`` (v2).
"""

from __future__ import annotations

import ast
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from comfyui_openapi.route_versions import OPERATIONS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "comfy_api_client"
V2_PACKAGE = "comfy_api_v2_openapi"
BUILDERS = {"Call", "call", "model_call", "_call"}
METHODS = {"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"}
#: Builders that pass on what their caller gives (the checked sites are their callers), and
#: the one call whose path is the URL the server handed out (v2 output files, signed URLs).
#: Named by function only, so that moving modules (issue 20's new layout) keeps them.
FORWARDERS = {"call", "model_call", "_call", "_content_call"}


@dataclass(frozen=True)
class Site:
    where: str
    endpoint: str
    method: str
    path: str  # the path with every substituted part written "{}"


def _v2_operations() -> dict[str, tuple[str, str]]:
    spec = yaml.safe_load((ROOT / "openapi" / "comfy_api_v2.yaml").read_text(encoding="utf-8"))
    found: dict[str, tuple[str, str]] = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "operationId" in operation:
                found[operation["operationId"]] = (method.upper(), path)
    return found


def _shape(template: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", template)


def _text(node: ast.expr) -> str | None:
    """A string literal or f-string with each substitution written ``{}``; the v2 package
    prefix (``f"{PACKAGE}:..."``) is written out."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue) and ast.unparse(value.value) in (
                "PACKAGE",
                "v2.PACKAGE",
            ):
                parts.append(V2_PACKAGE)
            else:
                parts.append("{}")
        return "".join(parts)
    return None


class _Finder(ast.NodeVisitor):
    def __init__(self, name: str, returns: dict[str, str]) -> None:
        self.name = name
        self.returns = returns
        self.function: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        self.sites: list[Site] = []
        self.unresolved: list[str] = []

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.function.append(node)
        self.generic_visit(node)
        self.function.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def _path(self, node: ast.expr) -> str | None:
        text = _text(node)
        if text is not None or not isinstance(node, ast.Name) or not self.function:
            return text
        for stmt in ast.walk(self.function[-1]):
            if isinstance(stmt, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == node.id for t in stmt.targets
            ):
                value = stmt.value
                if isinstance(value, ast.Call):
                    callee = value.func
                    name = callee.attr if isinstance(callee, ast.Attribute) else None
                    name = callee.id if isinstance(callee, ast.Name) else name
                    return self.returns.get(name or "")
                return _text(value)
        return None

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name not in BUILDERS or len(node.args) < 3:
            return
        endpoint = _text(node.args[0])
        if endpoint is None or "." not in endpoint:
            return  # not a request description (e.g. ``self.call(some_call)``)
        if name == "_call" and self.name.startswith("v2/"):
            endpoint = f"{V2_PACKAGE}:{endpoint}"  # ``_call`` adds the v2 package's name
        where = f"{self.name}:{node.lineno}"
        method = node.args[1 if name != "Call" else 2]
        path = node.args[2 if name != "Call" else 3]
        resolved = self._path(path)
        if not (isinstance(method, ast.Constant) and method.value in METHODS and resolved):
            owner = self.function[-1].name if self.function else ""
            if owner not in FORWARDERS:
                self.unresolved.append(f"{where} {ast.unparse(node)[:80]}")
            return
        self.sites.append(Site(where, endpoint, str(method.value), resolved))


def _scan() -> tuple[list[Site], list[str]]:
    files = [
        p for p in sorted(PACKAGE.rglob("*.py")) if "_sync" not in p.relative_to(PACKAGE).parts
    ]
    trees = {p.relative_to(PACKAGE).as_posix(): ast.parse(p.read_text("utf-8")) for p in files}
    returns: dict[str, str] = {}  # functions whose single return is a path f-string
    for tree in trees.values():
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef) and isinstance(fn.body[-1], ast.Return):
                value = fn.body[-1].value
                text = _text(value) if value is not None else None
                if text is not None and text.startswith("/"):
                    returns[fn.name] = text
    sites: list[Site] = []
    unresolved: list[str] = []
    for name, tree in trees.items():
        finder = _Finder(name, returns)
        finder.visit(tree)
        sites += finder.sites
        unresolved += finder.unresolved
    return sites, unresolved


def test_every_call_site_is_resolved() -> None:
    sites, unresolved = _scan()
    assert not unresolved, "Call sites whose method or path the check cannot read:\n" + "\n".join(
        unresolved
    )
    files = {site.where.split(":")[0] for site in sites}
    assert len(files) >= 4  # the native, file, asset and v2 request descriptions
    assert len(sites) >= 60


def test_every_call_agrees_with_the_spec() -> None:
    sites, _ = _scan()
    v2 = _v2_operations()
    wrong = []
    for site in sites:
        package, _, endpoint = site.endpoint.rpartition(":")
        operation = endpoint.rsplit(".", 1)[-1]
        table = v2 if package == V2_PACKAGE else OPERATIONS
        module = f"{package or 'comfyui_openapi'}.api.{endpoint}"
        try:
            found = importlib.util.find_spec(module)
        except ModuleNotFoundError:
            found = None
        if found is None:
            wrong.append(f"{site.where}: no generated module {module}")
            continue
        if operation not in table:
            wrong.append(f"{site.where}: {operation} is not an operation of the spec")
            continue
        method, template = table[operation]
        if (site.method, site.path) != (method, _shape(template)):
            wrong.append(
                f"{site.where}: {site.method} {site.path} but the spec: {method} {template}"
            )
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_a_wrong_call() -> None:
    """The pass itself: a call with a wrong method or path is reported."""
    tree = ast.parse('def f(x):\n    return r.call("queue.get_queue", "POST", f"/queue/{x}", g)')
    finder = _Finder("probe.py", {})
    finder.visit(tree)
    (site,) = finder.sites
    assert (site.method, site.path) == ("POST", "/queue/{}")
    assert (site.method, site.path) != (
        OPERATIONS["get_queue"][0],
        _shape(OPERATIONS["get_queue"][1]),
    )
