"""Benchmarks and their synthetic inputs (not part of the app)."""
