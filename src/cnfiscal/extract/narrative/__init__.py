"""Narrative text: paragraphs re-joined from wrapped lines, and the claims (amounts, shares, changes) in them."""
