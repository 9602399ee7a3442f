"""The `triage` command, two ways: in this process (`run`, most tests) and as the installed script
in a new process (`triage`, for what only a real process shows: the entry point, signals, a server)."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app
from tests.utils.paths import BIN, ROOT


def command_env(env: dict | None = None) -> dict:
    """The environment for a `triage` subprocess: this checkout's packages first, so that the
    installed script runs the code under test (from a git worktree too), plus ``env``."""
    paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), **(env or {})}


def triage(*args: str, env: dict | None = None, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Run the installed `triage` command, as a user would, on this checkout's code (see `command_env`)."""
    return subprocess.run([str(BIN / "triage"), *args], capture_output=True, text=True, env=command_env(env), cwd=cwd, **kwargs)


def run(*args: str, env: dict | None = None, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    """`triage ARGS` called in this process through Typer's test runner, with ``env`` set for the call:
    the same commands, options, output and exit codes as `triage`, without a new Python importing
    torch again (a subprocess took 2-4 s before its command began). An exception the command does
    not turn into an exit code is raised here, with its traceback."""
    with contextlib.chdir(cwd or Path.cwd()):
        result = CliRunner().invoke(app, list(args), env=env, input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(["triage", *args], result.exit_code, result.stdout, result.stderr)
