"""``python -m comfy_api_client`` / ``comfy-api-client``: print the server's system stats."""

from __future__ import annotations

import argparse
import json
import sys

from . import create_client
from .errors import ComfyConnectionError, ComfyError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="comfy-api-client", description=__doc__)
    parser.add_argument(
        "--server", default=None, help="ComfyUI address (default: $COMFYUI_URL or 127.0.0.1:8188)"
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="HTTP timeout in seconds")
    args = parser.parse_args(argv)
    try:
        with create_client(args.server, http_timeout=args.timeout, start_state_tracker=None) as client:
            stats = client.get_system_stats()
    except ComfyConnectionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ComfyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(stats.to_dict(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
