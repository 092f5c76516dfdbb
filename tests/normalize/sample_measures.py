"""Every distinct 年度指标值 / 实际完成值 printed in the bundled sample texts, with its hand-checked meaning.

Read by eye from samples/text/seed000 (dept, 2021), seed004 (dept, 2023) and the seven project tables in seed003's
第五部分 附件. A cell wrapped over several lines is given joined (as the self-evaluation parser passes it).
Each tuple: (raw, op, value, unit, kind). Amounts are in 元; percentages are fractions.
"""

from decimal import Decimal as D

# ruff: noqa: E501

SEED000 = [
    ("按时保质完成", None, None, None, "qualitative"),
    ("完成", None, None, None, "qualitative"),
    ("≧6户", "≥", D("6"), "户", "quantity"),
    ("28户", None, D("28"), "户", "quantity"),
    ("7个", None, D("7"), "个", "quantity"),
    ("≧20户", "≥", D("20"), "户", "quantity"),
    ("22户", None, D("22"), "户", "quantity"),
    ("≧6个", "≥", D("6"), "个", "quantity"),
    ("8个", None, D("8"), "个", "quantity"),
    ("47个", None, D("47"), "个", "quantity"),
    ("116家", None, D("116"), "家", "quantity"),
    ("2个", None, D("2"), "个", "quantity"),
    ("11个", None, D("11"), "个", "quantity"),
    ("21家", None, D("21"), "家", "quantity"),
    ("27家", None, D("27"), "家", "quantity"),
    ("9个", None, D("9"), "个", "quantity"),
    ("24个", None, D("24"), "个", "quantity"),
    ("58家", None, D("58"), "家", "quantity"),
    ("16个", None, D("16"), "个", "quantity"),
    ("2次", None, D("2"), "次", "quantity"),
    ("100%", None, D("1"), "%", "percent"),
    ("2021年1月-12月底", None, None, None, "date"),
    ("577.4万元", None, D("5774000"), "元", "money"),
    ("1268万元", None, D("12680000"), "元", "money"),
    ("719.6万元", None, D("7196000"), "元", "money"),
    ("381.58万元", None, D("3815800"), "元", "money"),
    ("≧15亿", "≥", D("1500000000"), "元", "money"),
    ("15.7亿", None, D("1570000000"), "元", "money"),
    ("≧7.8亿", "≥", D("780000000"), "元", "money"),
    ("8.8亿", None, D("880000000"), "元", "money"),
    ("≧29亿", "≥", D("2900000000"), "元", "money"),
    ("29.7亿", None, D("2970000000"), "元", "money"),
    ("≧1000人", "≥", D("1000"), "人", "quantity"),
    ("1700人", None, D("1700"), "人", "quantity"),
    ("≧95%", "≥", D("0.95"), "%", "percent"),
    # narrative targets/actuals of the 效益 rows: sentences with numbers in them stay qualitative
    ("实现高频数据集上架共享，打造社保金发放、民政救助等数据应用场景，我州在数据提供服务批次、数据使用服务批次分别排全省第一和第二", None, None, None, "qualitative"),
    ("实现280余项高频数据集上架共享打造社保金发放、民政救助等数据应用场景，我州在数据提供服务批次、数据使用服务批次分别排全省第一和第二。", None, None, None, "qualitative"),
    ("数字经济运营中台推广应用", None, None, None, "qualitative"),
    ("接入实体企业12000余家，打造本地数字交易市场，组织交易规模达到24亿元，推广“一码付”，接入7500余家商户，9月底以来实现资金回流1.4亿元，沉淀各类数据4.4亿条。", None, None, None, "qualitative"),
    ("强化数字设施建设，夯实数字经济发展", None, None, None, "qualitative"),
    ("建成5G站点1891个，打造智慧医疗、智慧社区、智慧供电等方面5G应用场景33个，超额完成省州目标任务。", None, None, None, "qualitative"),
    ("强化问题导向，推动数字化治理。", None, None, None, "qualitative"),
    ("民生服务智慧化水平进一步提升。", None, None, None, "qualitative"),
    ("数字赋能基层减负。", None, None, None, "qualitative"),
]

