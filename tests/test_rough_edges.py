"""Issue 23's rough edges: each of these failed before it was fixed."""

from __future__ import annotations

import asyncio
import importlib
import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client import (
    ComfyConnectionError,
    ComfyError,
    ComfyHTTPError,
    InvalidArgumentError,
    NoEligibleServerError,
    NoServerAvailableError,
    create_async_client,
    create_async_pool,
    create_client,
    create_pool,
)
from comfy_api_client.errors import (
    ExecutionError,
    ExecutionInterrupted,
    OutputNotDownloadedError,
    PromptValidationError,
    WorkflowError,
)
from comfy_api_client.integrations.cli import EXIT_INVALID, EXIT_OK, main
from comfy_api_client.integrations.cli_text import failure_message
from comfy_api_client.workflows.validation import validate_workflow
from comfy_api_client.workflows.workflow import Workflow
from tests.conftest import tiny_workflow

#: Far below the 11 s the client used to spend retrying a mistake retrying cannot mend.
FAST = 5.0


def open_and_close(kind: str, address: str, tracker: str = "websocket") -> None:
    """Open a client of ``kind`` on ``address`` and ask for the queue (what a first call does)."""
    if kind == "sync":
        with create_client(address, 5, tracker) as client:  # type: ignore[arg-type]
            client.get_queue()
        return

    async def first_call() -> None:
        async with create_async_client(address, 5, tracker) as client:  # type: ignore[arg-type]
            await client.get_queue()

    asyncio.run(first_call())


def failure(kind: str, address: str, tracker: str = "websocket") -> tuple[BaseException, float]:
    started = time.monotonic()
    with pytest.raises(Exception) as info:
        open_and_close(kind, address, tracker)
    return info.value, time.monotonic() - started


