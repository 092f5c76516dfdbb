"""What a document states for a year, as comparable figures: the sentences of its 情况说明 (``statements``: figures,
comparisons with another year, quoted figures of another year), its standard tables (``table_figures``), and the
item keys both are named by (``items``)."""
