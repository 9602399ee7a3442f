"""`triage ingest` and `triage kb` as the content team and other people's scripts use them."""

import json
import signal
import subprocess
import time

import pytest

from evals.synthetic_kb import write_synthetic_kb
from tests.utils.cli import command_env, run
from tests.utils.docs import DOCS, write
from tests.utils.paths import BIN


def env_for(tmp_path, **extra):
    return {"TRIAGE_DATA_DIR": str(tmp_path / "data"), "TRIAGE_KB_DIR": str(tmp_path / "kb"), **extra}


def test_ingest_json_follows_the_contract(tmp_path):
    write(tmp_path / "kb", {**DOCS, "broken.pdf": b"%PDF-1.4 nope"})
    done = run("ingest", str(tmp_path / "kb"), "--json", env=env_for(tmp_path))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["files"] == {"seen": 5, "added": 4, "updated": 0, "unchanged": 0, "removed": 0, "failed": 1}
    assert report["chunks"] == {"total": 7, "embedded": 7, "deleted": 0}
    assert report["failures"] == [{"path": str(tmp_path / "kb" / "broken.pdf"), "reason": report["failures"][0]["reason"]}]
    assert "not a valid PDF" in report["failures"][0]["reason"]
    assert isinstance(report["seconds"], float)

    again = json.loads(run("ingest", "--json", env=env_for(tmp_path)).stdout)
    assert again["chunks"]["embedded"] == 0 and again["files"]["unchanged"] == 4


def test_strict_and_nothing_ingested_exit_non_zero(tmp_path):
    write(tmp_path / "kb", {**DOCS, "broken.pdf": b"%PDF-1.4 nope"})
    assert run("ingest", "--strict", "--json", env=env_for(tmp_path)).returncode == 1
    write(tmp_path / "bad", {"a.pdf": b"%PDF-1.4 nope", "b.md": b"\x00\x00"})
    done = run("ingest", str(tmp_path / "bad"), "--collection", "other", env=env_for(tmp_path))
    assert done.returncode == 1
    assert "b.md: binary file" in done.stderr and "nothing was ingested" in done.stderr


def test_human_report_and_kb_commands(tmp_path):
    write(tmp_path / "kb", DOCS)
    done = run("ingest", env=env_for(tmp_path))
    assert "4 added" in done.stdout and "7 embedded" in done.stdout
    stats = json.loads(run("kb", "stats", "--json", env=env_for(tmp_path)).stdout)
    assert (stats["documents"], stats["chunks"]) == (4, 7)
    assert stats["lang"]["es"] == {"documents": 1, "chunks": 1}
    assert stats["category"]["shipping"] == {"documents": 1, "chunks": 2}
    found = json.loads(run("kb", "search", "¿Cuándo recibo el reembolso?", "-k", "2", "--lang", "es", "--json", env=env_for(tmp_path)).stdout)
    assert [h["source"] for h in found["hits"]] == ["returns.es.md"]
    assert set(found["hits"][0]) == {"source", "heading", "lang", "score", "snippet"}
    table = run("kb", "search", "tracking number", "-k", "1", env=env_for(tmp_path), )
    assert "shipping.md" in table.stdout and "Tracking" in table.stdout


def test_embedder_mismatch_is_refused_with_a_way_out(tmp_path):
    write(tmp_path / "kb", DOCS)
    run("ingest", env=env_for(tmp_path))
    done = run("kb", "search", "refund", env=env_for(tmp_path, TRIAGE_EMBEDDER="e5-small"))
    assert done.returncode == 2
    assert "built with embedder 'use-m3'" in done.stderr and "TRIAGE_EMBEDDER=use-m3" in done.stderr
    rebuilt = run("ingest", "--rebuild", "--json", env=env_for(tmp_path, TRIAGE_EMBEDDER="e5-small"))
    assert json.loads(rebuilt.stdout)["chunks"]["embedded"] == 7


def test_bad_collection_name_is_a_clear_error(tmp_path):
    write(tmp_path / "kb", DOCS)
    done = run("ingest", "--collection", "x", env=env_for(tmp_path))
    assert done.returncode == 2 and "Collection name 'x'" in done.stderr


@pytest.mark.parametrize("store", ["embedded", "server"])
def test_killed_ingest_is_repaired_by_the_next_run(tmp_path, request, store):
    kb = tmp_path / "kb"
    write_synthetic_kb(kb, n_docs=12, sections=2)  # 6 batches of 4 chunks (each write ~0.3 s): killed after 3
    server = {"TRIAGE_CHROMA_URL": request.getfixturevalue("chroma_server")} if store == "server" else {}
    env = env_for(tmp_path, TRIAGE_LOG_LEVEL="INFO", TRIAGE_EMBED_BATCH="4", TRIAGE_COLLECTION="crashed", **server)
    proc = subprocess.Popen([str(BIN / "triage"), "ingest", "--json"], env=command_env(env), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    writes = 0
    deadline = time.monotonic() + 120
    for line in proc.stderr:
        writes += "wrote" in line
        if writes == 3 or time.monotonic() > deadline:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert writes == 3, "the ingest finished before it could be killed"

    repaired = json.loads(run("ingest", "--json", env=env).stdout)
    assert repaired["files"]["failed"] == 0
    assert repaired["files"]["added"] + repaired["files"]["updated"] + repaired["files"]["unchanged"] == 12
    assert repaired["files"]["unchanged"] > 0  # what the killed run finished is not embedded again

    clean_env = env_for(tmp_path / "clean", TRIAGE_COLLECTION="clean", **server)
    clean = json.loads(run("ingest", str(kb), "--json", env=clean_env).stdout)
    assert repaired["chunks"]["total"] == clean["chunks"]["total"] == 24
    assert 0 < repaired["chunks"]["embedded"] < clean["chunks"]["embedded"]  # killed midway: the rest, and only the rest
    # no duplicates and no orphans: the same ids, each chunk once
    ids = [json.loads(run("kb", "stats", "--json", env=e).stdout)["chunks"] for e in (env, clean_env)]
    assert ids[0] == ids[1]
    again = json.loads(run("ingest", "--json", env=env).stdout)
    assert again["chunks"]["embedded"] == 0 and again["files"]["unchanged"] == 12


def test_watch_ingests_what_is_added_and_stops_cleanly(tmp_path):
    write(tmp_path / "kb", DOCS)
    env = env_for(tmp_path)
    watching = subprocess.Popen([str(BIN / "triage"), "ingest", "--watch", "--interval", "0.5", "--json"],
                                env=command_env(env), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = json.loads(watching.stdout.readline())  # the run at start
        assert first["files"]["added"] == 4 and first["generation"]
        write(tmp_path / "kb", {"warranty.md": "# Warranty\n\nEvery product has a 2-year warranty.\n", "broken.pdf": b"%PDF-1.4 nope"})
        again = json.loads(watching.stdout.readline())  # the run the change set off, reported when done
        assert json.loads(run("kb", "stats", "--json", env=env).stdout)["documents"] == 5  # the new page is in the index
        assert again["files"]["added"] == 1 and again["generation"] != first["generation"]
        assert [f["path"] for f in again["failures"]] == [str(tmp_path / "kb" / "broken.pdf")]  # reported, skipped
        watching.terminate()
        _, errors = watching.communicate(timeout=30)
        assert watching.returncode == 0, errors
        assert "stopped watching" in errors and "Traceback" not in errors
    finally:
        if watching.poll() is None:
            watching.kill()
