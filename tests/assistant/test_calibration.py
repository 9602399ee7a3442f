"""Self-calibration: the KB's own questions choose its answer threshold."""

import pytest

from assistant.knowledge.calibration import (
    PRIOR_THRESHOLD,
    Assessed,
    Calibration,
    calibrate,
    model_id,
    pseudo_questions,
)
from assistant.knowledge.chunks import Hit
from assistant.knowledge.index import open_index
from assistant.knowledge.scoring import open_scorer
from assistant.reply import Assistant
from ingest.finish import finish


def test_headings_and_faq_questions_become_questions_once_each():
    chunks = [
        Hit("1", "…", 0, {"headings": "Shipping > Zone 3 delivery times", "lang": "en", "doc_key": "shipping"}),
        Hit("2", "…", 0, {"headings": "Shipping > Zone 3 delivery times", "lang": "en", "doc_key": "shipping"}),
        Hit("3", "…", 0, {"headings": "¿Hay descuento para estudiantes?", "lang": "es", "doc_key": "faq-es"}),
        Hit("4", "…", 0, {"headings": "Intro", "lang": "en", "doc_key": "x"}),  # too short to ask
        Hit("5", "…", 0, {"headings": "Zone 3 delivery times", "lang": "fr", "doc_key": "shipping", "machine_translated": True}),
    ]
    assert sorted(pseudo_questions(chunks)) == [
        ("Zone 3 delivery times", "en", "shipping", "1"), ("¿Hay descuento para estudiantes?", "es", "faq-es", "3"),
    ]


def test_the_threshold_keeps_wrong_answers_within_the_target():
    # Right answers score 0.9 when their document is there; with it left out, the best other
    # document scores 0.5 for most questions and 0.8 for one in ten.
    questions = [(f"q{i}", "en", f"doc{i}", f"chunk{i}") for i in range(40)]

    def assess(text, lang, exclude):
        i = int(text[1:])
        if exclude:
            return Assessed(0.8 if i % 10 == 0 else 0.5, "other", "other-chunk")
        return Assessed(0.9, f"doc{i}", f"chunk{i}")

    # Answering at 0.8: no wrong answer when the document is there; 4 of 40 unanswerable questions
    # answered, weighed at their 15% share of traffic: 1.5% wrong.
    assert calibrate(assess, questions, target=0.03).threshold == pytest.approx(0.8)
    strict = calibrate(assess, questions, target=0.01)
    assert strict.threshold == pytest.approx(0.9) and strict.estimated_resolution == 1.0
    assert calibrate(assess, questions, target=0.2).threshold == pytest.approx(0.5)
    assert calibrate(assess, questions[:5], target=0.03) is None  # too few to say


def test_a_fact_the_kb_states_twice_is_neither_wrong_nor_unanswerable():
    # Every question is answered at 0.85 from an FAQ row that restates its page (cosine 0.95),
    # with its page or without it; an unrelated passage (cosine 0.2) would be wrong.
    questions = [(f"q{i}", "en", f"doc{i}", f"chunk{i}") for i in range(40)]

    def assess(text, lang, exclude):
        return Assessed(0.85, "faq", "faq-row")

    def restating(a, b):
        return 0.95

    def unrelated(a, b):
        return 0.2

    assert calibrate(assess, questions, target=0.03, closeness=restating).threshold == pytest.approx(0.85)
    assert calibrate(assess, questions, target=0.03, closeness=restating).estimated_resolution == 1.0
    # without the restatement every answer is from the wrong document: nothing may be answered
    assert calibrate(assess, questions, target=0.03, closeness=unrelated).threshold == 1.0
    assert calibrate(assess, questions, target=0.03).threshold == 1.0


@pytest.mark.slow
def test_ingest_time_calibration_is_stored_and_used(kb_settings, use_m3):
    """kb_settings ingests the sample KB as `triage ingest` does, calibration included."""
    index = open_index(kb_settings, use_m3)
    found = Calibration.from_metadata(index.notes)
    assert found is not None and 0.3 < found.threshold < 1.0 and found.questions >= 20
    assert found.target_wrong_rate == kb_settings.target_wrong_rate
    assert index.notes["embedder"] == "use-m3"  # the record of the embedder survives
    scorer = open_scorer(kb_settings, index.name, 2)
    assert Assistant(kb_settings, index, scorer=scorer).threshold == found.threshold
    assert Assistant(kb_settings.model_copy(update={"answer_threshold": 0.6}), index).threshold == 0.6


@pytest.mark.slow
def test_ingest_calibrates_again_for_a_new_confidence_model(kb_copy, use_m3):
    """A KB calibrated for other weights is calibrated again by `triage ingest` though no file changed."""
    index = open_index(kb_copy, use_m3)
    found = Calibration.from_metadata(index.notes)
    assert found.current and found.model == model_id()
    index.annotate({"calibration_model": "0123456789ab"})
    assert not Calibration.from_metadata(open_index(kb_copy, use_m3).notes).current
    again = finish(kb_copy, open_index(kb_copy, use_m3), changed=False).calibration
    assert again.current and again.threshold == found.threshold
    assert Calibration.from_metadata(open_index(kb_copy, use_m3).notes).current


def test_the_kbs_own_threshold_is_drawn_halfway_to_the_prior():
    """A KB whose own questions pick 0.870 answers at 0.831 (halfway to 0.791); one picking 0.731, at 0.761."""
    strict, loose = Calibration(0.87, 0.03, 150, 0.8, 0.87), Calibration(0.731, 0.03, 150, 0.8, 0.731)
    assert strict.toward_prior().threshold == pytest.approx((0.87 + PRIOR_THRESHOLD) / 2, abs=1e-3)
    assert loose.toward_prior().threshold == pytest.approx((0.731 + PRIOR_THRESHOLD) / 2, abs=1e-3)
    assert strict.toward_prior().measured == 0.87
    stored = Calibration.from_metadata(strict.toward_prior().to_metadata())
    assert stored == strict.toward_prior()


def test_a_calibration_stored_before_the_prior_keeps_its_threshold():
    notes = {"calibrated_threshold": 0.82, "target_wrong_rate": 0.03, "calibration_questions": 150, "calibration_resolution": 0.81}
    assert Calibration.from_metadata(notes) == Calibration(0.82, 0.03, 150, 0.81, 0.82)


def test_a_threshold_chosen_for_other_weights_is_not_current():
    """After the confidence model is refitted (or the prior moved), a stored threshold means nothing:
    `triage ingest` chooses it again even when no file changed."""
    made = Calibration(0.87, 0.03, 150, 0.8, 0.87, model=model_id())
    assert made.current and Calibration.from_metadata(made.to_metadata()).current
    assert not Calibration(0.87, 0.03, 150, 0.8, 0.87, model="0123456789ab").current
    assert not Calibration.from_metadata({"calibrated_threshold": 0.82, "target_wrong_rate": 0.03, "calibration_questions": 150,
                                          "calibration_resolution": 0.81}).current
