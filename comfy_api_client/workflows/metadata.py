"""Text metadata of images saved by ComfyUI, read without Pillow.

PNG: ``tEXt``/``iTXt``/``zTXt`` chunks (``prompt`` and ``workflow`` hold JSON). WebP: the EXIF
chunk, where ComfyUI writes ``"prompt:<json>"`` in tag 0x0110 and ``"workflow:<json>"`` (and any
other ``extra_pnginfo`` key) counting down from tag 0x010F.
"""

from __future__ import annotations

import struct
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_MAX_TEXT = 64 * 1024 * 1024


def read_image_metadata(data: bytes) -> dict[str, str] | None:
    """``key -> text`` from a PNG or WebP file, or None when ``data`` is neither."""
    if data.startswith(PNG_SIGNATURE):
        return _png_texts(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_texts(data)
    return None


def _png_texts(data: bytes) -> dict[str, str]:
    texts: dict[str, str] = {}
    pos = len(PNG_SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IEND":
            break
        try:
            if kind == b"tEXt":
                key, _, value = body.partition(b"\0")
                texts[key.decode("latin-1")] = value.decode("latin-1")
            elif kind == b"zTXt":
                key, _, rest = body.partition(b"\0")
                texts[key.decode("latin-1")] = _inflate(rest[1:]).decode("latin-1")
            elif kind == b"iTXt":
                key, _, rest = body.partition(b"\0")
                compressed, _method = rest[0], rest[1]
                _lang, _, rest = rest[2:].partition(b"\0")
                _translated, _, value = rest.partition(b"\0")
                raw = _inflate(value) if compressed else value
                texts[key.decode("latin-1")] = raw.decode("utf-8")
        except (IndexError, ValueError, zlib.error):
            continue  # a damaged chunk: keep what can be read
    return texts


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, _MAX_TEXT)
    if inflater.unconsumed_tail:
        raise ValueError("compressed text too large")
    return out


def _webp_texts(data: bytes) -> dict[str, str]:
    pos = 12
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        (length,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 8 + length + (length & 1)
        if kind == b"EXIF":
            return _exif_texts(body)
    return {}


def _exif_texts(exif: bytes) -> dict[str, str]:
    """ASCII entries of IFD0 written as ``"key:value"`` (ComfyUI's WebP convention)."""
    if exif.startswith(b"Exif\0\0"):
        exif = exif[6:]
    if exif[:2] == b"II":
        order = "<"
    elif exif[:2] == b"MM":
        order = ">"
    else:
        return {}
    texts: dict[str, str] = {}
    try:
        (ifd,) = struct.unpack(order + "I", exif[4:8])
        (count,) = struct.unpack(order + "H", exif[ifd : ifd + 2])
        for i in range(count):
            entry = exif[ifd + 2 + 12 * i : ifd + 14 + 12 * i]
            _tag, kind, n, offset = struct.unpack(order + "HHII", entry)
            if kind not in (2, 7):  # ASCII or UNDEFINED
                continue
            raw = entry[8 : 8 + n] if n <= 4 else exif[offset : offset + n]
            text = raw.rstrip(b"\0").decode("utf-8", "replace")
            key, sep, value = text.partition(":")
            if sep and key and " " not in key:
                texts[key] = value
    except (struct.error, IndexError):
        pass
    return texts
