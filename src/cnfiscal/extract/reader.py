"""Dispatch an input file to the reader for its kind (``inputs.sniff_kind``); every reader returns an
ExtractedDocument. Readers are imported when needed: a PDF batch never loads openpyxl or lxml."""

from __future__ import annotations

from collections.abc import Callable

from cnfiscal.extract.inputs import InputFile
from cnfiscal.extract.layout import ExtractedDocument
from cnfiscal.options import Options


def read_document(inp: InputFile, options: Options) -> ExtractedDocument:
    return READERS[inp.kind](inp, options)


def _pdf(inp: InputFile, options: Options) -> ExtractedDocument:
    from cnfiscal.extract.backends.pdf import read_pdf

    return read_pdf(inp, options)


def _text(inp: InputFile, options: Options) -> ExtractedDocument:
    from cnfiscal.extract.backends.text import read_text

    return read_text(inp)


def _xlsx(inp: InputFile, options: Options) -> ExtractedDocument:
    from cnfiscal.extract.backends.xlsx import read_xlsx

    return read_xlsx(inp)


def _xls(inp: InputFile, options: Options) -> ExtractedDocument:
    from cnfiscal.extract.backends.xls import read_xls

    return read_xls(inp)


def _docx(inp: InputFile, options: Options) -> ExtractedDocument:
    from cnfiscal.extract.backends.docx import read_docx

    return read_docx(inp)


def _html(inp: InputFile, options: Options) -> ExtractedDocument:
    from cnfiscal.extract.backends.html import read_html

    return read_html(inp)


def _legacy(inp: InputFile, options: Options) -> ExtractedDocument:
    from cnfiscal.extract.backends.legacy import read_legacy

    return read_legacy(inp)


READERS: dict[str, Callable[[InputFile, Options], ExtractedDocument]] = {
    "pdf": _pdf,
    "text": _text,
    "xlsx": _xlsx,
    "xls": _xls,
    "docx": _docx,
    "html": _html,
    "legacy": _legacy,
}
