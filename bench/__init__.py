"""Benchmarks: `python -m bench NAME [options]`; each prints `key: value` lines."""
