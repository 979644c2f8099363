"""What the MCP server may touch and show: files only under the folders the user allowed,
secrets (header values, credentials and query values of the server addresses) never shown."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from ...errors import ComfyError

REDACTED = "<redacted>"


class FolderError(ComfyError, ValueError):
    """A path a tool was given that is not inside the folder allowed for it."""

    def __init__(self, path: str, folder: str, reason: str) -> None:
        self.path = path
        self.folder = folder
        self.reason = reason
        super().__init__(f"{path!r}: {reason}")


class Folder:
    """One folder the user allowed (``--workflows DIR``...): paths are relative to it, and a
    path that leaves it (``..``, absolute, a symlink pointing out) is refused."""

    def __init__(self, kind: str, root: Path | None, option: str) -> None:
        self.kind = kind
        self.option = option
        self.root = root.resolve() if root is not None else None

    def resolve(self, path: str) -> Path:
        """The real path of ``path`` inside the folder (which must exist, as the file must)."""
        if self.root is None:
            raise FolderError(
                path,
                self.kind,
                f"no {self.kind} folder is allowed (start the server with {self.option} DIR)",
            )
        if "\x00" in path or not path.strip():
            raise FolderError(path, self.kind, "not a file name")
        given = Path(path)
        if given.is_absolute() or given.drive or ".." in given.parts:
            raise FolderError(
                path, self.kind, f"give a path relative to the {self.kind} folder, without '..'"
            )
        real = (self.root / given).resolve()
        if not real.is_relative_to(self.root):
            raise FolderError(path, self.kind, f"this path leaves the {self.kind} folder")
        if not real.is_file():
            raise FolderError(path, self.kind, f"no such file in the {self.kind} folder")
        return real

    def listing(self, suffixes: Iterable[str], limit: int = 500) -> list[str]:
        """The files under the folder with these suffixes (symlinks leaving it skipped)."""
        if self.root is None:
            return []
        wanted = {s.lower() for s in suffixes}
        found: list[str] = []
        for dirpath, _dirs, files in os.walk(self.root):
            for name in sorted(files):
                path = Path(dirpath) / name
                if path.suffix.lower() in wanted and path.resolve().is_relative_to(self.root):
                    found.append(path.relative_to(self.root).as_posix())
                    if len(found) >= limit:
                        return sorted(found)
        return sorted(found)


class Secrets:
    """Every secret the server was configured with, and a scrubber for text and JSON."""

    def __init__(self, servers: Iterable[str], headers: Mapping[str, str]) -> None:
        found = {v.strip() for v in headers.values()}
        for server in servers:
            parts = urlsplit(server if "://" in server else f"http://{server}")
            found |= {unquote(p) for p in (parts.username, parts.password) if p}
            found |= {value for _key, value in parse_qsl(parts.query)}
        for value in list(found):  # "Bearer abc": the token alone too
            found |= set(value.split()[1:])
        self._values = sorted((v for v in found if len(v) >= 4), key=len, reverse=True)
        self._pattern = (
            re.compile("|".join(re.escape(v) for v in self._values)) if self._values else None
        )

    def scrub(self, value: Any) -> Any:
        """``value`` (text, or JSON-like data) with every secret replaced."""
        if self._pattern is None:
            return value
        if isinstance(value, str):
            return self._pattern.sub(REDACTED, value)
        if isinstance(value, Mapping):
            return {self.scrub(k): self.scrub(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.scrub(v) for v in value]
        return value

    def log_filter(self) -> logging.Filter:
        """A filter that scrubs every record passing it (put on the log handlers)."""
        secrets = self

        class Scrub(logging.Filter):
            def filter(self, record: logging.LogRecord) -> bool:
                text = record.getMessage()
                clean = secrets.scrub(text)
                if clean != text:
                    record.msg, record.args = clean, ()
                return True

        return Scrub()


def install_log_filter(secrets: Secrets) -> None:
    """Scrub every record the root logger's handlers write (stdio: stderr is the log)."""
    scrub = secrets.log_filter()
    for handler in logging.getLogger().handlers:
        handler.addFilter(scrub)
