"""Options in one model, built by the CLI (or the Python API), validated once."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Options(BaseModel):
    """How one document is processed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ocr: Literal["auto", "always", "never"] = "auto"
    ocr_dpi: int = Field(default=200, ge=72, le=600)
    ocr_workers: int | None = Field(default=None, ge=1, description="OCR processes (None: 2 on ≥2 cores, 1 in workers)")
    max_pages: int = Field(default=1000, ge=1, description="pages beyond this are not read (a warning says so)")
    max_bytes: int = Field(default=512 * 1024 * 1024, ge=1)
    validate_records: bool = True