SEED004 = [
    ("按时保质完成", None, None, None, "qualitative"),
    ("100%", None, D("1"), "%", "percent"),
    ("服务对象≥13家单设窗口单位、2家整体进驻窗口单位", "≥", D("13"), "家", "quantity"),
    ("服务对象≥12县（市）政府政务服务中心", "≥", D("12"), "县", "quantity"),
    ("服务对象≥13家单设窗口单位、2家整体进驻窗口单位和23家未进驻窗口单位", "≥", D("13"), "家", "quantity"),
    ("＝7个", "=", D("7"), "个", "quantity"),
    ("服务对象≥38家行政事业单位", "≥", D("38"), "家", "quantity"),
    ("优秀", None, None, None, "qualitative"),
    ("12月底前", "≤", None, None, "date"),
    # 成本 rows: the target is a bare amount of the 资金（万元） table, the actual an execution rate
    ("377.57", None, D("377.57"), None, "quantity"),
    ("106%", None, D("1.06"), "%", "percent"),
    ("349.97", None, D("349.97"), None, "quantity"),
    ("104%", None, D("1.04"), "%", "percent"),
    ("27.6", None, D("27.6"), None, "quantity"),
    ("131%", None, D("1.31"), "%", "percent"),
    ("374.46", None, D("374.46"), None, "quantity"),
    ("51%", None, D("0.51"), "%", "percent"),
    ("22.46", None, D("22.46"), None, "quantity"),
    ("91%", None, D("0.91"), "%", "percent"),
    ("352", None, D("352"), None, "quantity"),
    ("49%", None, D("0.49"), "%", "percent"),
    ("长效", None, None, None, "qualitative"),
]

