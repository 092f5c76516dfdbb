"""Table grids: ruling lines, cells, cell text, tables joined over pages."""
