"""The Celery app of the Celery tests, for the test process and the worker processes.

A worker runs it as ``celery -A tests.celery_app worker``; its settings come from the
environment: ``COMFY_TEST_BROKER`` (a Redis URL), ``COMFY_TEST_SERVERS`` (comma-separated
addresses), ``COMFY_TEST_OUTPUT_DIR``.
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery, Task

from comfy_api_client.celery import workflow_task

#: Seconds before Redis hands an unacknowledged task (its worker died) to another worker.
VISIBILITY_TIMEOUT = 2


def make_app(broker: str, servers: list[str], output_dir: str) -> tuple[Celery, Task]:
    app = Celery("comfy_test", broker=broker, backend=broker)
    app.conf.update(
        broker_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT},
        result_backend_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT},
        worker_prefetch_multiplier=1,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    options: dict[str, Any] = {"failover_after": 0.5, "probe_interval": 0.2, "http_timeout": 5}
    task = workflow_task(
        app,
        servers=servers,
        output_dir=output_dir,
        progress_interval=0.1,
        retry_delay=1.0,
        **options,
    )
    return app, task


broker = os.environ.get("COMFY_TEST_BROKER")
if broker:
    app, render = make_app(
        broker,
        os.environ["COMFY_TEST_SERVERS"].split(","),
        os.environ["COMFY_TEST_OUTPUT_DIR"],
    )
