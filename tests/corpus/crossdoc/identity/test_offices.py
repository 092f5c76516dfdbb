"""Office identity: name forms folded by rules about name structure, links on the real samples, refusals."""

from __future__ import annotations

from cnfiscal.corpus.crossdoc.identity.offices import fold, is_strong, link
from cnfiscal.models import DocumentRecord, Source, Table
from tests.corpus.crossdoc.conftest import expected


def test_name_forms_of_one_office_fold_to_one_key():
    same = [
        ("中国共产党江苏省委员会办公厅", "中共江苏省委办公厅", "江苏省委办公厅"),
        ("江苏省人民代表大会常务委员会办公厅", "江苏省人大常委会办公厅"),
        ("黔南布依族苗族自治州大数据发展管理局", "黔南州大数据发展管理局"),
        ("上海市普陀区商务委员会", "上海市普陀区商务委"),
        ("部门：上海市普陀区司法局", "上海市普陀区司法局", "上海市普陀区司法局本级"),
        ("219001-池州市贵池区棠溪镇人民政府", "池州市贵池区棠溪镇人民政府"),  # 主管部门及代码
    ]
    for forms in same:
        assert len({fold(f).key for f in forms}) == 1, forms


def test_different_offices_keep_different_keys():
    apart = [
        "黔南州大数据发展管理局",
        "黔东南州大数据发展管理局",
        "上海市普陀区司法局",
        "上海市普陀区法律援助中心",
        "上海市普陀区人民政府办公室",
        "上海市普陀区人民政府万里街道办事处",
        "江苏省人大常委会办公厅",
        "江苏省委办公厅",
        "江苏省政府办公厅",
    ]
    assert len({fold(n).key for n in apart}) == len(apart)


def test_scope_and_rules_are_kept_as_evidence():
    unit = fold("上海市普陀区司法局本级")
    assert (unit.key, unit.scope) == ("上海市普陀区司法局", "unit")
    party = fold("中国共产党江苏省委员会办公厅")
    assert party.rules == ("中国共产党→中共", "委员会→委", "中共 prefix")


def test_weak_names_are_never_linked_on():
    for weak in (
        "江苏省",
        "公开表一",
        "三、",
        "公开01表",
        "部门",
        "上海市普陀区",
        "财政拨款收支预算总表",
        "上海市XX局",
    ):
        assert not is_strong(fold(weak).key), weak


def _record(unit_name: str | None, tables: list[str | None]) -> DocumentRecord:
    return DocumentRecord(
        unit_name=unit_name,
        year=2024,
        source=Source(path="x.pdf", sha256="a" * 64, input_kind="pdf-text"),
        tables=[Table(name="部门收入预算总表", unit_name=t) for t in tables],
    )


def test_a_weak_cover_name_links_on_the_tables_agreeing_names():
    found = link(_record("江苏省", ["中共江苏省委办公厅", "中共江苏省委办公厅", None]))
    assert found.key == "江苏省委办公厅" and found.source == "tables" and found.confidence == 0.9


def test_names_of_two_offices_in_one_document_refuse_the_link():
    found = link(_record("上海市普陀区司法局", ["上海市普陀区法律援助中心"]))
    assert found.office_id is None and "different offices" in (found.reason or "")


def test_a_name_cut_by_the_layout_is_not_a_second_office():
    found = link(_record("中国共产党江苏省委员会办公厅", ["中国共产党江苏省委员会办", "中共江苏省委办公厅"]))
    assert found.key == "江苏省委办公厅"


def test_no_name_no_link():
    found = link(_record("公开表一", []))
    assert found.office_id is None and "no office name" in (found.reason or "")


def test_real_samples_link_as_read_by_hand(records):
    want = expected("offices.json")["documents"]
    ids: dict[str, set[str]] = {}
    for name, record in records.items():
        found = link(record)
        entry = want[name]
        if found.office_id is None:
            assert entry.get("may_refuse"), f"{name}: refused ({found.reason})"
            continue
        ids.setdefault(entry["office"], set()).add(found.office_id)
    assert all(len(v) == 1 for v in ids.values()), ids  # one office, one id
    flat = [next(iter(v)) for v in ids.values()]
    assert len(flat) == len(set(flat)), ids  # never two offices on one id
    assert {"wanli", "npcsc", "party"} <= set(ids)  # the year-over-year groups are linked


def test_a_blank_template_is_no_office():
    from cnfiscal.pipeline import process
    from tests.corpus.crossdoc.conftest import SAMPLES

    found = link(process(SAMPLES / "final_template.pdf"))  # the district's 决算 template: 上海市XX局
    assert found.office_id is None and "no office name" in (found.reason or "")
