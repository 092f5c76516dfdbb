"""Dispatch an input file to the reader for its kind; every reader returns an ExtractedDocument."""

from __future__ import annotations

from cnfiscal.extract.inputs import InputFile
from cnfiscal.extract.layout import ExtractedDocument
from cnfiscal.options import Options


def read_document(inp: InputFile, options: Options) -> ExtractedDocument:
    if inp.kind == "pdf":
        from cnfiscal.extract.backends.pdf import read_pdf

        return read_pdf(inp, options)
    from cnfiscal.extract.backends.text import read_text

    return read_text(inp)
