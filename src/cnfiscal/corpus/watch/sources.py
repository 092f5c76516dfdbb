"""What to watch: SOURCE arguments (a listing-page URL, a file URL, or a TOML file of sources) → ``WatchSource``.

A sources file (read with the standard ``tomllib``)::

    [[source]]
    url = "https://czj.example.gov.cn/zwgk/yjsgk/index.html"   # a listing page (or a file URL)
    follow = "/zwgk/yjsgk/"        # regex: which page links to follow (default: pages under the listing's folder)
    depth = 1                      # how many links deep from the listing (pagination does not count); default 1
    documents = "/art/.*\\.html$"   # regex: pages that are documents themselves (a 自评表 posted as a web page)
    office = "某某市发展和改革局"          # optional hints, kept beside what the documents themselves say
    year = 2024

A URL whose path ends in a document suffix (``.pdf .xlsx .xls .docx .doc .wps .et .txt``) is a file; any other URL
is a listing page.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cnfiscal.errors import SourceError

FILE_SUFFIXES = frozenset({".pdf", ".xlsx", ".xls", ".docx", ".doc", ".wps", ".et", ".txt"})
PAGE_SUFFIXES = frozenset({"", ".html", ".htm", ".shtml", ".jhtml", ".jsp", ".asp", ".aspx", ".php", ".do", ".action"})
DEFAULT_DEPTH = 1
MAX_DEPTH = 5


class UrlKind(StrEnum):
    PAGE = "page"
    FILE = "file"


@dataclass(frozen=True, slots=True)
class WatchSource:
    """One thing to watch: a listing page (followed ``depth`` links deep) or one file."""

    url: str
    kind: UrlKind
    follow: re.Pattern[str]
    depth: int = DEFAULT_DEPTH
    office: str | None = None
    year: int | None = None
    documents: re.Pattern[str] | None = None  # pages (any URL) that are documents to ingest, not only to follow

    @property
    def follow_text(self) -> str:
        return self.follow.pattern

    def is_document(self, url: str) -> bool:
        return self.documents is not None and self.documents.search(url) is not None


def suffix_of(url: str) -> str:
    """The lower-cased suffix of the URL's path (``.pdf``), or ``""``."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def kind_of(url: str) -> UrlKind:
    return UrlKind.FILE if suffix_of(url) in FILE_SUFFIXES else UrlKind.PAGE


def parse_sources(args: list[str]) -> list[WatchSource]:
    """Every SOURCE argument as sources; raise ``SourceError`` (a usage error) for anything unusable."""
    if not args:
        raise SourceError("没有给出来源 no SOURCE given (a URL or a .toml file)")
    out: list[WatchSource] = []
    for arg in args:
        out.extend(_from_toml(Path(arg)) if _is_toml(arg) else [make_source(arg)])
    return out


def _is_toml(arg: str) -> bool:
    return not arg.lower().startswith(("http://", "https://")) and arg.lower().endswith(".toml")


def make_source(url: str, follow: str | None = None, depth: int = DEFAULT_DEPTH, **hints: Any) -> WatchSource:
    """A source from a URL (and the optional settings of a sources file)."""
    check_url(url)
    if not 0 <= depth <= MAX_DEPTH:
        raise SourceError(f"{url}: 深度 depth 须在 0–{MAX_DEPTH} 之间 must be 0–{MAX_DEPTH}, got {depth}")
    pattern = _regex(url, "follow", follow if follow is not None else re.escape(folder_of(url)))
    documents = hints.get("documents")
    year = hints.get("year")
    if year is not None and not isinstance(year, int):
        raise SourceError(f"{url}: year 须为整数 must be an integer, got {year!r}")
    office = hints.get("office")
    office_name = str(office) if office else None
    pages = _regex(url, "documents", documents) if documents is not None else None
    return WatchSource(url, kind_of(url), pattern, depth, office_name, year, pages)


def _regex(url: str, key: str, text: object) -> re.Pattern[str]:
    try:
        return re.compile(str(text))
    except re.error as e:
        raise SourceError(f"{url}: {key} 不是正则表达式 is not a regular expression: {e}") from e


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError(f"{url}: 不是网址也不是 .toml 文件 not an http(s) URL nor a .toml sources file")


def folder_of(url: str) -> str:
    """The listing page's folder, as an absolute URL prefix: pages under it are followed by default."""
    parts = urlsplit(url)
    path = parts.path if parts.path.endswith("/") else parts.path.rsplit("/", 1)[0] + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


_KEYS = {"url", "follow", "depth", "office", "year", "documents"}


def _from_toml(path: Path) -> list[WatchSource]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise SourceError(f"{path}: 无法读取来源文件 cannot read the sources file: {e.strerror or e}") from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise SourceError(f"{path}: 来源文件不是有效的 TOML not valid TOML: {e}") from e
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise SourceError(f"{path}: 需要至少一个 [[source]] 表 needs at least one [[source]] table")
    return [_entry(path, i, e) for i, e in enumerate(entries)]


def _entry(path: Path, i: int, entry: Any) -> WatchSource:
    where = f"{path}: [[source]] #{i + 1}"
    if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
        raise SourceError(f"{where}: 缺少 url missing url")
    unknown = set(entry) - _KEYS
    if unknown:
        raise SourceError(f"{where}: 未知的键 unknown keys {sorted(unknown)} (known: {sorted(_KEYS)})")
    depth = entry.get("depth", DEFAULT_DEPTH)
    if not isinstance(depth, int):
        raise SourceError(f"{where}: depth 须为整数 must be an integer")
    hints = {k: entry[k] for k in ("office", "year", "documents") if k in entry}
    return make_source(entry["url"], entry.get("follow"), depth, **hints)
