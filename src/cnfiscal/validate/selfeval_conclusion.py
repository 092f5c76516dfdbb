"""Conclusion of a self-evaluation table: the grade fits the score band; a quoted score equals the 总分.

Default bands (the standard 自评表): 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60. When the record has no
``score_stated`` or ``grade``, they are read from the conclusion text (``自评得分88.22分，自评结论为良好``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from cnfiscal.models import Finding, SelfEval, Severity
from cnfiscal.numbers.parse import fold
from cnfiscal.validate.base import Check, finding
from cnfiscal.validate.tolerance import Tolerance, decimal_ulp, fmt
from cnfiscal.vocab.messages import msg

BANDS: tuple[tuple[Decimal, str], ...] = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))
GRADE_WORDS: dict[str, str] = {
    "优秀": "优",
    "优": "优",
    "良好": "良",
    "良": "良",
    "中等": "中",
    "中": "中",
    "合格": "中",
    "较差": "差",
    "差": "差",
    "不合格": "差",
}
_SCORE = regex.compile(r"(?:得分|得|评|为)\s*(\d+(?:\.\d+)?)\s*分")
_GRADE = regex.compile(
    r"(?:等级|结论|评价|评定)\s*(?:为|是)?\s*[:：]?\s*[\"“”']?(优秀|良好|中等|较差|不合格|合格|优|良|中|差)"
)
_ONLY_GRADE = regex.compile(r"^\s*(优秀|良好|中等|较差|优|良|中|差)\s*$")


_BAND = regex.compile(
    r"(\d+(?:\.\d+)?)\s*分?\s*(?:\(含\))?\s*(?:及?以上|[-—~至到]\s*\d+(?:\.\d+)?\s*分?(?:\(不含\))?)"
    r"\s*的?\s*(?:为|评为|定为)\s*[\"“”']?(优秀|良好|中等|合格|较差|优|良|中|差)"
)

Bands = tuple[tuple[Decimal, str], ...]


def bands_of(se: SelfEval) -> Bands:
    """The document's own bands (``90分(含)以上为优，80(含)-90分为良 …`` in its 注 or conclusion), else the default."""
    text = fold(" ".join([*se.notes, se.conclusion.text or ""]))
    found = {GRADE_WORDS[m.group(2)]: Decimal(m.group(1)) for m in _BAND.finditer(text)}
    if len(found) < 2:
        return BANDS
    return tuple(sorted(((floor, grade) for grade, floor in found.items()), reverse=True))


def band_of(score: Decimal, bands: Bands = BANDS) -> str:
    return next((grade for floor, grade in bands if score >= floor), "差")


def quoted_score(se: SelfEval) -> Decimal | None:
    if se.conclusion.score_stated is not None:
        return se.conclusion.score_stated
    m = _SCORE.search(fold(se.conclusion.text or ""))
    return Decimal(m.group(1)) if m else None


def stated_grade(se: SelfEval) -> str | None:
    if se.conclusion.grade is not None:
        return se.conclusion.grade
    text = fold(se.conclusion.text or "")
    m = _GRADE.search(text) or _ONLY_GRADE.match(text)
    return GRADE_WORDS[m.group(1)] if m else None


def grade_band(se: SelfEval, path: str) -> Iterator[Finding]:
    """selfeval.conclusion.grade_band — the grade matches the band of the table's 总分 (else the quoted score)."""
    grade = stated_grade(se)
    score = se.total.score if se.total.score is not None else quoted_score(se)
    bands = bands_of(se)
    if grade is None or score is None or band_of(score, bands) == grade:
        return
    expected = band_of(score, bands)
    shown = ", ".join(f"{g}≥{fmt(f)}" for f, g in bands)
    source = "默认等级标准" if bands == BANDS else "本文件的等级标准"
    yield finding(
        msg(
            "selfeval.conclusion.grade_band",
            grade=grade,
            score=fmt(score),
            expected=expected,
            source=source,
            bands=shown,
        ),
        "selfeval.conclusion.grade_band",
        Severity.ERROR,
        stated=grade,
        recomputed=expected,
        tolerance="band edges",
        page=se.conclusion.page or se.total.page,
        evidence=_evidence(se),
        where=f"{path}.conclusion.grade",
    )


def score_quoted(se: SelfEval, path: str) -> Iterator[Check]:
    """selfeval.conclusion.score_quoted — a score quoted in the conclusion equals the table's 总分."""
    quoted = quoted_score(se)
    if quoted is None or se.total.score is None:
        return
    yield Check(
        rule="selfeval.conclusion.score_quoted",
        message=msg("selfeval.conclusion.score_quoted", stated=fmt(quoted), total=fmt(se.total.score)),
        stated=quoted,
        recomputed=se.total.score,
        tolerance=Tolerance.single(decimal_ulp(quoted)),
        where=f"{path}.conclusion.score_stated",
        page=se.conclusion.page or se.total.page,
        evidence=_evidence(se),
    )


def _evidence(se: SelfEval) -> str:
    text = (se.conclusion.text or "").strip()
    return f"总分 {fmt(se.total.score) if se.total.score is not None else '—'}; 结论: {text[:160]}"
