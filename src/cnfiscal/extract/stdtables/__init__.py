"""决算/预算 reports: segments (目录, standard tables, notes) and standard tables read from grids, positions or text."""
