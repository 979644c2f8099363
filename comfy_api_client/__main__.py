"""``python -m comfy_api_client``: the ``comfy-api-client`` command (see :mod:`.cli`)."""

from __future__ import annotations

import sys

from .integrations.cli import main

if __name__ == "__main__":
    sys.exit(main())
