"""Every hostile input is a failed row with a clear reason, the others are ok, and the batch completes.

The fixtures come from ``scripts/make_hostile_fixtures.py`` (its MANIFEST says what each one must give); a file that
vanishes, and one that changes, between being listed and being read are made with the ``on_hashed`` hook.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from cnfiscal.corpus import ingest, load
from cnfiscal.corpus.walk import Found
from tests.corpus.helpers import TEXTS

SCRIPT = Path(__file__).resolve().parents[2] / "scripts/make_hostile_fixtures.py"


def fixtures_module():
    spec = importlib.util.spec_from_file_location("make_hostile_fixtures", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def meddle(found: Found) -> None:
    path = Path(found.path)
    if path.name == "vanishing.txt":
        path.unlink()
    elif path.name == "changing.txt":
        with path.open("ab") as f:
            f.write("\n追加的一行\n".encode())


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    manifest = fixtures_module().make_all(folder)
    shutil.copyfile(TEXTS[0], folder / "vanishing.txt")
    shutil.copyfile(TEXTS[1], folder / "changing.txt")
    db = folder.parent / f"{folder.name}.duckdb"
    summary = ingest([folder], db=db, workers=2, on_hashed=meddle, progress=False)
    docs = load(db, ["documents"])["documents"]
    return folder, manifest, summary, docs


def test_every_fixture_gives_the_expected_row(hostile_run):
    folder, manifest, _, docs = hostile_run
    by_path = docs.set_index("path")
    for fx in manifest:
        row = by_path.loc[str(folder / fx.name)]
        assert row["status"] == fx.expect, (fx.name, row["error"])
        if fx.expect == "failed":
            assert fx.reason in row["error"], (fx.name, row["error"])


def test_vanishing_and_changing_files_are_failed_with_their_reason(hostile_run):
    folder, _, _, docs = hostile_run
    by_path = docs.set_index("path")
    gone = by_path.loc[str(folder / "vanishing.txt")]
    assert gone["status"] == "failed" and gone["error"].startswith("file vanished while being read")
    changed = by_path.loc[str(folder / "changing.txt")]
    assert changed["status"] == "failed" and changed["error"].startswith("file changed while being read")
    assert gone["sha256"] and changed["sha256"]  # keyed by the hash they had when listed


def test_the_batch_completes_and_the_loop_is_walked_once(hostile_run):
    _, manifest, summary, docs = hostile_run
    assert len(docs) == len(manifest) + 2  # each file once, even through the loop/back → .. symlink
    assert docs["path"].is_unique
    assert any("already visited" in issue for issue in summary.issues)
    n_ok = sum(fx.expect == "ok" for fx in manifest)
    assert (summary.done, summary.failed) == (n_ok, len(docs) - n_ok)
