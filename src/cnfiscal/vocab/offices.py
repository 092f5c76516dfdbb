"""Who published a 部门预算/决算 and for which year: the labels that name the office, the words an office name ends
with, and the texts that are never an office (a heading fragment, a table code, a place name alone)."""

from __future__ import annotations

# A line naming the office: ``部门：X``, ``编制部门：X``, ``预算主管部门：X`` (X may stand on the next line).
OFFICE_LABEL = (
    r"^(?:预算主管部门|编制部门|编制单位|预算单位|部\s*门(?:名称|[（(]单位[)）])?|单位名称)\s*[:：]\s*(\S*)\s*$"
)
# The last characters of an office's name (机关, 事业单位, 街道).
OFFICE_SUFFIX = (
    r"(?:厅|局|委员会|委|办公室|办|院|部|处|中心|办事处|政府|会|所|站|队|馆|校|学|园|社|台|署|团|组|室|庭|监狱|医院|"
    r"总工会|联合会|协会|集团|公司)$"
)
# Never an office: a list number or heading fragment, a table code, a place name alone, a template placeholder only.
NOT_OFFICE = (
    r"^(?:[一二三四五六七八九十]+[、.．]?|[（(][一二三四五六七八九十\d]+[)）])$",
    r"^(?:公开|预算|决算|附)?(?:\d{1,2}|[一二三四五六七八九十]+)?表(?:\d{1,2}|[一二三四五六七八九十]+)?$",
    r"^\S{2,8}(?:省|市|区|县|自治区|自治州|旗)$",
)
# The year of the report in a title: ``2019年度部门预算``, ``2018年度 省级部门预算公开报表``, ``2024年预算单位…表``
# (never a year compared with: ``与2020年预算基本持平``).
REPORT_YEAR = (
    r"(?<![与比较])((?:19|20)\d{2})\s*年度?\s*(?:区级|市级|县级|省级)?\s*(?:部门|单位)?"
    r"\s*(?:收入支出|收支)?\s*(?:决算|预算)"
)
# A title naming the office after the year: ``2014年度某乡人民政府部门决算说明``, ``2015年某局部门“三公”经费…表``.
OFFICE_AFTER_YEAR = r"^度?(\p{Han}{2,40}?)(?:部门|单位)"
# Words joining the office to the rest of a title: ``某局关于2014年度部门决算的说明``.
OFFICE_TITLE_LINK = r"(?:关于|的)$"