class _NotComfy(BaseHTTPRequestHandler):
    """A web site and a JSON API, not ComfyUI: an HTML page at /, JSON 404s under /api."""

    def do_GET(self) -> None:
        if self.path.startswith("/api"):
            code, kind, body = 404, "application/json", b'{"detail": "Not Found"}'
        elif self.path == "/":
            code, kind, body = 200, "text/html", b"<html><body>my blog</body></html>"
        else:
            code, kind, body = 404, "text/html", b"<html><body>no such page</body></html>"
        self.send_response(code)
        self.send_header("content-type", kind)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def not_comfy() -> Iterator[str]:
    """The ``host:port`` of a plain HTTP server on loopback that is not ComfyUI."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotComfy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(5)


# -- address mistakes fail at once ---------------------------------------------------------


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("tracker", ["websocket", "http"])
def test_an_unknown_host_fails_at_once_with_the_same_text(kind: str, tracker: str) -> None:
    # ``.invalid`` never resolves (RFC 2606): the resolver answers at once, nothing leaves
    # the machine but the lookup.
    error, took = failure(kind, "http://no-such-comfy.invalid:8188", tracker)
    assert isinstance(error, ComfyConnectionError)
    assert str(error).startswith(
        "cannot reach ComfyUI at http://no-such-comfy.invalid:8188: unknown host"
    )
    assert took < FAST


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("tracker", ["websocket", "http"])
def test_https_against_a_plain_http_port_fails_at_once(
    kind: str, tracker: str, not_comfy: str
) -> None:
    error, took = failure(kind, f"https://{not_comfy}", tracker)
    assert isinstance(error, ComfyConnectionError)
    assert str(error).startswith(f"cannot reach ComfyUI at https://{not_comfy}: the server")
    assert "does not speak TLS on this port (use http:// instead of https://)" in str(error)
    assert took < FAST


@pytest.mark.parametrize(
    ("address", "suggestion"),
    [
        ("http//127.0.0.1:8188", "http://127.0.0.1:8188"),
        ("https//comfy.example:443", "https://comfy.example:443"),
        ("http:/127.0.0.1:8188", "http://127.0.0.1:8188"),
    ],
)
def test_a_scheme_missing_its_colon_or_slash_is_refused_before_any_request(
    address: str, suggestion: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=f"did you mean {suggestion!r}"):
        create_client(address)


def test_hosts_that_only_begin_like_a_scheme_are_kept() -> None:
    for address in ("https-proxy:8188", "httpbin.local", "http:8188"):
        create_client(address)  # not opened: no request


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_comfyui_url_embedded_in_library_code_names_the_test_double(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMFYUI_URL", "embedded")
    make = create_client if kind == "sync" else create_async_client
    with pytest.raises(InvalidArgumentError, match="ComfyTestServer") as info:
        make()
    assert info.value.argument == "$COMFYUI_URL"


# -- a server that is not ComfyUI ----------------------------------------------------------


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("path", ["", "/api"])
def test_a_server_that_is_not_comfyui_is_named_so(kind: str, path: str, not_comfy: str) -> None:
    for tracker in ("websocket", "http"):
        error, took = failure(kind, f"http://{not_comfy}{path}", tracker)
        # a 404 to the handshake is a ComfyHTTPError; an HTTP/1.0 answer a connection error
        assert isinstance(error, ComfyHTTPError | ComfyConnectionError)
        assert "not ComfyUI" in str(error)
        assert "probably wrong" not in str(error)
        assert took < FAST


def test_a_wrong_path_below_the_root_still_names_the_path(not_comfy: str) -> None:
    error, _ = failure("sync", f"http://{not_comfy}/comfy")
    assert "the address's path '/comfy' is probably wrong" in str(error)


# -- an input the node does not have -------------------------------------------------------


def test_a_misspelt_input_is_refused_with_the_nearest_real_name(client: Any) -> None:
    workflow = tiny_workflow()
    inputs = workflow["1"]["inputs"]
    inputs["widht"] = inputs.pop("width")
    with pytest.raises(PromptValidationError) as info:
        client.run(workflow, timeout=30)
    problems = [p for p in info.value.problems if p.type == "unknown_input"]
    assert [(p.node_id, p.input_name) for p in problems] == [("1", "widht")]
    assert "has no input 'widht' (did you mean 'width'?" in str(info.value)


def test_wf_set_and_validation_tell_an_unknown_input_alike() -> None:
    workflow = Workflow(tiny_workflow())
    with pytest.raises(WorkflowError) as info:
        workflow.set("1.widht", 8)
    assert "has no input 'widht' (did you mean 'width'? its inputs: width," in str(info.value)


def test_inputs_the_editor_adds_of_its_own_still_pass() -> None:
    # the real editor's "Export (API)" writes widgets no definition declares (Load3D's
    # ``clear``, Preview3D's ``image``): the server ignores them, so validation does too
    info = {
        "Preview3D": {
            "input": {
                "required": {"model_file": ["STRING", {}]},
                "optional": {"bg_image": ["IMAGE", {}]},
            },
            "output": [],
            "output_node": True,
        }
    }
    prompt = {"1": {"class_type": "Preview3D", "inputs": {"model_file": "x.glb", "image": ""}}}
    assert validate_workflow(prompt, info) is None


# -- unfilled placeholders -----------------------------------------------------------------


def placeholder_workflow() -> dict[str, Any]:
    workflow = tiny_workflow()
    workflow["3"]["inputs"]["filename_prefix"] = "{{prefix}}"
    return workflow


def test_the_library_refuses_unfilled_placeholders_before_sending(client: Any, server: Any) -> None:
    with create_client(server.url) as other:
        before = len(other.get_history() or {})
    with pytest.raises(WorkflowError, match=r"unfilled placeholders \{\{prefix\}\}") as info:
        client.submit_workflow(placeholder_workflow(), validate=False)
    assert "allow_placeholders=True" in str(info.value)
    with create_client(server.url) as other:
        assert len(other.get_history() or {}) == before


def test_allow_placeholders_sends_them_as_text(make_client: Any) -> None:
    client = make_client(allow_placeholders=True)
    result = client.run(placeholder_workflow(), timeout=30)
    assert result.files[0].filename.startswith("{{prefix}}")


def test_the_cli_refuses_them_too_and_takes_the_same_opt_out(
    server: Any, tmp_path: Path, capsys: Any
) -> None:
    path = tmp_path / "template.json"
    path.write_text(json.dumps(placeholder_workflow()))
    assert main(["run", str(path), "-q", "--server", server.url]) == EXIT_INVALID
    assert "--fill prefix=..." in capsys.readouterr().err
    code = main(["run", str(path), "-q", "--allow-placeholders", "--json", "--server", server.url])
    assert code == EXIT_OK
    assert json.loads(capsys.readouterr().out)["files"][0]["filename"].startswith("{{prefix}}")


# -- the command line ----------------------------------------------------------------------


def test_run_without_out_prints_server_urls_not_local_looking_paths(
    server: Any, tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "wf.json"
    path.write_text(json.dumps(tiny_workflow(color=23)))
    assert main(["run", str(path), "-q", "--server", server.url]) == EXIT_OK
    captured = capsys.readouterr()
    printed = captured.out.split()
    assert printed and all(line.startswith(f"{server.url}/view?filename=") for line in printed)
    assert "type=output" in printed[0]
    assert "the outputs stay on the server" in captured.err and "--out DIR" in captured.err
    assert list(tmp_path.iterdir()) == [path]  # nothing written here


def test_the_embedded_banner_is_a_whole_sentence(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "wf.json"
    path.write_text(json.dumps(tiny_workflow(color=24)))
    assert main(["run", str(path), "-q", "--server", "embedded"]) == EXIT_OK
    err = capsys.readouterr().err
    banner = next(line for line in err.splitlines() if line.startswith("running on"))
    assert banner.endswith("a few CPU nodes imitating ComfyUI's own, and no models")
    assert "files go when it stops" in err  # the URLs printed are of a server now gone


@pytest.mark.parametrize("value", ["-5", "0", "nan", "inf", "soon"])
def test_a_timeout_that_is_no_positive_number_is_refused(value: str, capsys: Any) -> None:
    with pytest.raises(SystemExit) as info:
        main(["run", "wf.json", "--timeout", value])
    assert info.value.code == 2
    assert "--timeout" in capsys.readouterr().err


def test_quiet_is_taken_before_the_command_too(server: Any, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "wf.json"
    path.write_text(json.dumps(tiny_workflow(color=25)))
    for argv in (["-q", "run"], ["run", "-q"], ["--quiet", "run"]):
        assert main([*argv, str(path), "--server", server.url]) == EXIT_OK
        assert "queued prompt" not in capsys.readouterr().err


def test_gitignore_keeps_the_readme_out_folder_out() -> None:
    root = Path(__file__).resolve().parent.parent
    assert "/out/" in (root / ".gitignore").read_text().splitlines()


# -- wording -------------------------------------------------------------------------------


def test_one_problem_is_counted_as_one() -> None:
    body = {"error": {"type": "prompt_no_outputs", "message": "Prompt has no outputs"}}
    error = PromptValidationError.client_side({**body, "node_errors": {}})
    assert "(1 problem; nothing was sent)" in str(error)
    assert len(error.problems) == 1


def test_a_failed_node_is_told_at_node_everywhere() -> None:
    data = {
        "node_id": "3",
        "node_type": "SaveImage",
        "exception_type": "E",
        "exception_message": "x",
    }
    error = ExecutionError("p1", data)
    told = failure_message(error, Workflow(tiny_workflow()))
    assert "failed at node 3 (SaveImage)" in str(error) and "failed at node 3 (SaveImage)" in told
    assert ExecutionInterrupted("p1", data).args[0].endswith("interrupted at node 3 (SaveImage)")


def test_select_outputs_on_a_node_that_is_no_output_says_which_and_why(client: Any) -> None:
    workflow = Workflow(tiny_workflow()).select_outputs("2")
    with pytest.raises(PromptValidationError) as info:
        client.run(workflow, timeout=30)
    text = str(info.value)
    assert "Prompt has no outputs" in text
    assert "node 2 (ImageInvert) is not an output node" in text
    assert "select_outputs" in text and "SaveImage" in text


# -- a pool --------------------------------------------------------------------------------


def test_a_pool_with_a_server_down_refuses_what_no_server_can_run_as_such(
    double: Any, kind: str
) -> None:
    with socket.socket() as s:  # a port nothing listens on: the second server is down
        s.bind(("127.0.0.1", 0))
        down = f"127.0.0.1:{s.getsockname()[1]}"
    workflow = {**tiny_workflow(), "5": {"class_type": "NoSuchNode", "inputs": {}}}
    options: dict[str, Any] = {"http_timeout": 5}
    if kind == "sync":
        with (
            create_pool([double.url, down], **options) as pool,
            pytest.raises(NoEligibleServerError) as caught,
        ):
            pool.submit_workflow(workflow)
    else:

        async def main() -> None:
            async with create_async_pool([double.url, down], **options) as pool:
                await pool.submit_workflow(workflow)

        with pytest.raises(NoEligibleServerError) as caught:
            asyncio.run(main())
    error = caught.value
    assert not isinstance(error, NoServerAvailableError)  # not an outage: retrying won't help
    assert "node class 'NoSuchNode' (node 5)" in error.reasons[double.url]
    assert error.reasons[down][0].startswith("down")


# -- extras --------------------------------------------------------------------------------


def test_the_celery_module_without_its_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in list(sys.modules):
        if name in ("comfy_api_client.celery", "comfy_api_client.integrations.celery") or (
            name == "celery" or name.startswith("celery.")
        ):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "celery", None)  # what an environment without it gives
    with pytest.raises(ModuleNotFoundError) as caught:
        importlib.import_module("comfy_api_client.celery")
    assert "pip install 'comfy-api-client[celery]'" in str(caught.value)
    assert caught.value.name == "celery"


# -- a base URL ending in /api -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_base_ending_in_api_prefixes_the_api_only_routes_once(double: Any, kind: str) -> None:
    base = double.url + "/api"  # a proxy that forwards only /api

    def use(client: Any) -> Any:
        return (
            client.list_jobs(),
            list(client.list_assets()),
            client.get_tags(),
            client.get_queue(),
        )

    if kind == "sync":
        with create_client(base) as client:
            use(client)
            result = client.run(tiny_workflow(color=26), timeout=30)
    else:

        async def main() -> Any:
            async with create_async_client(base) as client:
                await asyncio.gather(client.list_jobs(), client.get_tags(), client.get_queue())
                [a async for a in client.list_assets()]  # every page of /api/assets
                return await client.run(tiny_workflow(color=26), timeout=30)

        result = asyncio.run(main())
    assert result.files[0].data  # /api/view
    paths = [path.split("?")[0] for _, path in double.requests]
    assert {"/api/jobs", "/api/assets", "/api/tags", "/api/queue", "/api/view"} <= set(paths)
    assert not [p for p in paths if p.startswith("/api/api/")]


def test_the_rule_keeps_every_other_path() -> None:
    from comfy_api_client.core.address import ServerAddress

    proxied = ServerAddress.parse("https://host/comfy/api")
    assert proxied.request_path("/comfy/api/api/jobs") == "/comfy/api/jobs"
    assert proxied.request_path("/comfy/api/queue") == "/comfy/api/queue"
    plain = ServerAddress.parse("host:8188")
    assert plain.request_path("/api/jobs") == "/api/jobs"


# -- what the manual says ------------------------------------------------------------------


def test_an_output_not_downloaded_raises_a_comfy_error_that_is_still_a_value_error(
    make_client: Any, tmp_path: Path
) -> None:
    client = make_client(download_outputs=False)
    file = client.run(tiny_workflow(color=27), timeout=30).files[0]
    for use in (lambda: file.save(tmp_path), lambda: file.image):
        with pytest.raises(OutputNotDownloadedError) as caught:
            use()
        assert isinstance(caught.value, ComfyError) and isinstance(caught.value, ValueError)
        assert caught.value.filename == file.filename and caught.value.node_id == "3"
        assert "download_outputs=False" in str(caught.value)
        assert "client.download(file, folder)" in str(caught.value)
    assert client.download(file, tmp_path).read_bytes()[:4] == b"\x89PNG"


def test_a_client_option_given_to_run_names_create_client(client: Any) -> None:
    with pytest.raises(TypeError, match=r"create_client\(\.\.\., download_outputs=\.\.\.\)"):
        client.run(tiny_workflow(color=28), download_outputs=False)
    # the per-call options still pass
    assert client.run(tiny_workflow(color=28), timeout=30, validate=False, front=True).files


def test_validate_workflow_says_what_it_returns() -> None:
    from comfy_api_client import AsyncComfyClient, ComfyClient, ComfyPool

    for method in (
        ComfyClient.validate_workflow,
        AsyncComfyClient.validate_workflow,
        ComfyPool.validate_workflow,
        validate_workflow,
    ):
        assert "Returns " in (method.__doc__ or ""), method.__qualname__


def test_a_whole_post_body_given_as_the_workflow_is_a_comfy_error(client: Any) -> None:
    body = {"prompt": tiny_workflow(), "client_id": "x"}
    with pytest.raises(InvalidArgumentError, match="not a whole POST /prompt body") as caught:
        client.submit_workflow(body)
    assert isinstance(caught.value, ComfyError) and isinstance(caught.value, ValueError)
