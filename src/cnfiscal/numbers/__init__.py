"""Number parsing every stage uses (below extract and normalize): printed amounts, rates, units, claims' numbers."""
