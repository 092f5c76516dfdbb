"""Fetched bodies kept content-addressed on disk: ``ROOT/ab/abcdef….pdf`` (the sha256 of the bytes).

A body is streamed to a temporary file while being hashed and renamed into place when complete, so an interrupted
run never leaves a partial blob under a hash name, and storing the same content twice is harmless.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cnfiscal.errors import FetchError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Blob:
    sha256: str
    size: int
    path: Path
    head: bytes  # the first kilobytes, for judging the type


class TooLarge(FetchError):
    """A body beyond the size limit."""


@dataclass(frozen=True, slots=True)
class BlobStore:
    root: Path

    def clean_partial(self) -> None:
        """Remove the temporary files an interrupted run left (only one run writes a database at a time)."""
        tmp_dir = self.root / ".tmp"
        if tmp_dir.is_dir():
            for leftover in tmp_dir.iterdir():
                leftover.unlink(missing_ok=True)

    def path(self, sha256: str, suffix: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}{suffix}"

    def write(self, chunks: Iterable[bytes], suffix: str, limit: int) -> Blob:
        """Store a stream of bytes; raise ``TooLarge`` past ``limit`` bytes (nothing is kept then)."""
        tmp_dir = self.root / ".tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=tmp_dir, suffix=suffix)
        try:
            sha, size, head = _copy(chunks, fd, limit)
            final = self.path(sha, suffix)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, final)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return Blob(sha, size, final, head)


def _copy(chunks: Iterable[bytes], fd: int, limit: int) -> tuple[str, int, bytes]:
    h, size, head = hashlib.sha256(), 0, b""
    with os.fdopen(fd, "wb") as f:
        for chunk in chunks:
            size += len(chunk)
            if limit and size > limit:
                raise TooLarge(f"文件过大（超过 {limit} 字节）file larger than the limit of {limit} bytes")
            if len(head) < 4096:
                head += chunk[: 4096 - len(head)]
            h.update(chunk)
            f.write(chunk)
    return h.hexdigest(), size, head
