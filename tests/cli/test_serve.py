"""`triage purge`; `triage serve` runs as the real server in tests/api/test_server.py."""

from tests.utils.cli import triage


def test_purge_migrates_a_fresh_database_and_reports(tmp_path):
    done = triage("purge", env={"TRIAGE_DATA_DIR": str(tmp_path / "data"), "TRIAGE_RETENTION_DAYS": "30"})
    assert done.returncode == 0, done.stderr
    assert done.stdout == "purged 0 conversations older than 30 days\n"
