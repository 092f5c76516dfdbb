"""Before recognition: red seal suppression by colour, deskew from the ruling lines, ink masks.

The seal is removed by colour (HSV): where the page is red, the grey image takes the red channel,
in which red ink is as light as paper while black text under the seal stays dark. Deskew measures
the angle of the long horizontal strokes (table rulings, underlines) and rotates them level.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

RED_HUE_LOW = 12  # hue (OpenCV 0–180) at or below this, or at/above RED_HUE_HIGH, is red
RED_HUE_HIGH = 160
RED_MIN_SAT = 60
RED_MIN_VAL = 70
SEAL_STRETCH = 0.95  # under the seal, red-channel levels ≥ 95 % of the seal's own level become white
MAX_SKEW_DEG = 5.0
TEXT_SKEW_MIN_INK = 0.002  # share of ink (quarter-size image) below which a page's text angle is not measured
MIN_CONTRAST = 40  # grey levels between the darkest and the lightest spots of a page with any ink
BLANK_INK = 0.0015  # share of ink pixels below which a page is blank
PHOTO_MIDTONES = 0.35  # share of mid-grey pixels above which a page looks like a photo


@dataclass(frozen=True, slots=True)
class Prepared:
    gray: np.ndarray  # deskewed, seal suppressed, uint8
    ink: np.ndarray  # binary ink mask of ``gray`` (255 = ink)
    skew_deg: float  # the rotation that was undone
    seal_share: float  # share of pixels recognised as red ink
    midtones: float


def red_mask(bgr: np.ndarray) -> np.ndarray:
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    h, s, v = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    red = ((h <= RED_HUE_LOW) | (h >= RED_HUE_HIGH)) & (s >= RED_MIN_SAT) & (v >= RED_MIN_VAL)
    return red.astype(np.uint8) * 255


def suppress_red(bgr: np.ndarray) -> tuple[np.ndarray, float]:
    """Grey image with red ink turned to paper; returns it and the share of red pixels.

    Inside the (slightly dilated) red mask the grey image takes the red channel, in which red ink is
    light and black strokes under the seal stay dark; it is then stretched so that the seal's own level
    becomes white (otherwise a pale ghost of the seal is read as characters). Luminance cannot do
    this: thin strokes and red ink have about the same luminance.
    """
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    mask = red_mask(bgr)
    share = float(np.count_nonzero(mask)) / mask.size
    if share > 0:
        red = bgr[:, :, 2]
        seal_level = float(np.median(red[mask > 0]))
        wide = cv2.dilate(mask, np.ones((3, 3), np.uint8)) > 0
        stretch = 255.0 / max(80.0, SEAL_STRETCH * seal_level)
        gray[wide] = np.clip(red[wide].astype(np.float32) * stretch, 0, 255).astype(np.uint8)
    return gray, share


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink = 255. Otsu on a lightly blurred image (scanner grain and JPEG noise); nothing on a page
    without contrast (Otsu would split plain paper into "ink" and paper)."""
    blur = cv2.GaussianBlur(gray, (3, 3), 0)
    lo, hi = _levels(cv2.blur(blur, (5, 5)), (0.0001, 0.9999))
    if hi - lo < MIN_CONTRAST:
        return np.zeros_like(gray)
    _, ink = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _levels(gray: np.ndarray, shares: tuple[float, float]) -> tuple[int, int]:
    """The grey levels below which these shares of the pixels lie (percentiles from a histogram: a
    uint8 image has 256 levels, so this is exact to the level and ~10× faster than sorting)."""
    cum = np.cumsum(cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel())
    lo, hi = (int(np.searchsorted(cum, share * cum[-1], side="right")) for share in shares)
    return lo, hi


def measure_skew(ink: np.ndarray) -> float:
    """Angle (degrees) of the page: from its rulings when it has some, else from its lines of text."""
    found = rulings_skew(ink)
    return found if found is not None else text_skew(ink)


def text_skew(ink: np.ndarray) -> float:
    """Angle (degrees) at which the rows of ink are sharpest: turned by it, lines of text fall into whole
    pixel rows and the row profile has the most contrast. Searched on a quarter-size image, every 0.25°
    and then every 0.05° around the best; 0 on a page with too little ink to tell."""
    small = cv2.resize(ink, (ink.shape[1] // 4, ink.shape[0] // 4), interpolation=cv2.INTER_AREA)
    if np.count_nonzero(small) < TEXT_SKEW_MIN_INK * small.size:
        return 0.0
    coarse = _sharpest(small, np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 0.01, 0.25))
    return round(_sharpest(small, np.arange(coarse - 0.2, coarse + 0.21, 0.05)), 2) + 0.0  # never -0.0


def _sharpest(img: np.ndarray, angles: np.ndarray) -> float:
    h, w = img.shape
    scores = []
    for angle in angles:
        m = cv2.getRotationMatrix2D((w / 2, h / 2), float(angle), 1.0)
        rows = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR).sum(axis=1, dtype=np.float64)
        scores.append(float(np.square(np.diff(rows)).sum()))
    return float(angles[int(np.argmax(scores))])


def rulings_skew(ink: np.ndarray) -> float | None:
    """Angle (degrees) of the long horizontal strokes (rulings), length-weighted median; None when none."""
    w = ink.shape[1]
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 40), 1)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(horiz, connectivity=8)
    angles, weights = [], []
    for i in range(1, n):
        x, y, bw, bh = stats[i, :4]
        if bw < w // 6:
            continue
        ys, xs = np.nonzero(labels[y : y + bh, x : x + bw] == i)
        slope = np.polyfit(xs[::7].astype(float), ys[::7].astype(float), 1)[0]
        a = float(np.degrees(np.arctan(slope)))
        if abs(a) <= MAX_SKEW_DEG:
            angles.append(a)
            weights.append(float(bw))
    if not angles:
        return None
    order = np.argsort(angles)
    cum = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(angles)[order][np.searchsorted(cum, cum[-1] / 2)])


def rotate(img: np.ndarray, angle: float) -> np.ndarray:
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def prepare(bgr: np.ndarray) -> Prepared:
    gray, seal = suppress_red(bgr)
    ink = binarize(gray)
    skew = measure_skew(ink)
    if abs(skew) >= 0.1:
        gray = rotate(gray, skew)
        ink = binarize(gray)
    mid = float(np.count_nonzero((gray > 60) & (gray < 190))) / gray.size
    return Prepared(gray, ink, round(skew, 2), round(seal, 4), round(mid, 3))


def ink_share(ink: np.ndarray) -> float:
    return float(np.count_nonzero(ink)) / ink.size
