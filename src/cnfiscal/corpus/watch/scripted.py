"""Listing pages whose page links a script writes: the ``createPageHTML(…)`` call of the content systems many
offices publish with. Its arguments give the page count and the file name: page 0 is ``index.html``, page *i* is
``index_i.html`` (next to the listing page). Forms met:

- ``createPageHTML(8, 0, "index", "html")`` — count, current page (from 0), name, extension;
- ``createPageHTML('page_div', 8, 1, 'index', 'shtml', 150)`` — a container id first, the record count last;
- ``createPageHTML(countPage, currentPage, "index", "htm")`` with ``var countPage = 8`` earlier in the script.

The pages are given as next-page links (followed on the same host at the same depth as the listing); a call whose
count cannot be read gives nothing (and is logged), never a guess.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urljoin

log = logging.getLogger(__name__)

CALL = re.compile(r"createPageHTML\s*\(([^()]*)\)")
_ARG = re.compile(r"""\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z_$][\w$]*)|(\d+))\s*""")
_VAR = r"(?:var|let|const)?\s*{name}\s*=\s*(\d+)"
_NAME = re.compile(r"^[\w.-]+$")
MAX_SCRIPTED = 1000  # pages one call may announce (the crawl's own --max-pages still applies)


def scripted_pages(scripts: list[str], page_url: str) -> list[str]:
    """The listing's other pages announced by a ``createPageHTML`` call in one of ``scripts``, absolute."""
    for script in scripts:
        for call in CALL.finditer(script):
            found = _pages(call.group(1), script, page_url)
            if found:
                return found
    return []


def _pages(args_text: str, script: str, page_url: str) -> list[str]:
    args = _args(args_text)
    if args is None:
        return []
    numbers = [i for i, (kind, _) in enumerate(args) if kind in ("number", "name")]
    strings = [value for kind, value in args if kind == "string"]
    if not numbers or len(strings) < 2:
        return []
    count = _value(args[numbers[0]], script)
    name, ext = strings[-2], strings[-1]
    if count is None or not (_NAME.match(name) and _NAME.match(ext)):
        log.info("%s: createPageHTML(%s): page count or file name not readable", page_url, args_text)
        return []
    count = min(count, MAX_SCRIPTED)
    return [urljoin(page_url, f"{name}.{ext}" if i == 0 else f"{name}_{i}.{ext}") for i in range(count)]


def _args(text: str) -> list[tuple[str, str]] | None:
    out = []
    for part in text.split(","):
        m = _ARG.fullmatch(part)
        if m is None:
            return None
        dq, sq, name, number = m.groups()
        if number is not None:
            out.append(("number", number))
        elif name is not None:
            out.append(("name", name))
        else:
            out.append(("string", dq if dq is not None else sq))
    return out


def _value(arg: tuple[str, str], script: str) -> int | None:
    kind, value = arg
    if kind == "number":
        return int(value)
    found = re.findall(_VAR.format(name=re.escape(value)), script)
    return int(found[-1]) if found else None
