"""Compiled patterns for the rules, cached: ``rx(r"本年(?:收入|支出)合计").search(name)``.

Rules match table rows against pattern strings held in tables of (pattern, kind, …) tuples; calling
``regex.search(pattern, text)`` looks the pattern up in regex's own cache on every call, which cost ~9%
of a run. ``rx`` compiles each pattern string once.
"""

from __future__ import annotations

import functools

import regex


@functools.cache
def rx(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern)
