"""A 决算 table a web page shows as one long line: cut back into the title, labels and label-amount rows."""

from __future__ import annotations

from cnfiscal.extract.backends.flatline import flat_table_lines

CRUMB = "当前位置： 首页 部门决算公开 某局2014年收入支出决算批复 时间：2015-11-11 09:11 微信 微博 " + "栏目 " * 20
LINE = (
    CRUMB + "2014年收入支出决算批复表部门（单位）：某局　单位：万元项 目金 额备注年初结转和结余161.90 "
    "其中：基本支出结转45.03 本年收入合计3,804.70 1.公共预算财政拨款收入1,511.71 2.政府性基金预算财政拨款收入 "
    "3.上级补助收入 收入总计3,966.59　本年支出合计3,698.55　结余分配 支出总计3,966.59 来源：某网 附件下载"
)


def test_label_amount_rows() -> None:
    out = flat_table_lines(LINE, []) or []
    assert out[0] == CRUMB.strip()
    assert out[1:5] == ["2014年收入支出决算批复表", "部门（单位）：某局", "单位：万元", "项目\t金额\t备注"]
    assert out[5:8] == ["年初结转和结余\t161.90", "其中：基本支出结转\t45.03", "本年收入合计\t3,804.70"]
    assert "2.政府性基金预算财政拨款收入\t" in out  # a label without an amount: a blank cell
    assert "3.上级补助收入\t" in out
    assert "结余分配\t" in out
    assert out[-2:] == ["支出总计\t3,966.59", "来源：某网 附件下载"]


def test_other_lines_are_not_cut() -> None:
    assert flat_table_lines("2014年收入支出决算批复表", []) is None  # short
    assert flat_table_lines("某县" * 150, []) is None  # no table title
