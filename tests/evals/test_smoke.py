"""The CI eval smoke: 60 dev cases must stay within the bounds in evals/smoke_gate.toml."""

import tomllib

from evals.suite import evaluate
from tests.conftest import KB, ROOT


def test_eval_smoke_stays_within_the_gate(tmp_path, kb_settings):
    gate = tomllib.loads((ROOT / "evals" / "smoke_gate.toml").read_text())
    lines = (ROOT / "evals" / "cases" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    cases = tmp_path / "smoke.jsonl"
    cases.write_text("\n".join(lines[::5]) + "\n", encoding="utf-8")
    metrics = evaluate(KB, cases, kb_settings)["metrics"]
    print(f"smoke: {metrics}")
    assert metrics["resolution_rate"] >= gate["resolution_rate_floor"], metrics
    assert metrics["wrong_answer_rate"] <= gate["wrong_answer_rate_ceiling"], metrics
    assert metrics["handoff_recall"] >= gate["handoff_recall_floor"], metrics
