"""Finding messages: Chinese templates kept as data (vocab.messages), figures as printed with their unit, the
recomputation written out; the same finding renders in English from its key and parameters."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cnfiscal.models import Money
from cnfiscal.pipeline import process
from cnfiscal.validate.rules import RULES
from cnfiscal.vocab import show
from cnfiscal.vocab.messages import TEMPLATES, msg, placeholders, render

ROOT = Path(__file__).resolve().parents[2]


def _mostly_chinese(text: str) -> bool:
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return han > latin


def test_every_rule_has_a_template_and_both_languages_name_the_same_figures() -> None:
    keys = {key.split(":")[0] for key in TEMPLATES}
    assert {rule.id for rule in RULES} <= keys
    for key, (zh, en) in TEMPLATES.items():
        assert zh != en, key
        assert placeholders(key), key  # every template names figures or names


def test_render_fills_and_marks_a_difference_within_tolerance() -> None:
    m = msg("selfeval.conclusion.score_quoted", stated="88.22", total="79")
    assert m.render() == "结论中自评得分为88.22分，表中总分为79分"
    assert m.render("en") == "conclusion quotes 88.22 分 but the table's 总分 is 79"
    s = msg("table.rows_sum", table="支出决算表", column="合计", stated="2,940.05万元", n=4, sum="2,940.06万元")
    assert render(s.key, s.params, within=True) == "支出决算表：合计2,940.05万元 ≈ 4个类级科目之和 2,940.06万元"


def test_amounts_shown_as_printed_with_their_unit() -> None:
    cell = Money(yuan=Decimal("22269800"), raw="2,226.98", unit="万元")
    assert show.amount(cell) == "2,226.98万元"
    assert show.amount(Money(yuan=Decimal(3000), raw="0.3万元", unit="万元")) == "0.3万元"
    assert show.amount(Money(yuan=Decimal("197045700"), raw="19, 704. 57", unit="万元")) == "19,704.57万元"
    assert show.like(Decimal("29616900"), cell) == "2,961.69万元"
    assert show.recomputed_rate(Decimal("2199.98") / Decimal("2226.98"), Decimal("0.9878"), "98.78%") == "98.79%"


def test_seed000_rate_written_out() -> None:
    """The issue's example: 2199.98 ÷ 2226.98 = 98.79%, the table prints 98.78% (truncated: info)."""
    record = process(ROOT / "samples/text/seed000_dept_self_eval_qiannan_bigdata_2021.txt")
    rate = next(f for f in record.findings if f.rule == "selfeval.funding.rate")
    assert rate.message == "年度资金总额执行率：全年执行数2199.98万元 ÷ 全年预算数2226.98万元 = 98.79%，表中为98.78%"
    assert (rate.stated, rate.severity.value) == ("0.9878", "info")
    assert rate.finding_id == rate.identity(record.source.sha256)


@pytest.mark.parametrize(
    "sample",
    [
        "samples/pdf/final_finance_2024.pdf",
        "samples/text/seed003_final_account_guiyang_bigdata_2024.txt",
        "samples/text/seed001_self_eval_report_qiannan_bigdata_2023.txt",
    ],
)
def test_messages_are_chinese_and_render_in_english(sample: str) -> None:
    record = process(ROOT / sample)
    assert record.findings
    for f in record.findings:
        assert _mostly_chinese(f.message), f.message
        assert f.message_key is not None
        english = render(f.message_key, f.message_params, "en", within=f.severity.value == "info")
        assert "{" not in english and "{" not in f.message, (f.message, english)
    share = [f for f in record.findings if f.rule == "claim.table" and "0.3万元" in f.message]
    if "final_finance" in sample:
        assert share and "2,961.68万元" in share[0].message