SEED003 = [
    # 项目一
    ("≥44↑", "≥", D("44"), "个", "quantity"),  # ↑ is an OCR'd 个
    ("66个", None, D("66"), "个", "quantity"),
    ("≥300个", "≥", D("300"), "个", "quantity"),
    ("449个", None, D("449"), "个", "quantity"),
    ("≥40个", "≥", D("40"), "个", "quantity"),
    ("110个", None, D("110"), "个", "quantity"),
    ("7*24", None, D("24"), "小时/天", "quantity"),
    ("7*24小时", None, D("24"), "小时/天", "quantity"),
    ("等保3级", None, D("3"), "级", "quantity"),
    ("2小时响应", None, D("2"), "小时", "quantity"),
    ("2小时内响应", "≤", D("2"), "小时", "quantity"),
    ("≥10次", "≥", D("10"), "次", "quantity"),
    ("112次", None, D("112"), "次", "quantity"),
    ("≥90%", "≥", D("0.9"), "%", "percent"),
    ("99%", None, D("0.99"), "%", "percent"),
    ("≥30次", "≥", D("30"), "次", "quantity"),
    ("225次", None, D("225"), "次", "quantity"),
    ("≥80分", "≥", D("80"), "分", "quantity"),
    ("98. 53分", None, D("98.53"), "分", "quantity"),
    ("建立健全", None, None, None, "qualitative"),
    ("达成预期指标。", None, None, None, "qualitative"),
    ("≤10起", "≤", D("10"), "起", "quantity"),
    ("0起", None, D("0"), "起", "quantity"),
    # 项目二 (one cell, 平台验收合格率's target, is OCR garbage "1000" for 100% and is left out)
    ("≥ 7套", "≥", D("7"), "套", "quantity"),
    ("7套", None, D("7"), "套", "quantity"),
    ("1次", None, D("1"), "次", "quantity"),
    ("0次", None, D("0"), "次", "quantity"),
    ("通过", None, None, None, "qualitative"),
    ("达成预期指标", None, None, None, "qualitative"),
    ("及时", None, None, None, "qualitative"),
    ("≤预算批复数", "≤", None, None, "qualitative"),
    ("有效", None, None, None, "qualitative"),
    ("≥2 家", "≥", D("2"), "家", "quantity"),
    ("1家", None, D("1"), "家", "quantity"),
    ("≥1↑", "≥", D("1"), "个", "quantity"),
    ("1个", None, D("1"), "个", "quantity"),
    ("持续形成", None, None, None, "qualitative"),
    ("95%", None, D("0.95"), "%", "percent"),
    # 项目三
    ("≥8人", "≥", D("8"), "人", "quantity"),
    ("≥7人", "≥", D("7"), "人", "quantity"),
    ("=100%", "=", D("1"), "%", "percent"),
    ("=1台", "=", D("1"), "台", "quantity"),
    ("=2台", "=", D("2"), "台", "quantity"),
    ("≥12次", "≥", D("12"), "次", "quantity"),
    ("≤4小时", "≤", D("4"), "小时", "quantity"),
    ("12月前", "≤", None, None, "date"),
    ("达成年度指标", None, None, None, "qualitative"),
    ("=24小时/天", "=", D("24"), "小时/天", "quantity"),
    ("≤67.88万元", "≤", D("678800"), "元", "money"),
    ("≥95%", "≥", D("0.95"), "%", "percent"),
    # 项目四
    ("=1份", "=", D("1"), "份", "quantity"),
    ("1份", None, D("1"), "份", "quantity"),
    ("=1次", "=", D("1"), "次", "quantity"),
    ("≥4次", "≥", D("4"), "次", "quantity"),
    ("4次", None, D("4"), "次", "quantity"),
    ("90.", None, D("90"), None, "quantity"),  # doubtful: probably an OCR'd 90%; printed without a unit
    ("50.", None, D("50"), None, "quantity"),  # same, in a garbled duplicate line
    ("规范", None, None, None, "qualitative"),
    ("按时出庭应诉", None, None, None, "qualitative"),
    ("按时完成", None, None, None, "qualitative"),
    ("2024年1月前完成", "≤", None, None, "date"),
    ("≤5万元", "≤", D("50000"), "元", "money"),
    ("≤17万元", "≤", D("170000"), "元", "money"),
    ("17万元", None, D("170000"), "元", "money"),
    ("显著", None, None, None, "qualitative"),
    ("完善", None, None, None, "qualitative"),
    ("≥85%", "≥", D("0.85"), "%", "percent"),
    # 项目五
    ("≥3次", "≥", D("3"), "次", "quantity"),
    ("≥1次", "≥", D("1"), "次", "quantity"),
    ("≤7万元", "≤", D("70000"), "元", "money"),
    ("1", None, D("1"), None, "quantity"),  # 项目或定额成本控制率 printed as a bare 1
    ("≥98%", "≥", D("0.98"), "%", "percent"),
    # 项目六
    ("40个", None, D("40"), "个", "quantity"),
    ("≥10个", "≥", D("10"), "个", "quantity"),
    ("≥10 ⁻ ·", "≥", D("10"), None, "quantity"),  # OCR garbage for ≥10个 in a duplicated line
    ("10个", None, D("10"), "个", "quantity"),
    ("=3/1", "=", D("3"), None, "quantity"),  # OCR garbage for =3个: the number survives, the unit is lost
    ("3-1-", None, None, None, "qualitative"),  # OCR garbage for 3个; reads as a range 3-1, so no value
    ("3个", None, D("3"), "个", "quantity"),
    ("2024年12月31日前", "≤", None, None, "date"),
    ("达成部分年度指标", None, None, None, "qualitative"),
    ("≥20项", "≥", D("20"), "项", "quantity"),
    ("5项", None, D("5"), "项", "quantity"),
    ("≥5个", "≥", D("5"), "个", "quantity"),
    ("5个", None, D("5"), "个", "quantity"),
    ("长期使用", None, None, None, "qualitative"),
    ("部分达成年度指标", None, None, None, "qualitative"),
    # 项目七
    ("=7080.33平方米", "=", D("7080.33"), "平方米", "quantity"),
    ("=6人", "=", D("6"), "人", "quantity"),
    ("=2条", "=", D("2"), "条", "quantity"),
    ("≥86分", "≥", D("86"), "分", "quantity"),
    ("≥99%", "≥", D("0.99"), "%", "percent"),
    ("≥96%", "≥", D("0.96"), "%", "percent"),
    ("≤30万元", "≤", D("300000"), "元", "money"),
    ("≤110万元", "≤", D("1100000"), "元", "money"),
    ("≤50元", "≤", D("50"), "元", "money"),
    ("≪41.5元", "≤", D("41.5"), "元", "money"),  # ≪ is an OCR'd ≤
]

SAMPLE_MEASURES = {
    "seed000_dept_self_eval_qiannan_bigdata_2021.txt": SEED000,
    "seed004_dept_self_eval_qiannan_govservice_2023.txt": SEED004,
    "seed003_final_account_guiyang_bigdata_2024.txt": SEED003,
}
