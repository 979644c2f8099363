"""A notebook cell: run the example workflow in three colours and look at the images.

The blocking client works inside Jupyter's running event loop. Run it as a script too:
``COMFYUI_URL=http://127.0.0.1:8188 python examples/notebook.py``.
"""

from pathlib import Path

from comfy_api_client import Workflow, create_client

workflow = Workflow.load(Path(__file__).with_name("invert.json"))

with create_client() as client:  # $COMFYUI_URL, else 127.0.0.1:8188
    prompts = [
        client.submit_workflow(workflow.copy().set("Canvas.color", color))
        for color in (0x202020, 0x808080, 0xE0E0E0)
    ]
    for prompt in prompts:
        result = prompt.result(timeout=120)  # or prompt.future.result(timeout=120)
        image = result.output_images[0].image  # a PIL image: a notebook shows it inline
        print(prompt.prompt_id, image.size, image.getpixel((0, 0)))
