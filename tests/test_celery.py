"""``comfy_api_client.integrations.celery`` with real components: a Redis server started here, real
Celery worker processes (``celery -A tests.celery_app worker``) and two test doubles."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from comfy_api_client.testing import ComfyTestServer
from tests.conftest import LIVE_URL

celery = pytest.importorskip("celery", reason="needs the celery extra")
redis = pytest.importorskip("redis", reason="needs the celery extra (redis client)")

from celery.exceptions import TaskRevokedError  # noqa: E402

from comfy_api_client.celery import ComfyTaskError, prompt_id_for  # noqa: E402
from tests.celery_app import VISIBILITY_TIMEOUT, make_app  # noqa: E402

REDIS = shutil.which("redis-server")
ROOT = Path(__file__).resolve().parent.parent
#: A worker (its pool added), quick to start.
WORKER = [
    *(sys.executable, "-m", "celery", "-A", "tests.celery_app", "worker"),
    *("--concurrency", "4", "--loglevel", "INFO"),
    *("--without-heartbeat", "--without-gossip", "--without-mingle"),
]

if os.environ.get("CI") and not REDIS:  # CI installs it (.ci/run): never skip there
    raise RuntimeError("redis-server is not installed (apt-get install -y redis-server)")
pytestmark = [
    pytest.mark.skipif(REDIS is None, reason="needs redis-server (apt-get install redis-server)"),
    pytest.mark.skipif(bool(LIVE_URL), reason="needs the test doubles"),
]


def job(n: int) -> dict[str, Any]:
    return {
        "1": {
            "class_type": "EmptyImage",
            "inputs": {"width": 8, "height": 8, "batch_size": 1, "color": n},
        },
        "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "c/t"}},
    }


def wait_until(check: Callable[[], Any], timeout: float = 30.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def redis_server(directory: Path) -> Iterator[str]:
    """A Redis on a free loopback port, nothing persisted; stopped on exit."""
    assert REDIS is not None
    port = free_port()
    process = subprocess.Popen(
        [
            REDIS,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        connection = redis.Redis(host="127.0.0.1", port=port, socket_timeout=1)

        def answers() -> bool:
            with contextlib.suppress(redis.exceptions.ConnectionError):
                return bool(connection.ping())
            return False

        wait_until(answers, 10, "redis-server to answer")
        connection.close()
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


class Worker:
    """A Celery worker process (threads pool) running ``tests.celery_app``."""

    def __init__(self, env: dict[str, str], name: str, log: Path, pool: str = "threads") -> None:
        self.log = log
        self._out = log.open("wb")
        self.process = subprocess.Popen(
            [*WORKER, "--pool", pool, "-n", f"{name}@%h"],
            cwd=ROOT,
            env=env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(lambda: b" ready." in log.read_bytes() or self._died(), 60, f"{name} ready")
        assert self.process.poll() is None, log.read_text()

    def _died(self) -> bool:
        return self.process.poll() is not None

    def kill(self) -> None:
        """SIGKILL, as when its machine dies: nothing is acknowledged or cleaned up."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self._out.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self._out.close()


class Stack:
    def __init__(self, tmp: Path) -> None:
        tmp.mkdir(parents=True, exist_ok=True)
        self.tmp = tmp
        self.servers = [ComfyTestServer().start() for _ in range(2)]
        self.output_dir = tmp / "out"
        self._redis = redis_server(tmp)
        self.broker = self._redis.__enter__()
        self.app, self.task = make_app(self.broker, self.urls, str(self.output_dir))
        self.workers: list[Worker] = []

    @property
    def urls(self) -> list[str]:
        return [s.url for s in self.servers]

    def worker(self, name: str, pool: str = "threads") -> Worker:
        env = {
            **os.environ,
            "COMFY_TEST_BROKER": self.broker,
            "COMFY_TEST_SERVERS": ",".join(self.urls),
            "COMFY_TEST_OUTPUT_DIR": str(self.output_dir),
        }
        worker = Worker(env, name, self.tmp / f"{name}.log", pool)
        self.workers.append(worker)
        return worker

    def runs(self, prompt_id: str) -> int:
        return sum(
            1
            for s in self.servers
            for pid, status in s.executed
            if pid == prompt_id and status == "success"
        )

    def paused(self, paused: bool) -> None:
        for server in self.servers:
            server.set_paused(paused)

    def holder(self, prompt_id: str) -> ComfyTestServer | None:
        for server in self.servers:
            queue = server.queue
            if prompt_id in [item[1] for item in queue["queue_pending"] + queue["queue_running"]]:
                return server
        return None

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.app.close()
        self._redis.__exit__(None, None, None)
        for server in self.servers:
            server.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    found = Stack(tmp_path_factory.mktemp("celery"))
    try:
        found.worker("shared")
        yield found
    finally:
        found.close()


@pytest.fixture
def running(stack: Stack) -> Iterator[Stack]:
    stack.paused(False)
    yield stack
    stack.paused(False)


def test_a_task_runs_a_workflow_and_returns_json(running: Stack) -> None:
    result = running.task.delay(job(1), inputs={"1.color": 7}).get(timeout=60)
    json.dumps(result)  # JSON-serialisable as it is
    task_id = result["task_id"]
    assert result["prompt_id"] == prompt_id_for(task_id)
    assert result["server"] in running.urls and result["attempts"] == [result["server"]]
    assert result["status"] == "success" and result["texts"] == {}
    (path,) = result["files"]
    assert Path(path).is_relative_to(running.output_dir / result["prompt_id"] / "c")
    assert Path(path).read_bytes().startswith(b"\x89PNG")
    assert running.runs(result["prompt_id"]) == 1


