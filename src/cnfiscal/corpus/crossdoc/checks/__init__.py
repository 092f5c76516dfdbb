"""The cross-document checks, one module per kind of statement: year over year (``yoy``), a unit against its
department and a final account against its budget (``pairs``, ``absent``), a department against the sum of its units
(``sums``), a self-evaluation against the budget (``selfeval``, ``projects``). ``crossdoc.rules`` registers them."""
