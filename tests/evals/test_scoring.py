"""The scoring rules of docs/eval-format.md, on hand-built turns: what counts as resolved, wrong or clarified,
and what the sweep says a different answer threshold would have bought."""

import json

import pytest

from assistant.errors import ConfigError
from assistant.model.conversation import Role, Source, Turn
from assistant.model.reasons import HandoffReason
from assistant.model.result import Clarify, Handoff, TurnResult
from assistant.understand.intents import Intent
from assistant.understand.language import Detection
from evals.cases import Case, load_cases
from evals.runner import (
    Outcome,
    Verdict,
    best_at_wrong,
    confidence_auc,
    contains_any,
    failure_counts,
    handoff_precision_by_reason,
    metrics,
    operating_points,
    reliability,
    sweep_point,
)

GOLD = ("shipping.md", "shipping.es.md")


def answer_case(contains: tuple[str, ...] = (), id: str = "a") -> Case:
    return Case(id, "How long to Spain?", "en", "answer", "kb", GOLD, answer_contains=contains)


def handoff_case(reason: str, id: str = "h") -> Case:
    return Case(id, "I want a person", "en", "handoff", reason, ())


def answer(text: str, source: str = "shipping.md", confidence: float = 0.9) -> Turn:
    return Turn(Role.ASSISTANT, text, lang="en", sources=(Source(source, source),), confidence=confidence)


def outcome(case: Case, reply: Turn | None = None, *, handoff: tuple[HandoffReason, ...] = (), candidate: Turn | None = None,
            clarify: tuple[str, ...] = ()) -> Outcome:  # fmt: skip
    """The outcome of a turn that sent ``reply``, or handed off / asked back and kept ``candidate``."""
    sent = reply or Turn(Role.ASSISTANT, "A person will take over.", lang="en", confidence=candidate.confidence if candidate else 0.0)
    result = TurnResult(
        customer=Turn(Role.CUSTOMER, case.text), reply=sent, language=Detection("en", 1.0), low_confidence_streak=0,
        intent=Intent("kb_question", 0.0, "default"), retrieved=GOLD, handoff=Handoff(handoff, None) if handoff else None,
        clarify=Clarify(clarify) if clarify else None, candidate=reply or candidate,
    )
    return Outcome(case, result, 5.0)


@pytest.mark.parametrize(
    ("reply", "alternatives"),
    [
        ("Parcels take 4–8 business days.", ("4-8",)),  # en dash in the reply, hyphen in the case
        ("Parcels take 4 — 8 business days.", ("4-8",)),  # spaced em dash
        ("Parcels take 4-8 days.", ("4 − 8",)),  # minus sign, spaced, in the case
        ("配送には４〜８営業日かかります。", ("4-8",)),  # full-width digits, wave dash
        ("配送需要4～8个工作日。", ("4-8",)),  # full-width tilde
        ("Refunds within\n  14   days.", ("14 days",)),  # whitespace collapsed
        ("We take STRIPE and PayPal.", ("stripe",)),  # case-insensitive
        ("Parcels take 4 to 8 days.", ("4-8", "4 to 8")),  # any alternative will do
    ],
)
def test_answer_contains_matches_across_dashes_whitespace_and_case(reply, alternatives):
    assert contains_any(reply, alternatives)


@pytest.mark.parametrize(("reply", "alternatives"), [("Parcels take 48 days.", ("4-8",)), ("Parcels take 4 to 8 days.", ("4-8",))])
def test_answer_contains_still_needs_the_fact(reply, alternatives):
    assert not contains_any(reply, alternatives)


def test_a_gold_source_without_the_fact_is_a_wrong_fact():
    case = answer_case(contains=("4-8",))
    right = outcome(case, answer("Spain: 4–8 business days."))
    fact_missed = outcome(case, answer("Spain: 2-3 business days."))
    other_doc = outcome(case, answer("Spain: 4-8 business days.", source="returns.md"))
    assert (right.verdict, right.resolved, right.wrong) == (Verdict.RESOLVED, True, False)
    assert (fact_missed.verdict, fact_missed.resolved, fact_missed.wrong) == (Verdict.WRONG_FACT, False, True)
    assert (other_doc.verdict, other_doc.wrong) == (Verdict.WRONG_SOURCE, True)


def test_without_answer_contains_the_source_decides():
    assert outcome(answer_case(), answer("Anything at all.")).verdict is Verdict.RESOLVED
    assert outcome(answer_case(), answer("Anything at all.", source="faq.csv")).verdict is Verdict.WRONG_SOURCE


