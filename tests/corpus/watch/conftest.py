"""Fixtures of the watch tests: a local site (127.0.0.1 only) and a fast, in-process watch configuration."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cnfiscal.corpus.ingest import IngestConfig
from cnfiscal.corpus.watch import WatchConfig
from cnfiscal.corpus.watch.fetch import HttpConfig
from tests.corpus.watch.site import Site

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
PDF_2021 = SAMPLES / "pdf/self_eval_seed000_dept_2021.pdf"
PDF_2023 = SAMPLES / "pdf/self_eval_seed004_dept_2023.pdf"
TEXT_2021 = SAMPLES / "text/seed000_dept_self_eval_qiannan_bigdata_2021.txt"
TEXT_REPORT = SAMPLES / "text/seed001_self_eval_report_qiannan_bigdata_2023.txt"
TEXT_2023 = SAMPLES / "text/seed004_dept_self_eval_qiannan_govservice_2023.txt"
TEXT_FINAL = SAMPLES / "text/seed003_final_account_guiyang_bigdata_2024.txt"


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site().start()
    try:
        yield s
    finally:
        s.stop()


def fast_config(tmp_path: Path, workers: int = 0, **http: object) -> WatchConfig:
    """Tiny timeouts and backoff, no pause between requests, documents processed in-process."""
    settings: dict[str, object] = {"timeout": 1.0, "attempts": 2, "backoff": 0.01, "interval": 0.0, "per_host": 4}
    settings.update(http)
    return WatchConfig(
        http=HttpConfig(**settings),  # type: ignore[arg-type]
        ingest=IngestConfig(workers=workers, progress=False),
        digest=tmp_path / "digest",
    )
