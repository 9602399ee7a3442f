"""Content gaps: one question in two languages is one group; unrelated questions stay apart."""

from __future__ import annotations

import numpy as np

from assistant.insights.gaps import GapKind, GapQuestion, KbDocument, cluster, find_gaps


def q(text: str, lang: str) -> GapQuestion:
    return GapQuestion(text, lang, GapKind.NOT_ANSWERED)


def test_the_same_question_in_two_languages_is_one_gap_and_unrelated_ones_stay_apart(use_m3):
    questions = [
        q("Do you ship to Norway?", "en"), q("Do you sell gift cards?", "en"), q("¿Envían a Noruega?", "es"),
        q("Is the jacket waterproof?", "en"), q("Liefern Sie nach Norwegen?", "de"), q("¿Venden tarjetas regalo?", "es"),
        q("What is your phone number?", "en"),
    ]  # fmt: skip
    asked = []
    gaps = find_gaps(questions, use_m3, lambda text, lang, vector: asked.append((text, lang)) or KbDocument("Shipping", "shipping.md", 0.4))
    groups = [sorted(e.text for e in g.examples) for g in gaps]
    assert groups == [
        ["Do you ship to Norway?", "Liefern Sie nach Norwegen?", "¿Envían a Noruega?"],
        ["Do you sell gift cards?", "¿Venden tarjetas regalo?"],
        ["Is the jacket waterproof?"], ["What is your phone number?"],
    ]
    assert [g.size for g in gaps] == [3, 2, 1, 1] and set(gaps[0].languages) == {"en", "es", "de"}
    assert len(asked) == 4 and gaps[0].to_dict()["nearest_document"] == {"title": "Shipping", "source": "shipping.md", "similarity": 0.4}


def test_a_question_asked_twice_counts_twice_and_shows_once(use_m3):
    gaps = find_gaps([q("Do you ship to Norway?", "en"), q("do you ship to norway? ", "en")], use_m3, lambda *_: None)
    assert [(g.size, len(g.examples)) for g in gaps] == [(2, 1)] and gaps[0].nearest is None


def test_cluster_is_biggest_first_and_empty_for_nothing():
    a, b = np.array([1.0, 0.0], dtype=np.float32), np.array([0.0, 1.0], dtype=np.float32)
    assert cluster(np.stack([a, b, b, b])) == [[1, 2, 3], [0]]
    assert cluster(np.zeros((0, 2), dtype=np.float32)) == []
    assert find_gaps([], None, lambda *_: None) == []
