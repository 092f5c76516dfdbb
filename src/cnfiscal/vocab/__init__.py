"""Label vocabularies, in one place, as data tables.

Every stage imports its Chinese labels, unit names and operator words from here; nothing re-types
them. One module per domain:

- ``units``: money units and scales, measure units, dashes that mean empty.
- ``operators``: comparison symbols and words.
- ``selfeval``: labels of the 绩效自评表 (funding rows, indicator headers, conclusion, contact, 注).
- ``tables``: titles, codes and column headers of 决算/预算 standard tables.
- ``narrative``: claim verbs and subjects of 情况说明 / 自评报告 prose.
- ``doctypes``: title patterns that decide the document kind.
"""