def test_a_clarifying_question_is_neither_resolved_nor_wrong_nor_a_handoff():
    asked = outcome(answer_case(), clarify=("Spain", "Portugal"))
    asked_handoff = outcome(handoff_case("human_request"), clarify=("Orders", "Returns"))
    handed = outcome(handoff_case("human_request", id="h2"), handoff=(HandoffReason.HUMAN_REQUEST,))
    resolved = outcome(answer_case(id="a2"), answer("4-8 days"))
    m = metrics([asked, asked_handoff, handed, resolved])
    assert asked.verdict is asked_handoff.verdict is Verdict.CLARIFIED
    assert not (asked.wrong or asked.resolved or asked_handoff.wrong)
    assert m["clarification_rate"] == 0.5 and m["resolution_rate"] == 0.5 and m["wrong_answer_rate"] == 0.0
    assert m["handoff_recall"] == 0.5 and m["handoff_precision"] == 1.0  # the clarified handoff case was not handed off


def test_confidence_auc_ranks_right_answers_above_wrong_ones():
    case = answer_case(contains=("4-8",))
    right = [outcome(case, answer("4-8 days", confidence=c)) for c in (0.9, 0.8)]
    wrong = [outcome(case, answer("2 days", confidence=c)) for c in (0.85, 0.1)]
    # pairs right > wrong: 0.9>0.85, 0.9>0.1, 0.8>0.1; 0.8<0.85 -> 3 of 4
    assert confidence_auc(right + wrong) == 0.75
    # an answer found but held back counts as well: the threshold must not decide what the AUC sees
    held_back = outcome(case, handoff=(HandoffReason.LOW_CONFIDENCE,), candidate=answer("2 days", confidence=0.5))
    assert confidence_auc(right + wrong + [held_back]) == round(5 / 6, 4)
    assert confidence_auc(right) is None and metrics(right)["confidence_auc"] is None


def test_handoff_precision_per_reason():
    outcomes = [
        outcome(handoff_case("low_confidence"), handoff=(HandoffReason.LOW_CONFIDENCE,)),
        outcome(answer_case(), handoff=(HandoffReason.LOW_CONFIDENCE, HandoffReason.REPEATED_FAILURE)),
        outcome(handoff_case("dispute"), handoff=(HandoffReason.DISPUTE,)),
        outcome(handoff_case("complaint"), handoff=(HandoffReason.DISPUTE,)),
        outcome(handoff_case("high_value"), handoff=(HandoffReason.HIGH_VALUE,)),
    ]
    assert handoff_precision_by_reason(outcomes) == {"dispute": 0.5, "high_value": 1.0, "low_confidence": 0.5, "repeated_failure": None}


def test_failures_are_counted_by_kind():
    case = answer_case(contains=("4-8",))
    outcomes = [
        outcome(case, answer("2 days")), outcome(case, answer("4-8 days", source="faq.csv")),
        outcome(case, answer("1 day")), outcome(case, handoff=(HandoffReason.LOW_CONFIDENCE,)),
        outcome(case, clarify=("a", "b")), outcome(handoff_case("dispute"), answer("Refunds take 14 days.", source="returns.md")),
        outcome(case, answer("4-8 days")), outcome(handoff_case("dispute"), handoff=(HandoffReason.DISPUTE,)),
    ]  # fmt: skip
    assert failure_counts(outcomes) == {"wrong_fact": 2, "wrong_source": 1, "handed_off": 1, "clarified": 1, "not_handed_off": 1}


def test_the_sweep_sends_only_what_the_threshold_held_back():
    case = answer_case(contains=("4-8",))
    held_back = outcome(case, handoff=(HandoffReason.LOW_CONFIDENCE,), candidate=answer("4-8 days", confidence=0.6))
    out_of_scope = outcome(handoff_case("out_of_scope"), handoff=(HandoffReason.OUT_OF_SCOPE,), candidate=answer("Weather: sunny", confidence=0.5))
    dispute = outcome(answer_case(id="d"), handoff=(HandoffReason.DISPUTE, HandoffReason.LOW_CONFIDENCE), candidate=answer("4-8 days", confidence=0.7))
    asked = outcome(answer_case(id="c"), clarify=("a", "b"))
    outcomes = [held_back, out_of_scope, dispute, asked]
    # 4 cases, 3 of them answer cases: at 0.55 only the held-back gold answer goes out
    assert sweep_point(outcomes, 0.55) == {"threshold": 0.55, "resolution_rate": round(1 / 3, 4), "wrong_answer_rate": 0.0}
    # at 0.5 the out-of-scope candidate goes out too, and is wrong; the dispute and the clarification never go out
    assert sweep_point(outcomes, 0.5) == {"threshold": 0.5, "resolution_rate": round(1 / 3, 4), "wrong_answer_rate": 0.25}


