"""Find the input files under the given folders and files, once each, in a stable order; hash them.

Folders are walked recursively for PDF, text, Excel, Word and web files (``SUFFIXES``; hidden entries skipped); a
file named on the command line is taken whatever its name. Symlinked folders are followed, but a folder already
visited (a symlink loop, or two links to one folder) is not walked again. A file that cannot be opened (a dangling or
looping symlink, no permission, gone) is returned as an unreadable entry with its reason, so the batch records it
instead of stopping.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

# PDFs, text, and the forms offices attach or post: workbooks, Word files, saved pages (old .doc/.wps/.et too: their
# record says what to convert them to).
SUFFIXES = frozenset(
    {".pdf", ".txt", ".text", ".xlsx", ".xls", ".docx", ".html", ".htm", ".shtml", ".doc", ".wps", ".et"}
)
CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Found:
    """A file to ingest; ``sha256`` is None (and ``reason`` says why) when it could not be read."""

    path: str
    sha256: str | None = None
    size: int | None = None
    reason: str | None = None


@dataclass(slots=True)
class Walk:
    files: list[str] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)  # loops, missing arguments: reported, not documents


def walk(paths: Iterable[Path | str]) -> Walk:
    """Every candidate file under ``paths`` (absolute, unresolved paths), each once, sorted per folder."""
    out = Walk()
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    for arg in paths:
        p = Path(os.path.abspath(arg))
        if p.is_dir():
            _walk_dir(p, out, seen_dirs, seen_files)
        elif p.exists() or p.is_symlink():
            _add_file(p, out, seen_files)
        else:
            out.issues.append(f"{p}: no such file or folder")
            log.warning("%s: no such file or folder", p)
    return out


def _walk_dir(top: Path, out: Walk, seen_dirs: set[str], seen_files: set[str]) -> None:
    stack = [top]
    while stack:
        d = stack.pop()
        real = os.path.realpath(d)
        if real in seen_dirs:
            out.issues.append(f"{d}: folder already visited (symlink loop?), not walked again")
            log.warning("%s: folder already visited (symlink loop?), not walked again", d)
            continue
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as e:
            out.issues.append(f"{d}: cannot list folder: {e.strerror or e}")
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if _is_dir(entry):
                subdirs.append(path)
            elif path.suffix.lower() in SUFFIXES:
                _add_file(path, out, seen_files)
        stack.extend(reversed(subdirs))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:  # a symlink loop raises ELOOP here on some systems
        return False


def _add_file(path: Path, out: Walk, seen_files: set[str]) -> None:
    key = str(path)
    if key not in seen_files:
        seen_files.add(key)
        out.files.append(key)


def hash_file(path: str) -> Found:
    """sha256 and size of ``path``, or the reason it cannot be read."""
    h = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                h.update(chunk)
                size += len(chunk)
    except OSError as e:
        reason = _reason(path, e)
        log.warning("%s: %s", path, reason)
        return Found(path, reason=reason)
    return Found(path, h.hexdigest(), size)


def _reason(path: str, e: OSError) -> str:
    if os.path.islink(path) and not os.path.exists(path):
        return f"cannot read: dangling or looping symlink ({e.strerror or e})"
    if isinstance(e, IsADirectoryError):
        return "cannot read: is a directory"
    return f"cannot read: {e.strerror or e}"
