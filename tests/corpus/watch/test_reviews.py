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
    assert len(ids) == 6
    errors = [f for f in first.digest.new_findings if f.severity == "error"]
    assert [f.rule for f in errors] == ["report.parts_sum"]
    con = connect(db)
    try:
        record_decision(con, errors[0].finding_id, Decision.DISMISSED, "其中数不含上年结转，非矛盾")
    finally:
        con.close()
    site.add("/r/report.txt", Route(body + "\n（补充说明：附件略）\n".encode()))  # a new version, same findings
    second = watch([site.url("/r/index.html")], db, fast_config(tmp_path))
    d = second.digest
    assert d is not None and [c.url for c in d.changed] == [site.url("/r/report.txt")]
    assert len(d.new_findings) == 5 and d.counts.dismissed_findings == 1
    assert "report.parts_sum" not in {f.rule for f in d.new_findings}
    assert not set(ids) & {f.finding_id for f in d.new_findings}  # other content, other ids
