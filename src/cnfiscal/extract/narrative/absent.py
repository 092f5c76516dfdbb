"""Statements that an item does not exist (``本部门无政府性基金预算``, or ``无`` under the heading
``七、政府性基金支出预算表情况说明``): ``none`` claims, whose subject is the item the words or the heading name.
They carry no amount; across documents they state the item as 0 (``corpus.crossdoc``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

import regex

from cnfiscal.models import Claim
from cnfiscal.vocab import narrative as nv
from cnfiscal.vocab.tables import LIST_NUMBER

_NAMED = regex.compile(nv.NONE_NAMED)
_ALONE = regex.compile(nv.NONE_ALONE)
_HEADING = regex.compile(nv.NONE_HEADING)
_LIST = regex.compile(LIST_NUMBER)


class _Para(Protocol):
    text: str
    page: int | None
    line: int | None


def none_claims(paras: Sequence[_Para], is_heading: Callable[[str], bool]) -> Iterator[Claim]:
    """A ``none`` claim for each paragraph saying its item does not exist (``is_heading``: whether a paragraph is a
    numbered heading, the one a bare ``无`` belongs to)."""
    for i, p in enumerate(paras):
        named = _NAMED.match(p.text)
        heading = paras[i - 1].text if i and is_heading(paras[i - 1].text) else ""
        under = _HEADING.search(_LIST.sub("", heading)) if heading and _ALONE.match(p.text) else None
        if named:
            subject, text = named["subject"], p.text
        elif under:
            subject, text = under["subject"], f"{heading}{p.text}"
        else:
            continue
        yield Claim(text=text, page=p.page, line=p.line, kind="none", subject=subject, group=f"none{i + 1}",
                    role="none")  # fmt: skip
