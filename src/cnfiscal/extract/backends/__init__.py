"""One reader per input format, each returning an ExtractedDocument."""
