"""Open an input file: decide its kind by content (not by name), hash it, and refuse what cannot be read."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
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
    kind: str  # "pdf" | "text" | "html" | "xlsx" | "xls" | "docx" | "legacy" (see ``sniff_kind``)


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
    """``pdf`` | ``xlsx`` | ``docx`` | ``xls`` | ``legacy`` (.doc/.wps/.et) | ``html`` | ``text``, by content."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if path.suffix.lower() == ".pdf" and (looks_like_html(data[:4096]) or describe_magic(head) != "unknown"):
        # a server's error page or an image saved under a .pdf name: not the document that was meant
        what = "HTML" if looks_like_html(data[:4096]) else f"binary content: {describe_magic(head)}"
        raise InputError(f"文件名为 .pdf，内容不是 PDF (not a PDF or text file ({what}))")
    if head.startswith(b"PK\x03\x04"):
        return office_zip_kind(data)
    if head.startswith(OLE2):
        return ole2_kind(data)
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8")):
        raise InputError(f"不支持的文件类型 (not a supported file: binary content: {describe_magic(head)})")
    if looks_like_html(data[:4096]):
        return "html"
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("不支持的文件类型 (not a supported file: binary content)")
    return "text"


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body|table)\b", re.I | re.S
)


def looks_like_html(head: bytes) -> bool:
    """A saved web page: it starts with an HTML tag (after an optional BOM, XML declaration or comments)."""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom) :].replace(b"\x00", b"") if bom != b"\xef\xbb\xbf" else head[len(bom) :]
    return _HTML_START.match(head) is not None


def office_zip_kind(data: bytes) -> str:
    """A zip: an Office Open XML workbook (``xl/``) or Word document (``word/``)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError) as e:
        raise InputError(f"损坏的 zip/Office 文件 (damaged zip or Office file: {e})") from e
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise InputError("zip 文件不是 .docx 或 .xlsx (a zip archive that is neither a .docx nor a .xlsx)")


def ole2_kind(data: bytes) -> str:
    """An OLE2 compound file: an encrypted OOXML file, an .xls (or an .et that kept its ``Workbook`` stream), or
    a Word/WPS document (.doc/.wps). Stream names are UTF-16 in the directory."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise InputError("受密码保护的 Office 文件，请先去除密码 (password-protected Office file)")
    if "WordDocument".encode("utf-16-le") in data:
        return "legacy"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    return "legacy"


def describe_magic(head: bytes) -> str:
    for magic, name in ((b"\xff\xd8\xff", "JPEG"), (b"\x89PNG", "PNG"), (b"GIF8", "GIF")):
        if head.startswith(magic):
            return name
    if head.startswith(b"PK\x03\x04"):
        return "ZIP/Office"
    if head.startswith(OLE2[:4]):
        return "OLE/Office"
    return "unknown"


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Decode a text input as UTF-8 (with or without BOM) or GB18030; return (text, encoding)."""
    for enc in TEXT_ENCODINGS:
        try:
            return data.decode(enc), enc.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    raise InputError("text is neither UTF-8 nor GB18030")
