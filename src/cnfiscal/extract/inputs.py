"""Open an input file: decide its kind by content (not by name), hash it, and refuse what cannot be read."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from cnfiscal.errors import InputError
from cnfiscal.options import Options

log = logging.getLogger(__name__)

TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    data: bytes
    sha256: str
    kind: str  # "pdf" | "text"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_input(path: Path, options: Options) -> InputFile:
    """Read ``path`` once and classify it; raise ``InputError`` with a one-line reason if unusable."""
    try:
        if path.is_dir():
            raise InputError("is a directory")
        size = path.stat().st_size
        if size > options.max_bytes:
            raise InputError(f"file too large ({size} bytes > {options.max_bytes})")
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}") from e
    if not data.strip():
        raise InputError("empty file")
    return InputFile(path, data, sha256_bytes(data), sniff_kind(path, data))


def sniff_kind(path: Path, data: bytes) -> str:
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise InputError(f"not a PDF or text file (binary content: {describe_magic(head)})")
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        raise InputError("not a PDF or text file (HTML)")
    if b"\x00" in data[:65536]:
        raise InputError("not a PDF or text file (binary content)")
    return "text"


def describe_magic(head: bytes) -> str:
    for magic, name in (
        (b"\xff\xd8\xff", "JPEG"),
        (b"\x89PNG", "PNG"),
        (b"GIF8", "GIF"),
        (b"PK\x03\x04", "ZIP/Office"),
        (b"\xd0\xcf\x11\xe0", "OLE/Office"),
    ):
        if head.startswith(magic):
            return name
    return "unknown"


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Decode a text input as UTF-8 (with or without BOM) or GB18030; return (text, encoding)."""
    for enc in TEXT_ENCODINGS:
        try:
            return data.decode(enc), enc.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    raise InputError("text is neither UTF-8 nor GB18030")
