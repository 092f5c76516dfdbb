"""`cnfiscal extract`: one record per input, bad inputs reported one line each, exit codes per SPEC."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest
from typer.testing import CliRunner

from cnfiscal.cli import app

SAMPLES = Path(__file__).parent.parent / "samples"
SEED000 = SAMPLES / "text" / "seed000_dept_self_eval_qiannan_bigdata_2021.txt"
runner = CliRunner()


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    pdf_bytes = (SAMPLES / "pdf" / "self_eval_seed004_dept_2023.pdf").read_bytes()
    files = {
        "empty": tmp_path / "empty.pdf",
        "jpeg": tmp_path / "photo.pdf",
        "html": tmp_path / "page.pdf",
        "truncated": tmp_path / "truncated.pdf",
        "encrypted": tmp_path / "encrypted.pdf",
    }
    files["empty"].write_bytes(b"")
    files["jpeg"].write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100)
    files["html"].write_bytes(b"<!DOCTYPE html><html><body>404</body></html>")
    files["truncated"].write_bytes(pdf_bytes[:700])
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret")
    doc.save(files["encrypted"], encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    return files


def test_single_text_input_writes_one_json_record(tmp_path: Path) -> None:
    out = tmp_path / "seed000.json"
    result = runner.invoke(app, ["extract", str(SEED000), "-o", str(out)])
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["doc_type"] == "dept_self_eval"
    assert record["source"]["input_kind"] == "text"
    assert record["source"]["sha256"] and len(record["source"]["sha256"]) == 64
    assert record["status"] in ("ok", "partial")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty", "empty file"),
        ("jpeg", "not a PDF or text file (binary content: JPEG)"),
        ("html", "not a PDF or text file (HTML)"),
        ("truncated", "damaged or unreadable PDF"),
        ("encrypted", "encrypted PDF"),
    ],
)
def test_bad_input_one_line_reason_exit_1_others_processed(
    bad_inputs: dict[str, Path], tmp_path: Path, name: str, reason: str
) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(bad_inputs[name]), str(SEED000), "-o", str(out)])
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(bad_inputs[name]) in lines[0] and reason in lines[0], result.stderr
    records = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"]["path"] for r in records] == [str(SEED000)]


def test_all_inputs_failed_writes_nothing(bad_inputs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "nothing.json"
    result = runner.invoke(app, ["extract", str(bad_inputs["empty"]), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    assert not list(tmp_path.glob(".nothing.json.*"))


def test_usage_error_exits_2() -> None:
    result = runner.invoke(app, ["extract", "--no-such-option"])
    assert result.exit_code == 2


def test_missing_file_is_a_failed_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.pdf")])
    assert result.exit_code == 1
    assert "cannot read" in result.stderr


def test_the_root_help_is_written_for_users_in_chinese_first() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "绩效自评表" in result.output and "退出码" in result.output and "cnfiscal ingest" in result.output
    assert "thin commands" not in result.output


def test_a_scan_without_opencv_fails_with_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken install (cv2 cannot be imported) gives a failed record naming the package, no traceback."""
    import sys

    from cnfiscal.pipeline import process

    for name in [m for m in sys.modules if m == "cv2" or m.startswith("cnfiscal.extract.ocr.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "cv2", None)  # import cv2 → ModuleNotFoundError
    scan = Path(__file__).parent / "data" / "scanned" / "self_eval_seed000_dept_2021_scan_a.pdf"
    record = process(scan)
    assert record.status.value == "failed"
    assert record.errors[0].stage == "extract" and record.errors[0].error_type == "OCRUnavailable"
    assert "opencv-python-headless" in record.errors[0].reason and "pip install" in record.errors[0].reason
