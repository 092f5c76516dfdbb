"""Code rows of a flattened table (``204 公共安全支出 161.90 45.03 …``): see ``code_rows``."""

from __future__ import annotations


def code_rows(text: str) -> list[str] | None:
    """Not yet read: None (the caller reads label-amount rows)."""
    return None
