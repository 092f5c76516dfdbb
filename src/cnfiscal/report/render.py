"""Jinja2 environment of the report: templates under ``report/templates`` (package data), autoescape on.

Templates get plain values (strings, Decimals, numbers, ``None``) and format them with the filters registered here
(``text``, ``num``, ``rate``); nothing is escaped by hand and no HTML is built in Python. ``Cell`` carries a value
with an optional tooltip and link, for the generic ``grid`` macro.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from cnfiscal import __version__
from cnfiscal.report.html import CSS, fmt_rate, plain_text
from cnfiscal.vocab.messages import DEFAULT_LANG

SEVERITY_LABELS = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
DECISION_CLASSES = {"confirmed": "dec-confirmed", "dismissed": "dec-dismissed", "pending": "dec-pending"}


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: its value, and optionally a tooltip, a link, and right alignment."""

    value: object
    title: str | None = None
    href: str | None = None
    num: bool = False


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cnfiscal.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "htm", "j2"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["text"] = plain_text
    env.filters["rate"] = fmt_rate
    env.globals.update(
        Cell=Cell,
        css=Markup(CSS),
        version=__version__,
        severity_labels=SEVERITY_LABELS,
        decision_classes=DECISION_CLASSES,
        is_cell=lambda v: isinstance(v, Cell),
    )
    return env


def render_page(template: str, path: Path, **context: Any) -> Path:
    """Render ``template`` with the page shell's context (title, home link, language, time stamp) to ``path``."""
    context.setdefault("home", None)
    context.setdefault("lang", DEFAULT_LANG)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    html = environment().get_template(template).render(stamp=stamp, **context)
    path.write_text(html, encoding="utf-8")
    return path
