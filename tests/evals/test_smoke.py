"""The CI eval smoke: every 5th dev case must stay within the bounds in evals/smoke_gate.toml.

It runs the session's assistant (the sample KB as `triage ingest` leaves it: second-opinion
vectors and calibrated threshold) through the eval runner, so the KB is not ingested twice."""

import tomllib

from evals.cases import load_cases
from evals.runner import metrics, run
from tests.utils.paths import ROOT


def test_eval_smoke_stays_within_the_gate(tmp_path, bot):
    gate = tomllib.loads((ROOT / "evals" / "smoke_gate.toml").read_text())
    lines = (ROOT / "evals" / "cases" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    cases = tmp_path / "smoke.jsonl"
    cases.write_text("\n".join(lines[::5]) + "\n", encoding="utf-8")
    found = metrics(run(bot, load_cases(cases)))
    print(f"smoke: {found}")
    assert found["resolution_rate"] >= gate["resolution_rate_floor"], found
    assert found["wrong_answer_rate"] <= gate["wrong_answer_rate_ceiling"], found
    assert found["handoff_recall"] >= gate["handoff_recall_floor"], found
    # a question back must lead somewhere: the right choice answers it
    assert found["resolved_after_choice"] >= gate["resolved_after_choice_floor"], found
