"""``python -m comfy_api_client`` / ``comfy-api-client``: print a ComfyUI server's system stats."""

from __future__ import annotations

import argparse
import json
import sys

import httpx
from comfyui_openapi import Client
from comfyui_openapi.api.system import get_system_stats

from .options import ClientOptions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="comfy-api-client", description=__doc__)
    parser.add_argument(
        "--server", default=None, help="ComfyUI address (default: $COMFYUI_URL or 127.0.0.1:8188)"
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="HTTP timeout in seconds")
    args = parser.parse_args(argv)
    try:
        options = ClientOptions.build(args.server, http_timeout=args.timeout)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    client = Client(
        base_url=options.address.base_url,
        headers=options.headers,
        timeout=options.httpx_timeout(),
        raise_on_unexpected_status=False,
    )
    url = f"{options.address.base_url}/system_stats"
    try:
        with client as api:
            response = get_system_stats.sync_detailed(client=api)
    except httpx.TimeoutException:
        print(f"error: GET {url} timed out after {args.timeout} s", file=sys.stderr)
        return 3
    except httpx.TransportError as exc:
        print(f"error: cannot reach ComfyUI at {options.address}: {exc}", file=sys.stderr)
        return 2
    if response.status_code != 200 or response.parsed is None:
        print(f"error: GET {url} answered {int(response.status_code)}", file=sys.stderr)
        return 1
    print(json.dumps(response.parsed.to_dict(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
