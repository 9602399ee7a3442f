"""Evaluation and benchmarks of triage-assistant."""

# First, so the BLAS settings ``assistant`` makes take effect before a benchmark imports numpy.
import assistant  # noqa: F401
