"""Asking back instead of handing off: which topic was meant, as quick replies.

Only instead of a low-confidence handoff, and only when an answer was nearly found; never twice
running, since the next low-confidence turn is a repeated failure.
"""

from __future__ import annotations

import numpy as np

from assistant.find.finding import Finder, Finding
from assistant.knowledge.calibration import SAME_PASSAGE
from assistant.knowledge.retrieval import Passage
from assistant.model.result import Clarify
from assistant.understand import gazetteer
from assistant.understand.intents import KB_QUESTION
from assistant.understand.question import Question

# Ask which topic was meant (instead of a low-confidence handoff) when the two best documents'
# fused scores are this close and the confidence reaches CLARIFY_FLOOR of the threshold. On the
# sample dev split (threshold 0.82) 29 of 169 low-confidence turns qualified, 25 of them with a
# right document among the two; 4 were cases for a person, who comes on the next turn if the
# choice does not help (a second low-confidence turn is a repeated failure).
CLARIFY_GAP = 0.02
CLARIFY_FLOOR = 0.6
# A broad question gets its page's sections as choices when the page's title matches it best by
# this much (e5 cosine) over any other page's, and at most this many choices. See `topic_menu`.
# Dev splits (sample KB / Liberapay / GitHub): questions asked back 7% -> 25% / 7% -> 10% / 4% -> 5%
# of answerable cases, 86% / 75% / 100% of them resolved by the right choice; handoff precision
# 0.55 -> 0.68 on the sample KB, recall 0.98 -> 0.95 / 0.97 / 0.97 -> 0.94; resolution and wrong
# answers unchanged. At 0.02: 15% asked back on the sample KB, 90% resolved after, recall the same.
# Offered before two tied documents are: 86% -> 89% resolved after the choice (sample KB dev).
# Like those, only at CLARIFY_FLOOR of the threshold or more: asked back 25% -> 23%, resolved after
# the choice 89% -> 95%, handoff recall unchanged (sample KB dev).
TOPIC_MARGIN = 0.01
TOPIC_OPTIONS = 4


class Clarifier:
    def __init__(self, finder: Finder) -> None:
        self.finder, self.kb = finder, finder.kb

    def choices(self, question: Question, finding: Finding) -> Clarify | None:
        """The page's sections for a broad question, else two tied topics, else None."""
        return self.topic_menu(question, finding) or self.two_topics(finding, question.lang)

    def two_topics(self, finding: Finding, lang: str) -> Clarify | None:
        """Which of two topics was meant, when the two best documents tie and either might answer:
        their section headings (or titles) as quick replies."""
        passages = finding.retrieval.passages
        if len(passages) < 2:
            return None
        first, second = passages[0], passages[1]
        if first.doc_key == second.doc_key or first.score - second.score > CLARIFY_GAP:
            return None
        # Choices the customer can read, between topics that differ: two passages saying the same
        # thing ("Delete your account", "Deleting your data and account") are no choice.
        if {first.lang, second.lang} != {lang} or self.kb.retriever.closeness(first.id, second.id) >= SAME_PASSAGE:
            return None
        options = tuple(dict.fromkeys(_topic(p) for p in (first, second)))
        return Clarify(options) if len(options) == 2 and all(options) else None

    def topic_menu(self, question: Question, finding: Finding) -> Clarify | None:
        """A broad question about one page's topic ("How do returns work?", "Will I pay customs
        duties?"): the page's sections, nearest first, as quick replies. No one passage answers
        such a question well, and the FAQ rows restating the page keep every margin small, so it
        was handed off; the question does name the page's topic (its title, clearly best), and the
        section tapped, read with the question, is found with confidence. A question naming no
        place, carrier or method is not offered sections titled for one."""
        # An intent with its own search ("where is my order?") already knows its topic.
        if finding.scorer_query is None or finding.intent.name != KB_QUESTION:
            return None
        doc_key, margin = self.kb.titles.best(finding.scorer_query)
        sections = self.kb.retriever.sections(doc_key, question.lang)
        if margin < TOPIC_MARGIN or len(sections) < 2:
            return None
        if not gazetteer.named(question.query):
            sections = {h: c for h, c in sections.items() if not gazetteer.named(h)}
        # The page's first section (where a page states its core rule: "Return window", "DDP and
        # DAP explained") and those nearest the question, in the page's order. On the widget's
        # chips, nearest alone left out the core rule; page order alone, the tracking section.
        closeness = self.finder.e5_closeness(finding.scorer_query)
        assert closeness is not None  # scorer_query is set
        heads = list(sections)
        nearest = sorted(heads[1:], key=lambda h: -float(np.max(closeness(sections[h]))))[: TOPIC_OPTIONS - 1]
        options = [h for h in heads if h == heads[0] or h in nearest]
        return Clarify(tuple(options)) if len(options) >= 2 else None


def _topic(passage: Passage) -> str:
    """What a passage is about, as a quick reply: its own heading, else its document's title."""
    return passage.headings.rsplit(" > ", 1)[-1].strip() or passage.title.strip()
