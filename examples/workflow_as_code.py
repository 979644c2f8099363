"""A workflow written as Python with ComfyUI 0.33.0's node functions (``comfyui_nodes``).

``COMFYUI_URL=http://127.0.0.1:8188 python examples/workflow_as_code.py``; generate the
functions of your own server with ``comfy-api-client nodes generate --out my_nodes``.
"""

from comfyui_nodes import EmptyImage, ImageInvert, SaveImage

from comfy_api_client import Graph, create_client

with Graph() as g:
    image = EmptyImage(width=64, height=64, batch_size=1, color=0x336699)
    SaveImage(images=ImageInvert(image=image), filename_prefix="inverted")

with create_client() as client:  # $COMFYUI_URL, else 127.0.0.1:8188
    result = client.run(g, timeout=120)
    picture = result.output_images[0].image  # a PIL image
    print(result.output_images[0].filename, picture.size, picture.getpixel((0, 0)))
