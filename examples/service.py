"""A service: one asyncio client shared by concurrent jobs, each ending in a result or an error.

``COMFYUI_URL=http://127.0.0.1:8188 python examples/service.py``
"""

import asyncio
from pathlib import Path

from comfy_api_client import AsyncComfyClient, ComfyError, Workflow, create_async_client

TEMPLATE = Workflow.load(Path(__file__).with_name("invert.json"))


async def render(client: AsyncComfyClient, color: int) -> bytes:
    """One job: a PNG of the inverted colour."""
    workflow = TEMPLATE.copy().set("Canvas.color", color).set("Canvas.width", 64)
    prompt = await client.submit_workflow(workflow)
    result = await prompt.result(timeout=120)  # ComfyTimeoutError after 120 s
    data = result.output_images[0].data
    assert data is not None  # outputs are downloaded unless download_outputs=False
    return data


async def main() -> None:
    async with create_async_client() as client:  # $COMFYUI_URL, else 127.0.0.1:8188
        colors = [0x101010 * i for i in range(1, 9)] + [-1]  # the last one is invalid
        outcomes = await asyncio.gather(
            *(render(client, c) for c in colors), return_exceptions=True
        )
        for color, outcome in zip(colors, outcomes, strict=True):
            if isinstance(outcome, ComfyError):  # e.g. PromptValidationError, ExecutionError
                print(f"{color:#08x}: failed: {outcome}")
            elif isinstance(outcome, BaseException):
                raise outcome  # a bug, not an answer from ComfyUI
            else:
                print(f"{color:#08x}: {len(outcome)} bytes of PNG")


if __name__ == "__main__":
    asyncio.run(main())
