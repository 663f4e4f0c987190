"""Benchmarks of the course (``make bench``): each prints a table; targets live here, not in timed tests."""
