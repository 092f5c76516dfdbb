"""Old binary Word/WPS files (.doc, .wps; an .et without an Excel stream): converted with LibreOffice when it is
installed (``soffice --headless --convert-to docx|xlsx``), else a failure naming the conversion.

The conversion path runs only where ``soffice``/``libreoffice`` is on PATH (not in the test environment:
there the failure message is what is tested).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from cnfiscal.errors import InputError
from cnfiscal.extract.inputs import InputFile, sha256_bytes
from cnfiscal.extract.layout import ExtractedDocument

log = logging.getLogger(__name__)

CONVERT_TIMEOUT = 120  # seconds
CONVERT_HINT = (
    "旧版 Office/WPS 文件（.doc/.wps/.et），请转换为 .docx/.xlsx 后再读取，或安装 LibreOffice "
    "(old binary Office/WPS file: convert to .docx/.xlsx, or install LibreOffice for automatic conversion)"
)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(inp: InputFile) -> ExtractedDocument:
    """Convert to .docx (Word/WPS text) with LibreOffice and read that; the record keeps the original's hash."""
    exe = soffice()
    if exe is None:
        raise InputError(CONVERT_HINT)
    from cnfiscal.extract.backends.docx import read_docx

    with tempfile.TemporaryDirectory(prefix="cnfiscal-convert-") as tmp:
        src = Path(tmp) / f"input{inp.path.suffix.lower() or '.doc'}"
        src.write_bytes(inp.data)
        try:
            subprocess.run(
                [exe, "--headless", "--convert-to", "docx", "--outdir", tmp, str(src)],
                check=True,
                capture_output=True,
                timeout=CONVERT_TIMEOUT,
            )
        except (subprocess.SubprocessError, OSError) as e:
            raise InputError(f"{CONVERT_HINT}; LibreOffice 转换失败 (conversion failed: {e})") from e
        out = src.with_suffix(".docx")
        if not out.exists():
            raise InputError(f"{CONVERT_HINT}; LibreOffice 未生成 .docx (conversion wrote nothing)")
        data = out.read_bytes()
    converted = read_docx(InputFile(inp.path, data, sha256_bytes(data), "docx"))
    converted.warnings.append("由 LibreOffice 从旧版文件转换而来 (converted from an old binary file by LibreOffice)")
    return replace(converted, sha256=inp.sha256)
