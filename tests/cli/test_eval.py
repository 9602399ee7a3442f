"""`triage eval` on a KB and a case file it has never seen, as docs/eval-format.md promises; and `--all`."""

import json

from tests.utils.cli import run

KB_FILES = {
    "delivery.md": "# Delivery\n\n## Delivery times\n\nParcels to France arrive in 3 business days.\n\n## Tracking\n\nEvery parcel gets a tracking link by SMS.\n",
    "delivery.fr.md": "# Livraison\n\n## Délais de livraison\n\nLes colis pour la France arrivent en 3 jours ouvrés.\n\n"
                      "## Suivi\n\nChaque colis reçoit un lien de suivi par SMS.\n",
    "refunds.md": "---\ntitle: Refunds\n---\n# Refunds\n\nRefunds are paid back within 14 days of the return.\n",
}
CASES = [
    {"id": "a1", "text": "How long does delivery to France take?", "lang": "en", "expect": "answer", "reason": "kb",
     "gold_sources": ["delivery.md", "delivery.fr.md"], "order_value": None, "tags": ["x"], "someone_elses_field": 1,
     "answer_contains": ["3 business days", "3 jours"]},
    {"id": "a2", "text": "Combien de temps pour la livraison en France ?", "lang": "fr", "expect": "answer", "reason": "kb",
     "gold_sources": ["delivery.md", "delivery.fr.md"], "order_value": None, "answer_contains": ["3 business days", "3 jours"]},
    # the right document, the wrong fact: the KB says 14 days
    {"id": "r1", "text": "How many days until my refund is paid back?", "lang": "en", "expect": "answer", "reason": "kb",
     "gold_sources": ["refunds.md"], "order_value": None, "answer_contains": ["30 days"]},
    {"id": "h1", "text": "I want to speak to a human", "lang": "en", "expect": "handoff", "reason": "human_request",
     "gold_sources": [], "order_value": None},
    {"id": "v1", "text": "When do I get my refund?", "lang": "en", "expect": "handoff", "reason": "high_value",
     "gold_sources": [], "order_value": 900.0,
     "history": [{"role": "customer", "text": "I returned my tent"}, {"role": "assistant", "text": "Thanks."}]},
]


def write_kb(folder, files=KB_FILES):
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def write_cases(path, cases=CASES):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in cases) + "\n", encoding="utf-8")
    return path


def write_kb_and_cases(tmp_path):
    return write_kb(tmp_path / "kb"), write_cases(tmp_path / "cases.jsonl")


def test_eval_runs_a_foreign_case_file_and_writes_the_report(tmp_path):
    kb, cases = write_kb_and_cases(tmp_path)
    out = tmp_path / "out"
    done = run("eval", "--kb", str(kb), "--cases", str(cases), "--out", str(out), "--json",
               env={"TRIAGE_DATA_DIR": str(tmp_path / "unused")})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    headline = {"resolution_rate", "wrong_answer_rate", "handoff_precision", "handoff_recall", "hit_at_1", "hit_at_5",
                "mrr_at_10", "reply_language_accuracy", "latency_ms_p50", "latency_ms_p95", "clarification_rate", "confidence_auc"}
    assert headline <= set(report["metrics"]) and set(report["by_language"]) == {"en", "fr"}
    assert headline <= set(report["by_language"]["fr"])
    assert report["metrics"]["hit_at_1"] == 1.0 and report["metrics"]["handoff_recall"] == 1.0
    assert report["handoff_recall_by_reason"] == {"high_value": 1.0, "human_request": 1.0}
    assert report["handoff_precision_by_reason"] == {"high_value": 1.0, "human_request": 1.0}
    # the refund answer cites its gold document but not the fact asked for: wrong, not resolved
    assert report["failure_counts"] == {"wrong_fact": 1}
    assert [(f["id"], f["outcome"], f["reply_sources"]) for f in report["failures"]] == [("r1", "wrong_fact", ["refunds.md"])]
    assert report["metrics"]["resolution_rate"] == round(2 / 3, 4) and report["metrics"]["clarification_rate"] == 0.0
    points = report["operating_points"]
    assert points["threshold_used"]["threshold"] == report["threshold"] and set(points["resolution_at_wrong"]) == {"0.01", "0.03", "0.05"}
    assert all(p["wrong_answer_rate"] <= float(c) for c, p in points["resolution_at_wrong"].items())
    assert len(report["sweep"]) > 10 and all(0 <= r["resolution_rate"] <= 1 for r in report["sweep"])
    assert sum(b["count"] for b in report["reliability"]) >= 3
    assert {p.name for p in out.iterdir()} == {"report.json", "report.md", "languages.png", "threshold_sweep.png", "reliability.png"}
    assert (out / "reliability.png").read_bytes()[:4] == b"\x89PNG"
    md = (out / "report.md").read_text()
    assert "| resolution_rate |" in md and "| wrong_fact | 1 |" in md and "best in hindsight" in md
    assert not (tmp_path / "unused" / "chroma").exists()  # a fresh temporary collection, not the user's store


