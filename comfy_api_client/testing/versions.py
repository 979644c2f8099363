"""The ComfyUI versions the test double imitates, and what differs between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_VERSION = "0.33.0"


@dataclass(frozen=True)
class ServerVersion:
    """What one recorded ComfyUI version serves; the switches name each difference."""

    comfyui_version: str
    required_frontend_version: str
    templates_version: str
    #: ``/features`` and the WebSocket ``feature_flags`` reply.
    features: dict[str, Any]
    #: ``system_stats.system.comfy_package_versions`` (None: the key is absent).
    package_versions: list[dict[str, str]] | None = None
    #: ``system.os`` is ``sys.platform`` (0.33) rather than ``os.name`` (0.3.64).
    os_is_platform: bool = False
    #: ``/api/jobs``, ``/api/assets``, ``/api/tags``, ``/node_replacements``,
    #: ``/global_subgraphs``, asset ids in outputs, ``extra_data.create_time``.
    today: bool = False
    pytorch_version: str = "2.14.1+cu130"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def number(self) -> str:
        return self.comfyui_version


VERSIONS: dict[str, ServerVersion] = {
    "0.3.64": ServerVersion(
        comfyui_version="0.3.64",
        required_frontend_version="1.27.10",
        templates_version="0.1.95",
        features={"supports_preview_metadata": True, "max_upload_size": 104857600},
    ),
    "0.33.0": ServerVersion(
        comfyui_version="0.33.0",
        required_frontend_version="1.49.6",
        templates_version="0.11.44",
        features={
            "supports_preview_metadata": True,
            "supports_model_type_tags": True,
            "max_upload_size": 104857600,
            "extension": {"manager": {"supports_v4": True}},
            "node_replacements": True,
            "assets": True,
        },
        package_versions=[
            {"name": "comfyui-frontend-package", "installed": "1.49.6", "required": "1.49.6"},
            {"name": "comfyui-workflow-templates", "installed": "0.11.44", "required": "0.11.44"},
            {"name": "comfyui-embedded-docs", "installed": "0.5.10", "required": "0.5.10"},
            {"name": "comfy-kitchen", "installed": "0.2.31", "required": "0.2.31"},
            {"name": "comfy-aimdo", "installed": "0.4.13", "required": "0.4.13"},
        ],
        os_is_platform=True,
        today=True,
    ),
}


def server_version(name: str) -> ServerVersion:
    """The profile of ``name`` (``"0.33.0"`` or ``"0.3.64"``); ValueError names the choices."""
    try:
        return VERSIONS[name]
    except KeyError:
        choices = ", ".join(sorted(VERSIONS))
        raise ValueError(
            f"ComfyTestServer(version={name!r}): unknown version; choose one of {choices}"
        ) from None
