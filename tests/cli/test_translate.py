"""`triage translate` and `triage ingest --translate-to`, run as a user runs them. A command that
reads translation packages runs in a process of its own: argostranslate takes one package folder
per process, and this one's is the tests' translator's."""

import json

from tests.utils.argos_fixture import build_argos_package
from tests.utils.cli import run, triage


def test_translate_install_and_list(tmp_path):
    env = {"TRIAGE_DATA_DIR": str(tmp_path / "data")}
    package = build_argos_package(tmp_path, "es", "en")
    assert json.loads(triage("translate", "list", "--json", env=env).stdout) == {"pairs": []}
    done = triage("translate", "install", str(package), env=env)
    assert done.returncode == 0, done.stderr
    assert "installed: es->en" in done.stdout
    assert json.loads(triage("translate", "list", "--json", env=env).stdout) == {"pairs": [["es", "en"]]}
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"not a zip")
    failed = triage("translate", "install", str(bad), env=env)
    assert failed.returncode == 2 and "error:" in failed.stderr


def test_ingest_pre_translates_and_replies_mark_it(tmp_path):
    env = {"TRIAGE_DATA_DIR": str(tmp_path / "data"), "TRIAGE_ANSWER_THRESHOLD": "0"}
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "warranty.md").write_text("# Warranty\n\n## Length\n\nTents have a five-year warranty.\n", encoding="utf-8")
    (kb / "returns.md").write_text("# Returns\n\n## Window\n\nReturn within 30 days.\n", encoding="utf-8")
    (kb / "returns.fr.md").write_text("# Retours\n\n## Délai\n\nRetour sous 30 jours.\n", encoding="utf-8")
    refused = triage("ingest", str(kb), "--translate-to", "fr", env=env)
    assert refused.returncode == 2 and "triage translate install" in refused.stderr
    assert triage("translate", "install", str(build_argos_package(tmp_path, "en", "fr")), env=env).returncode == 0

    report = json.loads(triage("ingest", str(kb), "--translate-to", "fr", "--json", env=env).stdout)
    # warranty.md gains a French machine translation; returns.md has a human one already
    assert report["chunks"] == {"total": 4, "embedded": 4, "deleted": 0}
    stats = json.loads(run("kb", "stats", "--json", env=env).stdout)  # reads no packages
    assert stats["lang"]["fr"] == {"documents": 2, "chunks": 2}
    again = json.loads(triage("ingest", str(kb), "--translate-to", "fr", "--json", env=env).stdout)
    assert again["chunks"]["embedded"] == 0
    reply = json.loads(triage("ask", "Quelle est la durée de la garantie des tentes ?", "--json", env=env).stdout)
    assert reply["lang"] == "fr" and reply["machine_translated"] and reply["sources"][0]["source"] == "warranty.md"
    plain = json.loads(run("ingest", str(kb), "--json", env=env).stdout)
    assert plain["chunks"]["total"] == 3 and plain["chunks"]["embedded"] == 0
