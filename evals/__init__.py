"""Evaluation and benchmarks of triage-assistant."""
