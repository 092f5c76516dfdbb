"""validate stage: recompute stated figures and report differences as findings.

``run_rules(record)`` applies every registered rule (see ``rules.RULES``) and returns the findings and
the errors of rules that crashed (a crashing rule is a bug, recorded, never a finding).
"""

from __future__ import annotations

from cnfiscal.models import DocumentRecord, ErrorItem, Finding


def run_rules(record: DocumentRecord) -> tuple[list[Finding], list[ErrorItem]]:
    from cnfiscal.validate.rules import RULES

    findings: list[Finding] = []
    errors: list[ErrorItem] = []
    for rule in RULES:
        try:
            findings.extend(rule.check(record))
        except Exception as e:
            errors.append(ErrorItem(stage=f"validate.{rule.id}", reason=str(e), error_type=type(e).__name__))
    return findings, errors
