"""Benchmarks of unspin: `python -m benchmarks.run` (make bench) writes docs/benchmarks.md."""
