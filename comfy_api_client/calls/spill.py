"""Where a downloaded output's bytes go: memory up to ``output_memory_limit``, then a
temporary file, so that no output (a video of any size) is held in memory whole."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from ..core.results import OutputFile
from ..errors import ResponseTooLargeError


class OutputSink:
    """Takes an output's bytes as they arrive; :meth:`into` hands them to the ``OutputFile``."""

    def __init__(self, limit: int, filename: str, spill: bool = True) -> None:
        self._limit = limit
        self._spill = spill
        self._filename = filename
        self._suffix = Path(filename).suffix[:16]
        self._chunks: list[bytes] = []
        self._size = 0
        self._file: BinaryIO | None = None
        self._path: Path | None = None

    @property
    def spilled(self) -> bool:
        return self._file is not None

    def write(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._file is None and self._size > self._limit:
            if not self._spill:
                self._chunks.clear()
                raise ResponseTooLargeError("GET", f"/view {self._filename}", self._limit)
            fd, name = tempfile.mkstemp(prefix="comfy-output-", suffix=self._suffix)
            self._path = Path(name)
            self._file = os.fdopen(fd, "wb")
            for kept in self._chunks:
                self._file.write(kept)
            self._chunks.clear()
        if self._file is not None:
            self._file.write(chunk)
        else:
            self._chunks.append(chunk)

    def into(self, file: OutputFile) -> None:
        """Give ``file`` the bytes: in memory, or the temporary file (``local_path``)."""
        if self._file is None:
            file.data = b"".join(self._chunks)
            self._chunks.clear()
            return
        self._file.close()
        assert self._path is not None
        file.keep_file(self._path)
        self._file = self._path = None

    def take(self) -> bytes:
        """The bytes kept in memory (a sink that does not spill)."""
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data

    def reset(self) -> None:
        """Start again (a download tried once more)."""
        self.discard()
        self._size = 0

    def discard(self) -> None:
        """Drop what arrived (a failed or abandoned download)."""
        self._chunks.clear()
        if self._file is not None:
            self._file.close()
        if self._path is not None:
            with contextlib.suppress(OSError):
                self._path.unlink()
        self._file = self._path = None