def sweep_example() -> list[Outcome]:
    """5 answer cases answered (right at 0.9, 0.8, 0.6; wrong at 0.7, 0.5) and 5 handoffs no threshold changes."""
    case = answer_case(contains=("4-8",))
    right = [outcome(case, answer("4-8 days", confidence=c)) for c in (0.9, 0.8, 0.6)]
    wrong = [outcome(case, answer("2 days", confidence=c)) for c in (0.7, 0.5)]
    return right + wrong + [outcome(handoff_case("human_request"), handoff=(HandoffReason.HUMAN_REQUEST,))] * 5


@pytest.mark.parametrize(("ceiling", "threshold", "resolution", "wrong"), [(0.0, 0.8, 0.4, 0.0), (0.1, 0.6, 0.6, 0.1), (0.2, 0.6, 0.6, 0.1)])
def test_resolution_at_a_fixed_wrong_rate(ceiling, threshold, resolution, wrong):
    best = best_at_wrong(operating_points(sweep_example()), ceiling)
    assert best["threshold"] == pytest.approx(threshold, abs=1e-4)
    assert (best["resolution_rate"], best["wrong_answer_rate"]) == (resolution, wrong)


def test_operating_points_run_from_everything_answered_to_nothing():
    points = operating_points(sweep_example())
    assert (points[0]["resolution_rate"], points[0]["wrong_answer_rate"]) == (0.6, 0.2)
    assert (points[-1]["resolution_rate"], points[-1]["wrong_answer_rate"]) == (0.0, 0.0) and points[-1]["threshold"] > 0.9


def test_reliability_bins_observed_accuracy_with_counts():
    case = answer_case(contains=("4-8",))
    outcomes = sweep_example() + [
        outcome(case, answer("4-8 days", confidence=0.82)),
        outcome(case, handoff=(HandoffReason.LOW_CONFIDENCE,), candidate=answer("2 days", confidence=0.85)),
    ]
    bins = {round(b["low"], 1): b for b in reliability(outcomes)}
    assert len(bins) == 10 and bins[0.0]["count"] == 0 and bins[0.0]["accuracy"] is None
    assert (bins[0.8]["count"], bins[0.8]["accuracy"]) == (3, round(2 / 3, 4))
    assert (bins[0.9]["count"], bins[0.9]["accuracy"]) == (1, 1.0) and bins[0.7]["accuracy"] == 0.0


def test_cases_load_answer_contains(tmp_path):
    path = tmp_path / "cases.jsonl"
    rows = [
        {"id": "1", "text": "q", "lang": "en", "expect": "answer", "reason": "kb", "gold_sources": ["a.md"], "answer_contains": ["4-8", "4 to 8"]},
        {"id": "2", "text": "q", "lang": "en", "expect": "answer", "reason": "kb", "gold_sources": ["a.md"], "answer_contains": "14 days"},
        {"id": "3", "text": "q", "lang": "en", "expect": "answer", "reason": "kb", "gold_sources": ["a.md"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert [c.answer_contains for c in load_cases(path)] == [("4-8", "4 to 8"), ("14 days",), ()]
    path.write_text(json.dumps({**rows[0], "answer_contains": [4, 8]}) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="answer_contains"):
        load_cases(path)


def test_the_sweep_counts_the_answer_a_clarifying_question_held_back():
    """A clarifying question only ever replaces a low-confidence handoff: a lower threshold would
    have sent the answer found, so the sweep judges it like one."""
    case = answer_case(contains=("4-8",))
    asked = outcome(case, clarify=("Shipping times", "Shipping costs"), candidate=answer("4-8 days", confidence=0.6))
    assert asked.verdict is Verdict.CLARIFIED
    assert sweep_point([asked], 0.5)["resolution_rate"] == 1.0
    assert sweep_point([asked], 0.7)["resolution_rate"] == 0.0


def test_what_the_choices_after_a_clarifying_question_resolve():
    from dataclasses import replace

    helped = replace(outcome(answer_case(id="a1"), clarify=("Times", "Costs")), after_choice=Verdict.RESOLVED)
    not_helped = replace(outcome(answer_case(id="a2"), clarify=("Times", "Costs")), after_choice=Verdict.WRONG_FACT)
    answered = outcome(answer_case(id="a3"), answer("4-8 days"))
    m = metrics([helped, not_helped, answered])
    assert m["clarification_rate"] == round(2 / 3, 4) and m["resolved_after_choice"] == 0.5
    assert metrics([answered])["resolved_after_choice"] is None
