"""The section parser of a narrative self-evaluation report: its paragraphs' claims and section lists."""

from __future__ import annotations

import logging

from cnfiscal.extract.layout import ExtractedDocument
from cnfiscal.extract.narrative.paragraphs import paragraphs
from cnfiscal.models import Claim, DocType
from cnfiscal.normalize.claims.mentions import claims_of
from cnfiscal.normalize.claims.sections import section_claims

log = logging.getLogger(__name__)


def parse_report(doc: ExtractedDocument, doc_type: DocType) -> list[Claim]:
    """The claims of a narrative self-evaluation report (other kinds: no claims here)."""
    if doc_type is not DocType.SELF_EVAL_REPORT:
        return []
    paras = paragraphs(doc)
    claims = claims_of(paras) + section_claims(paras)
    log.debug("%s: %d report claims", doc.path, len(claims))
    return claims
