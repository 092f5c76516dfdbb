"""Claims of narrative reports: mentions of amounts and rates, lists and their totals, section lists."""
