"""The `triage` command line: thin shells over ``assistant``, ``ingest``, ``api`` and ``evals``.

Machine-readable output (``--json``) goes to stdout; progress and logs go to stderr.
"""
