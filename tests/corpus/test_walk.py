"""The walk: PDF and text files, each once, in a stable order; loops, hidden entries and missing paths handled."""

from __future__ import annotations

import hashlib

from cnfiscal.corpus.walk import hash_file, walk


def test_walk_finds_pdf_and_text_once_sorted_and_skips_the_rest(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.PDF").write_bytes(b"%PDF-1.4")
    (tmp_path / "b" / "1.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.text").write_text("y", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")  # a Word file: read (issue 13)
    (tmp_path / "notes.md").write_text("# not a form", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "3.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "b" / "again").symlink_to(tmp_path)  # a loop back to the top
    odd = tmp_path / "named.dat"
    odd.write_text("z", encoding="utf-8")
    result = walk([tmp_path, tmp_path / "b" / "1.txt", odd, tmp_path / "missing"])
    names = [p.removeprefix(str(tmp_path) + "/") for p in result.files]
    # named on the command line: taken as is; .md is not a kind cnfiscal reads from a folder
    assert names == ["a.text", "notes.docx", "b/1.txt", "b/2.PDF", "named.dat"]
    assert any("already visited" in i for i in result.issues)
    assert any("missing: no such file or folder" in i for i in result.issues)


def test_hash_file_and_its_reasons(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"abc")
    found = hash_file(str(f))
    assert (found.sha256, found.size, found.reason) == (hashlib.sha256(b"abc").hexdigest(), 3, None)
    loop = tmp_path / "loop.pdf"
    loop.symlink_to("loop.pdf")
    assert hash_file(str(loop)).reason.startswith("cannot read: dangling or looping symlink")
    assert hash_file(str(tmp_path / "gone.pdf")).reason == "cannot read: No such file or directory"
