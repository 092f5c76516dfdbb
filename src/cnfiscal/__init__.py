"""cnfiscal: Chinese government budget-performance disclosures → exact, checked, structured data."""

__version__ = "0.1.0"
