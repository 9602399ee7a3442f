"""Turning knowledge-base files into indexed chunks, and the `triage` command line."""