def test_eval_rejects_a_malformed_case_file(tmp_path):
    cases = tmp_path / "bad.jsonl"
    cases.write_text('{"id": "x", "text": "hi"}\n', encoding="utf-8")
    done = run("eval", "--kb", str(tmp_path), "--cases", str(cases))
    assert done.returncode == 2 and "bad.jsonl:1" in done.stderr


def test_baselines_are_scored_side_by_side(tmp_path):
    kb, cases = write_kb_and_cases(tmp_path)
    done = run("eval", "--kb", str(kb), "--cases", str(cases), "--baselines", "--json")
    report = json.loads(done.stdout)
    assert set(report["baselines"]) == {"bm25", "minilm"}
    for baseline in report["baselines"].values():
        assert baseline["metrics"]["handoff_recall"] is not None and baseline["threshold"] is not None
    # no intents: a plain RAG answers "I want to speak to a human" from the KB unless its threshold stops it
    assert report["metrics"]["handoff_recall"] >= report["baselines"]["bm25"]["metrics"]["handoff_recall"]


def test_all_runs_every_kb_and_split_into_one_table(tmp_path):
    """From a project root: the sample KB with its two splits, and a benchmark that has only a dev split."""
    write_kb(tmp_path / "kb")
    write_cases(tmp_path / "evals" / "cases" / "dev.jsonl")
    write_cases(tmp_path / "evals" / "cases" / "test.jsonl", CASES[:2])
    bench = tmp_path / "evals" / "benchmarks" / "refunds-only"
    write_kb(bench / "kb", {"refunds.md": KB_FILES["refunds.md"]})
    write_cases(bench / "dev.jsonl", [c for c in CASES if c["id"] == "r1"])
    done = run("eval", "--all", "--out", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "| KB | split | cases | resolution | wrong | clarification | handoff P / R | hit@1 | AUC | resolution @3% wrong |" in done.stdout
    for row in ("| sample | dev | 5 |", "| sample | test | 2 |", "| refunds-only | dev | 1 |"):
        assert row in done.stdout
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert [(r["kb"], r["split"], r["cases"]) for r in summary["runs"]] == [("sample", "dev", 5), ("sample", "test", 2), ("refunds-only", "dev", 1)]
    refunds = summary["runs"][2]
    assert refunds["resolution_rate"] == 0.0 and refunds["failure_counts"] == {"wrong_fact": 1}
    assert (tmp_path / "out" / "summary.md").read_text().count("| sample |") == 2
    assert json.loads((tmp_path / "out" / "sample" / "test" / "report.json").read_text())["cases"] == 2


def test_eval_needs_either_a_kb_and_cases_or_all(tmp_path):
    kb, cases = write_kb_and_cases(tmp_path)
    for args in ((), ("--kb", str(kb)), ("--all", "--kb", str(kb), "--cases", str(cases))):
        done = run("eval", *args)
        assert done.returncode == 2 and "--all" in done.stderr, (args, done.stderr)
