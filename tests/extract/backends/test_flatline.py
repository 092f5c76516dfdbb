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


def test_amounts_apart_from_their_rows_are_not_read_but_said() -> None:
    line = (
        "某院2021年部门决算公开表.xls 收入支出决算总表 部门:某院 收入 项目 行次 栏次 金额 1 "
        "一、一般公共预算财政拨款收入 1 "
        "二、政府性基金预算财政拨款收入 2 三、上级补助收入 3 八、其他收入 8 11,122,315.04 13,628,965.89 9 10 11 "
        "本年收入合计 27 总计 30 25,754,899.39 25,754,899.39 注:本表反映部门本年度的总收支和年初、年末结转结余情况。"
    )
    warnings: list[str] = []
    assert flat_table_lines(line, warnings) is None
    assert warnings == [
        "收入支出决算总表: amounts printed apart from their rows (行次 numbers among them); table not read"
    ]
