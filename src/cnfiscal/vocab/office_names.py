"""Forms of one office's name: rules about how Chinese office names are built, never a list of offices or places.

An office's documents name it in several forms: the full and the short form of a party or congress organ
(``中国共产党某省委员会办公厅`` = ``中共某省委办公厅`` = ``某省委办公厅``;
``人民代表大会常务委员会`` = ``人大常委会``),
an autonomous prefecture with or without its peoples (``某布依族苗族自治州`` = ``某州``), a department's own unit
(``X本级`` is the unit of department ``X``). ``corpus.crossdoc.identity.offices`` folds every form to one key with
these rules; the key of two different offices never becomes equal, because each rule only replaces a word by its
standard short form or drops a qualifier that names no other organ.
"""

from __future__ import annotations

# The budget code printed before an office's name (``219001-X``, under 主管部门及代码): not part of the name.
UNIT_CODE = r"^\d{3,}\s*[-－—_]\s*"
# A label before the name (``部门：X``, ``编制单位：X``) or the unit's code: dropped.
NAME_LABEL = (
    r"^(?:(?:预算主管部门|主管部门|编制部门|编制单位|预算单位|部门名称|单位名称|部\s*门|单\s*位)\s*[:：]\s*"
    rf"|{UNIT_CODE[1:]})"
)
# A template's placeholder left in the name (``上海市XX局``): never an office.
PLACEHOLDER = r"[XxＸｘ×]{2,}|某某"

# Full form → standard short form, applied in this order (the longer phrase first).
SHORT_FORMS: tuple[tuple[str, str], ...] = (
    ("中国共产党", "中共"),
    ("人民代表大会常务委员会", "人大常委会"),
    ("人民代表大会", "人大"),
    ("常务委员会", "常委会"),
    ("政治协商会议", "政协"),
    ("委员会", "委"),
)

# ``中共`` before a region's party committee is implied by ``X省委/市委/区委/县委``: dropped.
PARTY_PREFIX = "中共"

# The peoples named in an autonomous region, prefecture, county or banner (民族 names; the name structure is
# ``<place><people…>自治<level>``, shortened to ``<place><level>``: 某布依族苗族自治州 → 某州).
PEOPLES: tuple[str, ...] = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
    "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
    "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)  # fmt: skip
AUTONOMOUS_LEVELS = ("州", "县", "旗")
# an autonomous region is called by its place name alone (广西壮族自治区 → 广西)
AUTONOMOUS_REGION = "区"

# Qualifiers after a name that say which part of the office published (the department's own unit): the
# office stays the same, the document's scope is the unit.
UNIT_SCOPE_SUFFIXES: tuple[str, ...] = ("（本级）", "(本级)", "机关本级", "本级", "（本部）", "(本部)", "本部")
DEPT_SCOPE_SUFFIXES: tuple[str, ...] = ("（部门）", "(部门)", "（汇总）", "(汇总)")

# Characters that never belong to an office name as printed (spaces, quotes, brackets left by extraction).
NAME_NOISE = r"[\s“”\"'‘’「」『』《》]"
# A name shorter than this (after folding) is too weak to link on.
MIN_NAME_CHARS = 5
# A name must contain a level of government (where it sits) to be linked: 省/市/区/县/州/旗/盟/镇/乡/街道.
REGION_MARK = r"[省市区县州旗盟镇乡]|街道"
