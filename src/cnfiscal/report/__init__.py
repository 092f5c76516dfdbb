"""The audit report: ``cnfiscal report``.

``data`` gathers the corpus tables as DataFrames (from a DuckDB file or from records, one code path);
``charts`` draws the overview charts (matplotlib, CJK font from ``fonts``); ``overview`` and ``pages`` write
``index.html`` and one page per document (``stdtables`` for 决算/预算 tables, ``evidence`` for pictures of the
source PDF); ``xlsx`` writes the auditor's workbook; ``build`` puts them together.
"""
