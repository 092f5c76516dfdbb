"""The table backends one by one: merged cells, encodings, number formats, document order, bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

from cnfiscal.errors import InputError
from cnfiscal.extract.backends.cells import number_text
from cnfiscal.extract.backends.html import decode_html
from cnfiscal.extract.inputs import open_input
from cnfiscal.extract.layout import Cell, ExtractedDocument
from cnfiscal.extract.reader import read_document
from cnfiscal.models import InputKind
from cnfiscal.options import Options
from cnfiscal.pipeline import process

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read(path: Path) -> ExtractedDocument:
    options = Options()
    return read_document(open_input(path, options), options)


def cells(doc: ExtractedDocument) -> dict[str, Cell]:
    return {c.text: c for p in doc.pages for g in p.grids for c in g.cells if c.text}


def test_xlsx_every_sheet_a_page_with_merged_cells_and_shown_numbers(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet["B2"] = "产出指标"
    sheet.merge_cells("B2:B4")
    sheet["C2"], sheet["D2"] = "执行率", 0.9878
    sheet["D2"].number_format = "0.00%"
    sheet["C3"], sheet["D3"] = "预算数", 2226.98
    sheet["C4"], sheet["D4"] = "户数", 6
    book.create_sheet("空表")
    other = book.create_sheet("第三张")
    other["A1"] = "合计"
    book.save(tmp_path / "form.bin")  # the name says nothing: the content decides
    doc = read(tmp_path / "form.bin")
    assert doc.input_kind is InputKind.XLSX
    assert [p.number for p in doc.pages] == [1, 2, 3] and not doc.pages[1].grids
    found = cells(doc)
    assert (found["产出指标"].row, found["产出指标"].col, found["产出指标"].rowspan) == (0, 0, 3)
    assert {"98.78%", "2226.98", "6"} <= set(found)
    assert found["98.78%"].bbox is None and found["98.78%"].page == 1
    assert found["合计"].page == 3


def test_number_formats_as_the_sheet_shows_them() -> None:
    assert number_text(0.9878, "0.00%") == "98.78%"
    assert number_text(251.89, "0.00") == "251.89"
    assert number_text(12680000.0, "General") == "12680000"
    assert number_text(0.1 + 0.2, "General") == "0.30000000000000004"  # exactly the float the file holds


def test_docx_paragraphs_and_tables_in_order_with_vmerge_and_gridspan(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("项目支出绩效自评表")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "绩效指标"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "预期目标"
    table.cell(1, 1).text, table.cell(1, 2).text = "≥6户", "8户"
    document.add_paragraph("联系人：张三")
    document.save(tmp_path / "form.docx")
    doc = read(tmp_path / "form.docx")
    assert doc.input_kind is InputKind.DOCX
    assert [ln.text for ln in doc.pages[0].lines] == ["项目支出绩效自评表"]
    assert [ln.text for ln in doc.pages[1].lines] == ["联系人：张三"]  # after the last table: a page of its own
    found = cells(doc)
    assert (found["绩效指标"].rowspan, found["绩效指标"].colspan) == (3, 1)
    assert (found["预期目标"].rowspan, found["预期目标"].colspan) == (1, 2)
    assert (found["8户"].row, found["8户"].col) == (1, 2)


def test_html_rowspan_colspan_gbk_and_layout_tables(tmp_path: Path) -> None:
    page = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>
    <table><tr><td>导航</td><td><p>部门整体支出绩效目标自评表</p>
      <table border=1><tr><td rowspan=2>产出指标</td><td colspan=2>数量指标</td></tr>
      <tr><td>培训次数<br>（次）</td><td>2</td></tr></table>
    </td></tr></table><p>联系人：张三</p></body></html>"""
    (tmp_path / "page.htm").write_bytes(page.encode("gb2312"))
    doc = read(tmp_path / "page.htm")
    assert doc.input_kind is InputKind.HTML and doc.encoding == "gb18030"
    assert "部门整体支出绩效目标自评表" in [ln.text for ln in doc.pages[0].lines]
    found = cells(doc)
    assert (found["产出指标"].rowspan, found["数量指标"].colspan) == (2, 2)
    assert (found["培训次数\n（次）"].row, found["培训次数\n（次）"].col) == (1, 1)


def test_html_without_a_declared_charset_is_sniffed() -> None:
    text = "<html><body><p>" + "部门整体支出绩效目标自评表，年度资金总额。" * 20 + "</p></body></html>"
    decoded, encoding = decode_html(text.encode("gb18030"))
    assert decoded == text and encoding in ("gb18030", "gbk", "gb2312")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 60, "damaged zip"),
        ("notoffice.zip", None, "neither a .docx nor a .xlsx"),
        ("locked.xlsx", OLE2 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100, "password-protected"),
        ("old.doc", OLE2 + "WordDocument".encode("utf-16-le") + b"\x00" * 100, "请转换为 .docx/.xlsx"),
    ],
)
def test_bad_office_files_fail_with_a_reason_and_the_batch_goes_on(
    tmp_path: Path, name: str, data: bytes | None, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")  # no LibreOffice: the failure names the conversion
    path = tmp_path / name
    if data is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("readme.txt", "hello")
        data = buf.getvalue()
    path.write_bytes(data)
    record = process(path)
    assert record.status.value == "failed"
    assert reason in record.errors[0].reason and record.errors[0].stage == "input"


def test_an_empty_workbook_is_a_failure_not_an_empty_record(tmp_path: Path) -> None:
    Workbook().save(tmp_path / "empty.xlsx")
    with pytest.raises(InputError, match="empty workbook"):
        read(tmp_path / "empty.xlsx")
