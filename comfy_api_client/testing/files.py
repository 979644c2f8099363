"""The test server's directories (input, output, temp, user, models) in a temporary root."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from PIL import Image

#: Model folder keys as a CPU-only ComfyUI 0.3.64 lists them, with their search paths
#: relative to the ComfyUI root (first path is the primary one).
MODEL_FOLDERS: dict[str, list[str]] = {
    "checkpoints": ["models/checkpoints", "output/checkpoints"],
    "configs": ["models/configs"],
    "loras": ["models/loras", "output/loras"],
    "vae": ["models/vae", "output/vae"],
    "text_encoders": ["models/text_encoders", "models/clip", "output/clip"],
    "diffusion_models": ["models/unet", "models/diffusion_models", "output/diffusion_models"],
    "clip_vision": ["models/clip_vision"],
    "style_models": ["models/style_models"],
    "embeddings": ["models/embeddings"],
    "diffusers": ["models/diffusers"],
    "vae_approx": ["models/vae_approx"],
    "controlnet": ["models/controlnet", "models/t2i_adapter"],
    "gligen": ["models/gligen"],
    "upscale_models": ["models/upscale_models"],
    "custom_nodes": ["custom_nodes"],
    "hypernetworks": ["models/hypernetworks"],
    "photomaker": ["models/photomaker"],
    "classifiers": ["models/classifiers"],
    "model_patches": ["models/model_patches"],
    "audio_encoders": ["models/audio_encoders"],
}

MODEL_EXTENSIONS = (".ckpt", ".pt", ".pt2", ".bin", ".pth", ".safetensors", ".pkl", ".sft")
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff", ".ppm")


def inside(base: str, path: str) -> bool:
    """Whether ``path`` (made absolute) lies inside the absolute directory ``base``."""
    try:
        return os.path.commonpath((base, os.path.abspath(path))) == base
    except ValueError:
        return False


class ServerFiles:
    """Directories of one test server; created in a fresh temporary root, removed by ``cleanup``."""

    def __init__(self, root: Path | None = None) -> None:
        self._owned = root is None
        self.root = Path(tempfile.mkdtemp(prefix="comfy-test-server-")) if root is None else root
        for name in ("input", "output", "temp", "user/default", "custom_nodes"):
            (self.root / name).mkdir(parents=True, exist_ok=True)
        # A fresh ComfyUI ships input/example.png; LoadImage lists it.
        example = self.root / "input" / "example.png"
        if not example.exists():
            Image.new("RGB", (64, 64), (128, 128, 128)).save(example)

    # -- base directories ------------------------------------------------------------------

    @property
    def input_dir(self) -> str:
        return str((self.root / "input").resolve())

    @property
    def output_dir(self) -> str:
        return str((self.root / "output").resolve())

    @property
    def temp_dir(self) -> str:
        return str((self.root / "temp").resolve())

    @property
    def user_dir(self) -> str:
        return str((self.root / "user").resolve())

    def directory_by_type(self, kind: str | None) -> str | None:
        """``input`` / ``output`` / ``temp`` directory, or None for anything else."""
        return {"input": self.input_dir, "output": self.output_dir, "temp": self.temp_dir}.get(
            kind or ""
        )

    def clear_temp(self) -> None:
        """Empty the temp directory (as ComfyUI does when it starts)."""
        shutil.rmtree(self.temp_dir, ignore_errors=True)
        os.makedirs(self.temp_dir, exist_ok=True)

    def cleanup(self) -> None:
        """Delete the whole root (only if this object created it)."""
        if self._owned:
            shutil.rmtree(self.root, ignore_errors=True)

    # -- annotated names ("name.png [output]") ------------------------------------------------

    def annotated_filepath(self, name: str) -> tuple[str, str | None]:
        """Split a trailing `` [input]``/`` [output]``/`` [temp]`` annotation off ``name``."""
        for tag, base in (
            ("[output]", self.output_dir),
            ("[input]", self.input_dir),
            ("[temp]", self.temp_dir),
        ):
            if name.endswith(tag):
                return name[: -len(tag) - 1], base
        return name, None

    def annotated_path(self, name: str, default_dir: str | None = None) -> str:
        """Absolute path of an annotated file name (default directory: input)."""
        name, base = self.annotated_filepath(name)
        return os.path.join(base or default_dir or self.input_dir, name)

    def exists_annotated(self, name: str) -> bool:
        return os.path.exists(self.annotated_path(name))

    def input_images(self) -> list[str]:
        """Top-level image files of the input directory, sorted (LoadImage's list)."""
        names = []
        for entry in os.scandir(self.input_dir):
            if entry.is_file() and entry.name.lower().endswith(IMAGE_EXTENSIONS):
                names.append(entry.name)
        return sorted(names)

    # -- models ------------------------------------------------------------------------------

    def folder_paths(self) -> dict[str, list[str]]:
        """``GET /internal/folder_paths``: folder key -> absolute search paths."""
        root = str(self.root.resolve())
        return {
            key: [os.path.join(root, *rel.split("/")) for rel in rels]
            for key, rels in MODEL_FOLDERS.items()
        }

    def model_files(self, folder: str) -> list[str]:
        """Relative paths of the model files of a folder key (recursive, sorted)."""
        found: set[str] = set()
        for base in self.folder_paths().get(folder, []):
            if not os.path.isdir(base):
                continue
            for dirpath, _dirs, files in os.walk(base, followlinks=True):
                for name in files:
                    if folder in ("configs", "custom_nodes") or name.endswith(MODEL_EXTENSIONS):
                        rel = os.path.relpath(os.path.join(dirpath, name), base)
                        found.add(rel.replace(os.sep, "/"))
        return sorted(found)

    def model_path(self, folder: str, filename: str) -> str | None:
        """Full path of a model file, or None."""
        for base in self.folder_paths().get(folder, []):
            path = os.path.join(base, filename)
            if inside(base, path) and os.path.isfile(path):
                return path
        return None

    # -- user data ---------------------------------------------------------------------------

    def user_path(self, file: str | None, create_dir: bool = True) -> str | None:
        """Path inside ``user/default`` (None if it escapes); creates the parent directory."""
        user_root = os.path.join(self.user_dir, "default")
        path = user_root
        if file is not None:
            path = os.path.abspath(os.path.join(user_root, file))
            if not inside(user_root, path):
                return None
        parent = os.path.dirname(path)
        if create_dir and not os.path.exists(parent):
            os.makedirs(parent, exist_ok=True)
        return path
