"""Amounts read by OCR: which readings are doubted, what a second reading settles, what the cleaner crop is."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from cnfiscal.extract.ocr.amounts import REPAIRED_CONFIDENCE, doubtful_amount, reread_crop, settle


@pytest.mark.parametrize(
    "text",
    ["6860000:00", "5,993,30", "0.", "O.", "02.", "1.503.52", "577:4万元", "o", "12,34", "01'"],
)
def test_readings_that_are_not_amounts_as_printed_are_doubted(text: str) -> None:
    assert doubtful_amount(text)


@pytest.mark.parametrize(
    "text",
    ["5,993,300", "6860000.00", "0", "-12.5", "≥15亿", "98.78%", "1268万元", "2022.7.21", "10:30前", "2021年", "OK"],
)
def test_amounts_dates_and_words_are_not_doubted(text: str) -> None:
    assert not doubtful_amount(text)
    # read unsurely, an amount or date is doubted (read again), a word never is
    assert doubtful_amount(text, 0.6) is (text not in ("10:30前", "2021年", "OK"))


def test_a_well_formed_second_reading_wins_but_stays_doubtful() -> None:
    assert settle("5,993,30", 0.90, "5,993, 300", 0.91) == ("5,993,300", REPAIRED_CONFIDENCE)
    # two views that agree are as sure as the surer: the same reading twice, or O read again as 0
    assert settle("2022.7.21", 0.95, "2022.7.21", 0.96) == ("2022.7.21", 0.96)
    assert settle("0", 0.55, "0", 0.91) == ("0", 0.91)
    assert settle("O.", 0.52, "0", 0.81) == ("0", 0.81)


def test_without_a_good_second_reading_the_first_is_repaired_and_capped() -> None:
    assert settle("0:00", 0.93, "0:00", 0.88) == ("0.00", REPAIRED_CONFIDENCE)
    assert settle("0.", 0.70, "0.", 0.75) == ("0", 0.70)
    assert settle("5,993,30", 0.97, None, 0.0) == ("5,993,30", REPAIRED_CONFIDENCE)  # wrong, and said to be doubtful


def test_the_cleaner_crop_drops_specks_beside_the_number_but_keeps_its_signs() -> None:
    crop = np.full((36, 140), 255, np.uint8)
    cv2.putText(crop, "-12.5", (14, 28), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 0, 2)
    crop[30:32, 130:132] = 40  # a JPEG speck to the right
    crop[4:6, 2:4] = 40  # and one to the left
    clean = cv2.resize(reread_crop(crop), (140, 36 + 2 * 5), interpolation=cv2.INTER_AREA)  # unstretched
    assert reread_crop(crop).shape == (36 + 2 * 5, 182)  # white added above and below, 1.3 × as wide
    body = clean[5:-5]
    assert body[30:32, 130:132].min() == 255 and body[4:6, 2:4].min() == 255
    ink_cols = np.flatnonzero((crop < 128).any(axis=0) & (np.arange(140) > 8) & (np.arange(140) < 125))
    assert ((body[:, ink_cols] < 128) == (crop[:, ink_cols] < 128)).mean() > 0.97  # minus sign, digits, point kept
