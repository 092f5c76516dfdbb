"""A small exception hierarchy; the CLI maps it to exit codes (see docs/errors.md).

Library code raises these (wrapping third-party errors with ``raise ... from e``);
page-level trouble inside a document is recorded on the record, not raised.
"""

from __future__ import annotations


class CnfiscalError(Exception):
    """Base of every error cnfiscal raises on purpose."""

    stage = "pipeline"


class InputError(CnfiscalError):
    """The input cannot be read at all: missing, empty, not a PDF/text, encrypted, damaged."""

    stage = "input"


class EncryptedPDFError(InputError):
    """The PDF needs a password."""


class ExtractionError(CnfiscalError):
    """Reading pages, words, grids or OCR failed for the whole document."""

    stage = "extract"


class OCRError(ExtractionError):
    """The OCR engine failed or is missing."""


class OCRUnavailable(OCRError):
    """A package the OCR needs cannot be imported: the document fails with what to install (not per page)."""


class NormalizationError(CnfiscalError):
    """A raw value could not be turned into a typed one (used inside stages; usually recorded as a warning)."""

    stage = "normalize"


class ValidationStageError(CnfiscalError):
    """The validate stage itself failed (a bug), not a finding."""

    stage = "validate"


class CorpusError(CnfiscalError):
    """Database or ingest trouble."""

    stage = "corpus"


class WorkerTimeout(CorpusError):
    """A document exceeded its time limit in a worker."""


class WorkerCrashed(CorpusError):
    """A worker process died (crash, memory limit) while processing a document."""


class SourceError(CorpusError):
    """A ``watch`` SOURCE (URL or sources file) is unusable: a usage error (exit status 2)."""


class FetchError(CorpusError):
    """A URL could not be fetched (HTTP status, timeout, redirect loop, size, wrong content); recorded, not fatal."""

    stage = "fetch"
