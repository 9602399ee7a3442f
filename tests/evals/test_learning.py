"""The learning curve's parts on the sample KB's dev split: the labels a team's resolves give,
and the threshold they refit, which must never answer more of that split wrongly."""

from assistant.decide.refit import MIN_BAND, refit_threshold
from evals.cases import load_cases
from evals.learning import labelled
from evals.runner import run, sweep_point
from tests.utils.paths import ROOT


def test_the_threshold_refitted_from_a_dev_splits_labels_never_raises_its_wrong_answers(tmp_path, bot):
    lines = (ROOT / "evals" / "cases" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    cases = tmp_path / "half.jsonl"
    cases.write_text("\n".join(lines[::2]) + "\n", encoding="utf-8")  # every other case: half the time, the same spread
    outcomes = run(bot, load_cases(cases))
    labels = [label for o in outcomes if (label := labelled(o))]
    assert len(labels) >= MIN_BAND and any(label.right for label in labels) and not all(label.right for label in labels)
    refit = refit_threshold(labels, bot.kb.threshold)
    chosen = refit.threshold if refit else bot.kb.threshold
    kbs, refitted = sweep_point(outcomes, bot.kb.threshold), sweep_point(outcomes, chosen)
    print(f"labels {len(labels)}, threshold {bot.kb.threshold} -> {chosen}: {kbs} -> {refitted}")
    assert refitted["wrong_answer_rate"] <= kbs["wrong_answer_rate"]
