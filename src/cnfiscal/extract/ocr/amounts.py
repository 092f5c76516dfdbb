"""Amounts read by OCR: join the spaces the recogniser puts inside numbers, and distrust malformed ones.

A printed amount has a fixed shape — digits, thousands groups of three, one decimal point, a unit — so
a reading that breaks the shape (``6860000:00``, ``5,993,30``, ``0.``, ``O.``) is known to be wrong
even when the recogniser is sure of it. Such a line is read a second time from a cleaner crop
(``reread_crop``: the specks beside the ink whitened, a little white above and below, stretched
sideways — which turned ``5,993,30`` into ``5,993,300`` on a fixture). An amount read with low
confidence (a lone ``0`` often is: digit or letter?) is read again the same way. A well-formed second
reading wins; otherwise the known misreadings are repaired (``repair_number``: ``6860000:00``, ``0.``,
``O``). Two readings that agree settle the doubt; anything else keeps a confidence below the
low-confidence bound, so it is a warning, never silently trusted.
"""

from __future__ import annotations

import cv2
import numpy as np
import regex

from cnfiscal.numbers.parse import UNSIGNED_NUMBER_SRC
from cnfiscal.vocab.operators import OPERATOR_SYMBOLS
from cnfiscal.vocab.units import MONEY_SCALE_WORDS, MONEY_UNITS

LOW_NUMBER_CONFIDENCE = 0.80  # an amount read less surely than this is read again, and if still so, a warning
REPAIRED_CONFIDENCE = 0.79  # below LOW_NUMBER_CONFIDENCE and validate's LOW_CONFIDENCE
REREAD_PAD = 0.15  # white added above and below a re-read crop, as a share of its height
REREAD_STRETCH = 1.3  # and its width stretched: more recogniser steps per digit (a repeated digit needs two)
SPECK_SHARE = 0.12  # a dark blob smaller than this share of the crop height, squared, is a speck

_NUM_SPACE = regex.compile(r"(?<=\d)\s+(?=[\d.,，．])|(?<=\d[.,，．])\s+(?=\d)|(?<=\d)\s+(?=%)")
_COLON_IN_AMOUNT = regex.compile(rf"(?<=\d)[:：](?=\d+(?:{'|'.join([*MONEY_UNITS, '%', '％'])})$)")  # 577:4万元
_OP = "[" + regex.escape("".join(s for s in OPERATOR_SYMBOLS if len(s) == 1)) + "]?"
_UNIT = "(?:" + "|".join(sorted([*MONEY_SCALE_WORDS, "%", "％"], key=len, reverse=True)) + ")?"
# digits with what OCR confuses into or between them; at least one real digit
_SPECK_MARKS = "'‘’`"  # what a speck beside a number is read as, besides a dot or comma
_AMOUNT_LIKE = regex.compile(rf"^{_OP}[-−]?(?=[^.,，:：{_SPECK_MARKS}]*[\dOo])[\dOo.,，:：{_SPECK_MARKS}]+{_UNIT}$")
_COLON_CENTS = regex.compile(r"(?<=\d)[:：](?=\d{2}$)")
_TRAILING_MARK = regex.compile(rf"(?<=\d)[.,，{_SPECK_MARKS}]$|^[{_SPECK_MARKS}](?=\d)")
_WELL_FORMED = regex.compile(
    rf"^{_OP}[-−]?(?:{UNSIGNED_NUMBER_SRC}){_UNIT}$|^\d{{4}}\.\d{{1,2}}\.\d{{1,2}}$"
)  # or a date


def join_number_spaces(text: str) -> str:
    return _NUM_SPACE.sub("", text).strip()


def looks_like_amount(text: str) -> bool:
    """An amount, a percentage or a date as OCR may give it: digits with what it confuses into or
    between them (``O``, ``:``, a speck read as a quote), an operator in front, a unit behind."""
    return bool(_AMOUNT_LIKE.match(text))


def doubtful_amount(text: str, confidence: float = 1.0) -> bool:
    """Looks like an amount but is not one as printed (a colon, a stray dot, a letter O, a short group),
    or is one read with low confidence."""
    if not looks_like_amount(text):
        return False
    return not _WELL_FORMED.match(text) or confidence < LOW_NUMBER_CONFIDENCE


def repair_number(text: str, confidence: float) -> tuple[str, float]:
    """Undo the misreadings of amounts the recogniser makes on scans, and mark the value as doubtful:
    ``577:4万元`` / ``6860000:00`` (a decimal point read as a colon) → ``577.4万元`` / ``6860000.00``;
    ``O``/``o`` among the digits → ``0``; a dot, comma or quote mark after the last digit (a speck) dropped.
    The confidence is capped below the low-confidence bound, so the value is a warning, never silently trusted."""
    fixed = _COLON_IN_AMOUNT.sub(".", text)
    if looks_like_amount(fixed):
        fixed = _TRAILING_MARK.sub("", _COLON_CENTS.sub(".", fixed.replace("O", "0").replace("o", "0")))
    if fixed == text:
        return text, confidence
    return fixed, min(confidence, REPAIRED_CONFIDENCE)


def reread_crop(crop: np.ndarray, ink_threshold: int = 128) -> np.ndarray:
    """The crop with the specks left and right of its glyphs whitened, white added above and below, and
    stretched sideways.

    Glyphs: dark connected components of at least ``SPECK_SHARE`` of the crop height squared (a minus
    sign or a decimal point is one; a JPEG speck or a stamp's dot beside a number is not)."""
    img = crop.copy()
    gray = img if img.ndim == 2 else img.min(axis=2)
    dark = (gray < ink_threshold).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    glyphs = stats[1:][stats[1:, cv2.CC_STAT_AREA] >= (SPECK_SHARE * img.shape[0]) ** 2]
    if len(glyphs):
        x0 = int(glyphs[:, cv2.CC_STAT_LEFT].min())
        x1 = int((glyphs[:, cv2.CC_STAT_LEFT] + glyphs[:, cv2.CC_STAT_WIDTH]).max())
        img[:, : max(0, x0 - 1)] = 255
        img[:, x1 + 1 :] = 255
    pad = max(1, int(REREAD_PAD * img.shape[0]))
    img = cv2.copyMakeBorder(img, pad, pad, 0, 0, cv2.BORDER_CONSTANT, value=255)
    return cv2.resize(img, (round(img.shape[1] * REREAD_STRETCH), img.shape[0]), interpolation=cv2.INTER_CUBIC)


def settle(first: str, first_conf: float, second: str | None, second_conf: float) -> tuple[str, float]:
    """The reading to keep for a line whose first reading was a doubtful amount (``second``: the re-read,
    None when there is none). Two readings that agree — the same, or the same once ``O``→``0`` and the other
    known confusions are repaired — are as sure as the surer one; a second reading that differs is a doubt."""
    second = join_number_spaces(second) if second is not None else None
    if second is not None and _WELL_FORMED.match(second):
        if second in (first, repair_number(first, first_conf)[0]):  # two views agree (up to a known confusion)
            return second, max(first_conf, second_conf)
        return second, min(first_conf, second_conf, REPAIRED_CONFIDENCE)
    text, conf = repair_number(first, first_conf)
    return text, min(conf, REPAIRED_CONFIDENCE)  # still not an amount as printed: nothing to trust
