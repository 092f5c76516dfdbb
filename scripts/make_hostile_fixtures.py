"""Make the hostile-input fixtures for the corpus stage (issue 4) in a folder, with a manifest of what each one pins.

    python scripts/make_hostile_fixtures.py OUT_DIR

Made, not committed: several are large when unpacked (2,000 pages, a 256-megapixel image), and a symlink loop cannot
live in git. Each entry of ``MANIFEST`` says what ingest must record for it: ``failed`` with a reason containing the
given text, or ``ok``. The two cases that need timing (a file that vanishes / changes while being read) are made by
the tests through ``IngestConfig.on_hashed``, not here.
"""

from __future__ import annotations

import shutil
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PDF = ROOT / "samples/pdf/self_eval_seed004_dept_2023.pdf"
SAMPLE_TEXT = ROOT / "samples/text/seed004_dept_self_eval_qiannan_govservice_2023.txt"


@dataclass(frozen=True)
class Fixture:
    name: str  # path relative to the fixture folder
    expect: str  # "failed" | "ok"
    reason: str  # text the failure reason must contain ("" for ok)
    pins: str


MANIFEST = [
    Fixture("empty.pdf", "failed", "empty file", "zero-byte file"),
    Fixture("truncated.pdf", "failed", "damaged or unreadable PDF", "a PDF cut in half (no xref, no pages)"),
    Fixture("encrypted.pdf", "failed", "encrypted PDF", "AES-256 with a user password"),
    Fixture("photo.pdf", "failed", "JPEG", "a JPEG renamed .pdf"),
    Fixture("webpage.pdf", "failed", "HTML", "an HTML page renamed .pdf"),
    Fixture("pages_2000.pdf", "failed", "too many pages (2000 > limit", "a 2,000-page PDF (over the page limit)"),
    Fixture("huge_image.pdf", "failed", "Mpx", "one page holding a 16000×16000 px image (a decompression bomb)"),
    Fixture("self_loop.pdf", "failed", "symlink", "a symlink to itself"),
    Fixture("gb18030.txt", "ok", "", "a text file encoded in GB18030"),
    Fixture("报告 文件/自评 表 2023.txt", "ok", "", "a path with spaces and Chinese characters"),
    Fixture("good.pdf", "ok", "", "a normal PDF next to the hostile ones"),
]
LOOP_DIR = "loop/back"  # a folder symlink to its parent's parent: the walk must not go round it


def make_all(out: Path) -> list[Fixture]:
    """Write every fixture of ``MANIFEST`` (and the folder loop) into ``out``; return the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    pdf = SAMPLE_PDF.read_bytes()
    (out / "empty.pdf").write_bytes(b"")
    (out / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    write_encrypted(out / "encrypted.pdf")
    (out / "photo.pdf").write_bytes(jpeg_bytes())
    (out / "webpage.pdf").write_bytes(b"<!DOCTYPE html>\n<html><body><h1>404 Not Found</h1></body></html>\n")
    write_many_pages(out / "pages_2000.pdf", 2000)
    write_huge_image(out / "huge_image.pdf", 16000)
    _symlink(out / "self_loop.pdf", "self_loop.pdf")
    (out / "gb18030.txt").write_bytes(SAMPLE_TEXT.read_text(encoding="utf-8").encode("gb18030"))
    spaced = out / "报告 文件" / "自评 表 2023.txt"
    spaced.parent.mkdir(exist_ok=True)
    shutil.copyfile(SAMPLE_TEXT, spaced)
    shutil.copyfile(SAMPLE_PDF, out / "good.pdf")
    (out / "loop").mkdir(exist_ok=True)
    _symlink(out / LOOP_DIR, "..")
    return MANIFEST


def write_encrypted(path: Path) -> None:
    import pymupdf

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret")
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="user", owner_pw="owner")


def jpeg_bytes() -> bytes:
    import pymupdf

    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 64, 48), False)
    pix.clear_with(200)
    return bytes(pix.tobytes("jpeg"))


def write_many_pages(path: Path, n: int) -> None:
    """``n`` small pages sharing one content stream (written directly: fast even for thousands of pages)."""
    first = 4  # objects 1–3: catalog, page tree, shared content; pages from 4
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(n))
    content = b"BT /F1 12 Tf 20 40 Td (page) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"
    )
    objects += [page] * n
    path.write_bytes(_pdf_file(objects))


def write_huge_image(path: Path, side: int) -> None:
    """A one-page PDF whose image is ``side``×``side`` grey pixels: tiny on disk, ``side²`` bytes when decoded."""
    packer = zlib.compressobj(1)
    row_block = bytes(side * 256)
    parts = [packer.compress(row_block) for _ in range(side // 256)]
    parts.append(packer.compress(bytes(side * (side % 256))))
    parts.append(packer.flush())
    stream = b"".join(parts)
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (side, side, len(stream), stream),
    ]
    path.write_bytes(_pdf_file(objects))


def _pdf_file(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _symlink(link: Path, target: str) -> None:
    if link.is_symlink():
        link.unlink()
    link.symlink_to(target)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__ or "")
        return 2
    for fx in make_all(Path(argv[1])):
        sys.stdout.write(f"{fx.name}\t{fx.expect}\t{fx.pins}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
