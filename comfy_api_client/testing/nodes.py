"""The node classes the test server executes: tiny CPU versions built on Pillow.

Their definitions (``GET /object_info``) are the real ones recorded from ComfyUI 0.3.64
(``data/object_info.json``); validation reads them too.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol

from PIL import Image, ImageFilter, ImageOps, ImageSequence
from PIL.PngImagePlugin import PngInfo

from .files import ServerFiles, inside

#: Multiply-accumulates per second of the imitated CPU: ImageBlur convolves every pixel and
#: channel with a (2r+1)^2 kernel; a 3072x3072 blur of radius 31 took ~7.5 s on the recorded
#: CPU server, so large blurs are slow here too while tiny ones stay instant.
BLUR_MACS_PER_SECOND = 1.5e10


class ImageBatch:
    """An ``IMAGE`` value: a batch of same-sized RGB images."""

    def __init__(self, images: list[Image.Image]) -> None:
        self.images = images

    @property
    def batch(self) -> int:
        return len(self.images)

    @property
    def width(self) -> int:
        return self.images[0].width if self.images else 0

    @property
    def height(self) -> int:
        return self.images[0].height if self.images else 0

    def __str__(self) -> str:
        return f"tensor(<IMAGE batch={self.batch} height={self.height} width={self.width}>)"

    __repr__ = __str__


class MaskBatch:
    """A ``MASK`` value: a batch of single-channel masks (``L`` images, 255 = masked)."""

    def __init__(self, masks: list[Image.Image]) -> None:
        self.masks = masks

    def __str__(self) -> str:
        size = self.masks[0].size if self.masks else (0, 0)
        return f"tensor(<MASK batch={len(self.masks)} height={size[1]} width={size[0]}>)"

    __repr__ = __str__


@dataclass
class NodeResult:
    """What a node returns: its output values and optional UI output."""

    outputs: tuple[Any, ...] = ()
    ui: dict[str, list[Any]] | None = None


class NodeContext(Protocol):
    """What a running node may use (provided by the executor)."""

    node_id: str
    files: ServerFiles
    state: dict[str, Any]

    def progress(self, value: int, total: int, preview: Image.Image | None = None) -> None:
        """A progress-bar update (an interrupt point), optionally with a PNG preview."""

    def progress_text(self, text: str) -> None:
        """Broadcast a binary TEXT frame for this node."""

    def sleep(self, seconds: float) -> None:
        """Spend time like a busy node (not an interrupt point)."""


@dataclass(frozen=True)
class NodeType:
    """How one node class behaves; its definition comes from the recorded ``object_info``."""

    name: str
    run: Callable[..., NodeResult]
    #: ``VALIDATE_INPUTS(files, **named constant inputs)``: True or an error string.
    validate: Callable[..., bool | str] | None = None
    validate_inputs: tuple[str, ...] = ()
    #: ``IS_CHANGED(files, **named constant inputs)``: becomes part of the cache key.
    is_changed: Callable[..., Any] | None = None
    is_changed_inputs: tuple[str, ...] = ()


# -- helpers -------------------------------------------------------------------------------


def _rgb(color: int) -> tuple[int, int, int]:
    return ((color >> 16) & 0xFF, (color >> 8) & 0xFF, color & 0xFF)


def _map_images(batch: ImageBatch, fn: Callable[[Image.Image], Image.Image]) -> ImageBatch:
    done: dict[int, Image.Image] = {}
    out = []
    for img in batch.images:  # batches from EmptyImage repeat one object: convert it once
        if id(img) not in done:
            done[id(img)] = fn(img)
        out.append(done[id(img)])
    return ImageBatch(out)


def save_image_path(
    filename_prefix: str, output_dir: str, width: int, height: int
) -> tuple[str, str, int, str]:
    """(folder, filename, first counter, subfolder) for ``prefix_00001_.png``-style names."""
    prefix = filename_prefix.replace("%width%", str(width)).replace("%height%", str(height))
    normalized = os.path.normpath(prefix)
    subfolder = os.path.dirname(normalized)
    filename = os.path.basename(normalized)
    folder = os.path.join(output_dir, subfolder)
    if not inside(output_dir, folder):
        # ComfyUI raises a plain Exception; clients see exception_type "Exception".
        raise Exception(
            "**** ERROR: Saving image outside the output folder is not allowed."
            f"\n full_output_folder: {os.path.abspath(folder)}"
            f"\n         output_dir: {output_dir}"
            f"\n         commonpath: {os.path.commonpath((output_dir, os.path.abspath(folder)))}"
        )
    counter = 1
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
        names = []
    pattern = re.compile(re.escape(filename) + r"_(\d+)_")
    numbers = [int(m.group(1)) for m in map(pattern.match, names) if m]
    if numbers:
        counter = max(numbers) + 1
    return folder, filename, counter, subfolder


def _save_batch(
    images: ImageBatch,
    filename_prefix: str,
    output_dir: str,
    kind: str,
    compress_level: int,
    prompt: Any = None,
    extra_pnginfo: Any = None,
) -> NodeResult:
    folder, filename, counter, subfolder = save_image_path(
        filename_prefix, output_dir, images.width, images.height
    )
    results = []
    for batch_number, img in enumerate(images.images):
        metadata = PngInfo()
        if prompt is not None:
            metadata.add_text("prompt", json.dumps(prompt))
        if isinstance(extra_pnginfo, dict):
            for key, value in extra_pnginfo.items():
                metadata.add_text(key, json.dumps(value))
        name = filename.replace("%batch_num%", str(batch_number))
        file = f"{name}_{counter:05}_.png"
        img.save(os.path.join(folder, file), pnginfo=metadata, compress_level=compress_level)
        results.append({"filename": file, "subfolder": subfolder, "type": kind})
        counter += 1
    return NodeResult((), {"images": results})


# -- the nodes -------------------------------------------------------------------------------


def empty_image(
    ctx: NodeContext, width: int, height: int, batch_size: int = 1, color: int = 0
) -> NodeResult:
    img = Image.new("RGB", (width, height), _rgb(color))
    return NodeResult((ImageBatch([img] * batch_size),))


def image_invert(ctx: NodeContext, image: ImageBatch) -> NodeResult:
    return NodeResult((_map_images(image, ImageOps.invert),))


def image_blur(ctx: NodeContext, image: ImageBatch, blur_radius: int, sigma: float) -> NodeResult:
    if blur_radius == 0:
        return NodeResult((image,))
    started = time.monotonic()
    out = _map_images(image, lambda img: img.filter(ImageFilter.GaussianBlur(radius=sigma)))
    cost = image.batch * image.width * image.height * 3 * (2 * blur_radius + 1) ** 2
    ctx.sleep(cost / BLUR_MACS_PER_SECOND - (time.monotonic() - started))
    return NodeResult((out,))


_RESAMPLE = {
    "nearest-exact": Image.Resampling.NEAREST,
    "bilinear": Image.Resampling.BILINEAR,
    "area": Image.Resampling.BOX,
    "bicubic": Image.Resampling.BICUBIC,
    "lanczos": Image.Resampling.LANCZOS,
}


def image_scale(
    ctx: NodeContext, image: ImageBatch, upscale_method: str, width: int, height: int, crop: str
) -> NodeResult:
    if width == 0 and height == 0:
        return NodeResult((image,))
    if width == 0:
        width = max(1, round(image.width * height / image.height))
    elif height == 0:
        height = max(1, round(image.height * width / image.width))

    def scale(img: Image.Image) -> Image.Image:
        if crop == "center":
            old_aspect, new_aspect = img.width / img.height, width / height
            x = y = 0
            if old_aspect > new_aspect:
                x = round((img.width - img.width * (new_aspect / old_aspect)) / 2)
            elif old_aspect < new_aspect:
                y = round((img.height - img.height * (old_aspect / new_aspect)) / 2)
            img = img.crop((x, y, img.width - x, img.height - y))
        return img.resize((width, height), _RESAMPLE[upscale_method])

    return NodeResult((_map_images(image, scale),))


def save_image(
    ctx: NodeContext,
    images: ImageBatch,
    filename_prefix: str = "ComfyUI",
    prompt: Any = None,
    extra_pnginfo: Any = None,
) -> NodeResult:
    return _save_batch(
        images, filename_prefix, ctx.files.output_dir, "output", 4, prompt, extra_pnginfo
    )


def preview_image(
    ctx: NodeContext, images: ImageBatch, prompt: Any = None, extra_pnginfo: Any = None
) -> NodeResult:
    suffix = ctx.state.setdefault(
        "suffix", "".join(random.choice("abcdefghijklmnopqrstupvxyz") for _ in range(5))
    )
    return _save_batch(
        images, f"ComfyUI_temp_{suffix}", ctx.files.temp_dir, "temp", 1, prompt, extra_pnginfo
    )


def save_image_websocket(ctx: NodeContext, images: ImageBatch) -> NodeResult:
    total = images.batch
    for step, img in enumerate(images.images):
        ctx.progress(step, total, img)
    return NodeResult((), {})


def preview_any(ctx: NodeContext, source: Any = None) -> NodeResult:
    value = "None"
    if isinstance(source, str):
        value = source
    elif isinstance(source, (int, float, bool)):
        value = str(source)
    elif source is not None:
        try:
            value = json.dumps(source)
        except Exception:
            value = str(source)
    return NodeResult((), {"text": [value]})


def load_image(ctx: NodeContext, image: str) -> NodeResult:
    path = ctx.files.annotated_path(image)
    images: list[Image.Image] = []
    masks: list[Image.Image] = []
    with Image.open(path) as img:
        for frame in ImageSequence.Iterator(img):
            frame = ImageOps.exif_transpose(frame) or frame
            if images and frame.size != images[0].size:
                continue
            images.append(frame.convert("RGB"))
            if "A" in frame.getbands():
                masks.append(ImageOps.invert(frame.getchannel("A")))
            else:
                masks.append(Image.new("L", (64, 64), 0))
    return NodeResult((ImageBatch(images), MaskBatch(masks)))


def load_image_changed(files: ServerFiles, image: str) -> str:
    with open(files.annotated_path(image), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def load_image_validate(files: ServerFiles, image: str) -> bool | str:
    if not files.exists_annotated(image):
        return f"Invalid image file: {image}"
    return True


def regex_replace(
    ctx: NodeContext,
    string: str,
    regex_pattern: str,
    replace: str,
    case_insensitive: bool = True,
    multiline: bool = False,
    dotall: bool = False,
    count: int = 0,
) -> NodeResult:
    flags = 0
    if case_insensitive:
        flags |= re.IGNORECASE
    if multiline:
        flags |= re.MULTILINE
    if dotall:
        flags |= re.DOTALL
    return NodeResult((re.sub(regex_pattern, replace, string, count=count, flags=flags),))


def get_image_size(ctx: NodeContext, image: ImageBatch, unique_id: str | None = None) -> NodeResult:
    width, height, batch = image.width, image.height, image.batch
    ctx.progress_text(f"width: {width}, height: {height}\n batch size: {batch}")
    return NodeResult((width, height, batch))


def _never_equal(files: ServerFiles) -> float:
    return time.time()


NODE_TYPES: dict[str, NodeType] = {
    t.name: t
    for t in (
        NodeType("EmptyImage", empty_image),
        NodeType("ImageInvert", image_invert),
        NodeType("ImageBlur", image_blur),
        NodeType("ImageScale", image_scale),
        NodeType("SaveImage", save_image),
        NodeType("PreviewImage", preview_image),
        NodeType("SaveImageWebsocket", save_image_websocket, is_changed=_never_equal),
        NodeType("PreviewAny", preview_any),
        NodeType(
            "LoadImage",
            load_image,
            validate=load_image_validate,
            validate_inputs=("image",),
            is_changed=load_image_changed,
            is_changed_inputs=("image",),
        ),
        NodeType("RegexReplace", regex_replace),
        NodeType("GetImageSize", get_image_size),
    )
}


def _load_definitions() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("data", "object_info.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


class NodeRegistry:
    """Node definitions (as ``/object_info`` shows them) and implementations."""

    def __init__(self, files: ServerFiles) -> None:
        self.files = files
        self._definitions = _load_definitions()
        missing = set(NODE_TYPES) - set(self._definitions)
        assert not missing, f"no recorded definition for {missing}"

    def names(self) -> list[str]:
        return list(self._definitions)

    def __contains__(self, name: object) -> bool:
        return name in self._definitions

    def node_type(self, name: str) -> NodeType:
        return NODE_TYPES[name]

    def definition(self, name: str) -> dict[str, Any]:
        """The ``object_info`` entry, with dynamic combo lists filled in (a fresh copy)."""
        info: dict[str, Any] = copy.deepcopy(self._definitions[name])
        if name == "LoadImage":
            info["input"]["required"]["image"][0] = self.files.input_images()
        return info

    def is_output(self, name: str) -> bool:
        return bool(self._definitions[name].get("output_node"))

    def return_types(self, name: str) -> list[Any]:
        return list(self._definitions[name]["output"])

    def hidden_inputs(self, name: str) -> dict[str, str]:
        hidden: dict[str, str] = self._definitions[name]["input"].get("hidden", {})
        return hidden
