"""Where output files go on disk: the one naming rule of ``save()``, ``download()``, the CLI
and Celery.

Into a folder, an output keeps the server's subfolder and file name
(``folder/subfolder/name.png``). When that file exists, a counter goes before the extension
(``name-1.png``, ``name-2.png``...): the name is claimed with ``O_EXCL``, so two clients or
processes saving into one folder never replace each other's file. ``overwrite=True`` replaces
a file of the server's name instead. An explicit file path that exists is refused unless
``overwrite=True``. Names from the server that would leave the folder (absolute paths,
``..``, drive letters, backslashes) are refused. Both refusals are ``OutputPathError``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ..errors import OutputPathError

#: Counters tried after the server's own name, at most.
MAX_COUNTER = 100_000


def folder_path(directory: str | os.PathLike[str], filename: str, subfolder: str = "") -> Path:
    """Where an output named ``filename`` in ``subfolder`` goes inside ``directory`` (before
    any counter); names that would leave it raise ``OutputPathError``."""
    shown = f"{subfolder}/{filename}" if subfolder else filename
    parts: list[str] = []
    for piece in (subfolder, filename):
        if not piece:
            continue
        pure = PurePosixPath(piece)
        if (
            pure.is_absolute()
            or "\\" in piece
            or ":" in piece
            or "\0" in piece
            or any(part in ("..", ".") for part in pure.parts)
        ):
            raise OutputPathError(shown, f"it would leave {os.fspath(directory)}")
        parts.extend(pure.parts)
    if not filename or not parts or filename.endswith("/"):
        raise OutputPathError(filename, "not a file name")
    root = Path(directory)
    target = root.joinpath(*parts)
    if not target.resolve().is_relative_to(root.resolve()):
        raise OutputPathError("/".join(parts), f"it would leave {os.fspath(directory)}")
    return target


def is_folder(dest: str | os.PathLike[str]) -> bool:
    """Whether ``dest`` names a folder: it ends with a separator or is an existing directory."""
    text = os.fspath(dest)
    seps = tuple(s for s in (os.sep, os.altsep, "/") if s)
    return text.endswith(seps) or Path(text).is_dir()


@dataclass(frozen=True, slots=True)
class Claim:
    """A path an output may be written to (``os.replace`` a finished temporary file onto it);
    ``created``: an empty placeholder was created there to reserve the name."""

    path: Path
    created: bool

    def abandon(self) -> None:
        """Writing failed: remove the placeholder (never a file that was there before)."""
        if self.created:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)


def claim(path: Path, overwrite: bool = False, counter: bool = True) -> Claim:
    """Reserve ``path`` (its folders created): with ``counter``, the first free name of
    ``name.ext``, ``name-1.ext``, ``name-2.ext``...; without, ``path`` itself, refused when it
    exists. ``overwrite``: ``path`` itself, whatever is there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if overwrite:
        if path.is_dir():
            raise OutputPathError(str(path), "a directory is there")
        return Claim(path, False)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for n in range(MAX_COUNTER):
        candidate = path if n == 0 else path.with_name(f"{path.stem}-{n}{path.suffix}")
        try:
            os.close(os.open(candidate, flags, 0o666))
        except FileExistsError:
            if not counter:
                raise OutputPathError(
                    str(path), "the file exists (overwrite=True replaces it)"
                ) from None
            continue
        return Claim(candidate, True)
    raise OutputPathError(str(path), f"{MAX_COUNTER} files of this name exist already")


def destination(
    dest: str | os.PathLike[str], filename: str, subfolder: str = "", overwrite: bool = False
) -> Claim:
    """Reserve where an output goes: inside ``dest`` when it is a folder (see
    :func:`is_folder`), under the naming rule; else the file path ``dest`` itself."""
    if is_folder(dest):
        return claim(folder_path(dest, filename, subfolder), overwrite)
    return claim(Path(dest), overwrite, counter=False)


def write_output(claimed: Claim, data: bytes | Path) -> Path:
    """Write ``data`` (bytes, or a file copied) to a claimed path whole (a temporary file
    renamed onto it)."""
    with replacing(claimed, "save") as tmp:
        if isinstance(data, Path):
            shutil.copyfile(data, tmp)
        else:
            tmp.write_bytes(data)
    return claimed.path


@contextlib.contextmanager
def replacing(claimed: Claim, kind: str) -> Iterator[Path]:
    """A temporary path beside the claimed one (``.{kind}-...``), renamed onto it when the
    block ends well; on an error the claim is given up. The temporary file never stays."""
    tmp = claimed.path.parent / f".{kind}-{uuid.uuid4().hex}"
    try:
        yield tmp
        os.replace(tmp, claimed.path)
    except BaseException:
        claimed.abandon()
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def open_new(path: Path) -> BinaryIO:
    """``path`` created for writing, failing if it exists; its mode comes from the umask
    like any new file's (unlike mkstemp's private 0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    return os.fdopen(fd, "wb")
