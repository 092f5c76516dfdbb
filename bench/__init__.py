"""Benchmarks of cnfiscal (``make bench`` = ``python -m bench``); separate from the tests."""