def test_a_task_runs_a_graph(running: Stack) -> None:
    from comfyui_nodes import EmptyImage, SaveImage

    from comfy_api_client import Graph

    with Graph() as g:
        SaveImage(images=EmptyImage(width=8, height=8, color=0x0A0B0C), filename_prefix="c/g")
    result = running.task.delay(g).get(timeout=60)  # sent as its API-format dict
    (path,) = result["files"]
    assert Path(path).read_bytes().startswith(b"\x89PNG")
    assert running.runs(result["prompt_id"]) == 1


def test_tasks_are_spread_over_the_servers(running: Stack) -> None:
    running.paused(True)
    pending = [running.task.delay(job(100 + n)) for n in range(4)]
    wait_until(lambda: all(running.holder(prompt_id_for(p.id)) for p in pending), what="queued")
    running.paused(False)
    results = [p.get(timeout=60) for p in pending]
    assert {r["server"] for r in results} == set(running.urls)
    assert all(running.runs(r["prompt_id"]) == 1 for r in results)


def test_progress_goes_to_the_task_state(running: Stack) -> None:
    running.paused(True)
    pending = running.task.delay(job(2))
    info = wait_until(
        lambda: pending.state == "PROGRESS" and pending.info.get("server") and pending.info,
        what="PROGRESS",
    )
    assert info["prompt_id"] == prompt_id_for(pending.id)
    assert info["status"] == "queued" and info["server"] in running.urls
    running.paused(False)
    assert pending.get(timeout=60)["server"] == info["server"]


def test_comfyui_errors_fail_the_task_with_the_typed_fields(running: Stack) -> None:
    bad = job(3)
    bad["1"]["inputs"]["width"] = 0
    with pytest.raises(ComfyTaskError) as caught:
        running.task.delay(bad).get(timeout=60)
    error = caught.value
    assert error.error_type == "PromptValidationError"
    (problem,) = error.fields["problems"]
    assert (problem["node_id"], problem["input_name"], problem["received_value"]) == (
        "1",
        "width",
        0,
    )
    assert "smaller than min" in str(error)
    missing = {"9": {"class_type": "NoSuchNode", "inputs": {}}, **job(4)}
    with pytest.raises(ComfyTaskError) as caught:
        running.task.delay(missing).get(timeout=60)
    assert caught.value.error_type == "NoEligibleServerError"
    assert set(caught.value.fields["reasons"]) == set(running.urls)


def test_revoking_the_task_cancels_the_prompt(running: Stack) -> None:
    running.paused(True)
    pending = running.task.delay(job(5))
    pid = prompt_id_for(pending.id)
    server = wait_until(lambda: running.holder(pid), what="the prompt queued")
    pending.revoke()
    with pytest.raises(TaskRevokedError):
        pending.get(timeout=30)
    assert running.holder(pid) is None  # removed from the server's queue
    running.paused(False)
    assert pid not in [p for p, _ in server.executed]


def test_revoking_with_terminate_cancels_the_prompt_under_prefork(stack: Stack) -> None:
    own = Stack(stack.tmp / "prefork")
    try:
        own.worker("prefork", pool="prefork")
        own.paused(True)
        pending = own.task.delay(job(7))
        pid = prompt_id_for(pending.id)
        server = wait_until(lambda: own.holder(pid), what="the prompt queued")
        pending.revoke(terminate=True, signal="SIGUSR1")
        with pytest.raises(TaskRevokedError):
            pending.get(timeout=30)
        wait_until(lambda: own.holder(pid) is None, what="the prompt removed")
        own.paused(False)
        assert pid not in [p for p, _ in server.executed]
    finally:
        own.close()


def test_a_worker_killed_mid_task_the_task_is_redelivered_and_the_prompt_runs_once(
    stack: Stack,
) -> None:
    own = Stack(stack.tmp / "kill")
    try:
        first = own.worker("first")
        own.paused(True)
        pending = own.task.delay(job(6))
        pid = prompt_id_for(pending.id)
        server = wait_until(lambda: own.holder(pid), what="the prompt queued")
        first.kill()  # mid-task: the message was never acknowledged
        time.sleep(VISIBILITY_TIMEOUT + 0.5)
        own.worker("second")  # takes the task again, finds the prompt queued on the server
        own.paused(False)
        result = pending.get(timeout=60)
        assert result["prompt_id"] == pid and result["server"] == server.url
        assert result["attempts"] == [server.url]
        assert own.runs(pid) == 1
        posts = sum(
            1 for s in own.servers for m, p in s.requests if m == "POST" and p.endswith("/prompt")
        )
        assert posts == 1  # the second worker reattached, it did not post again
        assert b"run_workflow" in (own.tmp / "second.log").read_bytes()
    finally:
        own.close()


def test_a_redelivered_task_while_its_server_flaps_runs_the_prompt_once(stack: Stack) -> None:
    own = Stack(stack.tmp / "flap")
    try:
        first = own.worker("first")
        own.paused(True)
        pending = own.task.delay(job(8))
        pid = prompt_id_for(pending.id)
        server = wait_until(lambda: own.holder(pid), what="the prompt queued")
        first.kill()
        server.faults.fail("/queue", status=502, count=None)  # it cannot say it has the prompt
        time.sleep(VISIBILITY_TIMEOUT + 0.5)
        own.worker("second")
        wait_until(lambda: pending.state == "RETRY", 60, "the task retried")
        server.faults.clear()
        own.paused(False)
        result = pending.get(timeout=90)
        assert result["prompt_id"] == pid and result["server"] == server.url
        assert own.runs(pid) == 1
        posts = sum(
            1 for s in own.servers for m, p in s.requests if m == "POST" and p.endswith("/prompt")
        )
        assert posts == 1
    finally:
        own.close()
