"""How long generating the node package of ComfyUI 0.33.0 (887 classes) takes (a benchmark line).

    python benchmarks/nodegen.py [--runs 5]

Renders the package from the ``/object_info`` recorded in ``tests/data`` (in memory, as
``generate_package`` writes it), then imports the shipped ``comfyui_nodes`` in a fresh
interpreter. The target: generation under 5 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from comfy_api_client.workflows.nodegen import load_object_info, render_package

RECORDING = Path(__file__).resolve().parent.parent / "tests/data/comfyui/0.33.0/object_info.json.gz"
TARGET = 5.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    object_info = load_object_info(RECORDING)
    times = []
    for _ in range(max(1, args.runs)):
        start = time.perf_counter()
        files = render_package(object_info, "comfyui_nodes", "benchmark")
        times.append(time.perf_counter() - start)
    size = sum(len(data) for data in files.values())
    median = statistics.median(times)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import comfyui_nodes"], check=True)
    imported = time.perf_counter() - start
    print(
        f"generate {len(object_info)} node classes: median {median:.3f} s, best {min(times):.3f} s "
        f"({len(files)} files, {size / 1e6:.1f} MB; target < {TARGET:.0f} s: "
        f"{'pass' if median < TARGET else 'MISSED'}, {median / TARGET:.3f}x of it)"
    )
    print(
        f"import comfyui_nodes in a fresh interpreter (comfy_api_client included): {imported:.2f} s"
    )
    return 0 if median < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
