"""A finding an auditor dismissed is not reported as new again when its document comes back as a new version."""

from __future__ import annotations

from cnfiscal.corpus.reviews import Decision, record_decision
from cnfiscal.corpus.store import connect
from cnfiscal.corpus.watch import watch
from tests.corpus.watch.conftest import TEXT_REPORT, fast_config
from tests.corpus.watch.site import Route


def test_a_dismissed_finding_stays_quiet_in_the_next_version(site, tmp_path):
    body = TEXT_REPORT.read_bytes()
    site.add(
        "/r/index.html", Route(b'<html><body><a href="report.txt">report</a></body></html>', content_type="text/html")
    )
    site.add("/r/report.txt", Route(body))
    db = tmp_path / "c.duckdb"
    first = watch([site.url("/r/index.html")], db, fast_config(tmp_path))
    assert first.digest is not None
    ids = [f.finding_id for f in first.digest.new_findings]
    assert len(ids) >= 2  # the sample report has several findings (see tests/validate for which)
    chosen = first.digest.new_findings[0]
    con = connect(db)
    try:
        record_decision(con, chosen.finding_id, Decision.DISMISSED, "审核人认为不是矛盾")
    finally:
        con.close()
    site.add("/r/report.txt", Route(body + "\n（补充说明：附件略）\n".encode()))  # a new version, same findings
    second = watch([site.url("/r/index.html")], db, fast_config(tmp_path))
    d = second.digest
    assert d is not None and [c.url for c in d.changed] == [site.url("/r/report.txt")]
    assert len(d.new_findings) == len(ids) - 1 and d.counts.dismissed_findings == 1
    same = [f for f in d.new_findings if (f.rule, f.where, f.stated) == (chosen.rule, chosen.where, chosen.stated)]
    assert same == []  # the dismissed finding, carried to the new version, stays quiet
    assert not set(ids) & {f.finding_id for f in d.new_findings}  # other content, other ids
