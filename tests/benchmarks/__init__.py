"""Benchmarks: run by hand, print figures, assert nothing.

    python -m tests.benchmarks.run [name ...]
"""
