"""`triage eval` on a KB and a case file it has never seen, as EVAL_FORMAT.md promises."""

import json

from tests.conftest import triage

KB_FILES = {
    "delivery.md": "# Delivery\n\n## Delivery times\n\nParcels to France arrive in 3 business days.\n\n## Tracking\n\nEvery parcel gets a tracking link by SMS.\n",
    "delivery.fr.md": "# Livraison\n\n## Délais de livraison\n\nLes colis pour la France arrivent en 3 jours ouvrés.\n\n## Suivi\n\nChaque colis reçoit un lien de suivi par SMS.\n",
    "refunds.md": "---\ntitle: Refunds\n---\n# Refunds\n\nRefunds are paid back within 14 days of the return.\n",
}
CASES = [
    {"id": "a1", "text": "How long does delivery to France take?", "lang": "en", "expect": "answer", "reason": "kb",
     "gold_sources": ["delivery.md", "delivery.fr.md"], "order_value": None, "tags": ["x"], "someone_elses_field": 1},
    {"id": "a2", "text": "Combien de temps pour la livraison en France ?", "lang": "fr", "expect": "answer", "reason": "kb",
     "gold_sources": ["delivery.md", "delivery.fr.md"], "order_value": None},
    {"id": "h1", "text": "I want to speak to a human", "lang": "en", "expect": "handoff", "reason": "human_request",
     "gold_sources": [], "order_value": None},
    {"id": "v1", "text": "When do I get my refund?", "lang": "en", "expect": "handoff", "reason": "high_value",
     "gold_sources": [], "order_value": 900.0,
     "history": [{"role": "customer", "text": "I returned my tent"}, {"role": "assistant", "text": "Thanks."}]},
]


def write_kb_and_cases(tmp_path):
    kb = tmp_path / "kb"
    kb.mkdir()
    for name, text in KB_FILES.items():
        (kb / name).write_text(text, encoding="utf-8")
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in CASES) + "\n", encoding="utf-8")
    return kb, cases


def test_eval_runs_a_foreign_case_file_and_writes_the_report(tmp_path):
    kb, cases = write_kb_and_cases(tmp_path)
    out = tmp_path / "out"
    done = triage("eval", "--kb", str(kb), "--cases", str(cases), "--out", str(out), "--json",
                  env={"TRIAGE_DATA_DIR": str(tmp_path / "unused")})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    headline = {"resolution_rate", "wrong_answer_rate", "handoff_precision", "handoff_recall", "hit_at_1", "hit_at_5",
                "mrr_at_10", "reply_language_accuracy", "latency_ms_p50", "latency_ms_p95"}
    assert headline <= set(report["metrics"]) and set(report["by_language"]) == {"en", "fr"}
    assert headline <= set(report["by_language"]["fr"])
    assert report["metrics"]["hit_at_1"] == 1.0 and report["metrics"]["handoff_recall"] == 1.0
    assert report["handoff_recall_by_reason"] == {"high_value": 1.0, "human_request": 1.0}
    assert len(report["sweep"]) > 10 and all(0 <= r["resolution_rate"] <= 1 for r in report["sweep"])
    assert {p.name for p in out.iterdir()} == {"report.json", "report.md", "languages.png", "threshold_sweep.png"}
    assert (out / "threshold_sweep.png").read_bytes()[:4] == b"\x89PNG"
    assert "| resolution_rate |" in (out / "report.md").read_text()
    assert not (tmp_path / "unused" / "chroma").exists()  # a fresh temporary collection, not the user's store


def test_eval_rejects_a_malformed_case_file(tmp_path):
    cases = tmp_path / "bad.jsonl"
    cases.write_text('{"id": "x", "text": "hi"}\n', encoding="utf-8")
    done = triage("eval", "--kb", str(tmp_path), "--cases", str(cases))
    assert done.returncode == 2 and "bad.jsonl:1" in done.stderr


def test_baselines_are_scored_side_by_side(tmp_path):
    kb, cases = write_kb_and_cases(tmp_path)
    done = triage("eval", "--kb", str(kb), "--cases", str(cases), "--baselines", "--json")
    report = json.loads(done.stdout)
    assert set(report["baselines"]) == {"bm25", "minilm"}
    for baseline in report["baselines"].values():
        assert baseline["metrics"]["handoff_recall"] is not None and baseline["threshold"] is not None
    # no intents: a plain RAG answers "I want to speak to a human" from the KB unless its threshold stops it
    assert report["metrics"]["handoff_recall"] >= report["baselines"]["bm25"]["metrics"]["handoff_recall"]
