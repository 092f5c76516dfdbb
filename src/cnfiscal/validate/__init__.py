"""validate stage: recompute stated figures and report differences as findings.

``run_rules(record)`` applies every registered rule (see ``rules.RULES``) and returns the findings and
the errors of rules that crashed (a crashing rule is a bug, recorded, never a finding; so is a rule
module that fails to import).
"""

from __future__ import annotations

import logging

from cnfiscal.models import DocumentRecord, ErrorItem, Finding

log = logging.getLogger(__name__)


def run_rules(record: DocumentRecord) -> tuple[list[Finding], list[ErrorItem]]:
    try:
        from cnfiscal.validate.rules import RULES
    except Exception as e:  # a broken rule module is a bug: recorded, and the record keeps what was read
        log.exception("validate: rule registry unavailable")
        return [], [ErrorItem(stage="validate", reason=f"rule registry unavailable: {e}", error_type=type(e).__name__)]

    findings: list[Finding] = []
    errors: list[ErrorItem] = []
    for rule in RULES:
        try:
            findings.extend(rule.check(record))
        except Exception as e:
            errors.append(ErrorItem(stage=f"validate.{rule.id}", reason=str(e), error_type=type(e).__name__))
    return findings, errors
