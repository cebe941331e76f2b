"""The plan's indicator register as data (see indicators.py)."""
