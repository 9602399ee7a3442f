"""Run eval cases through the assistant and score them as docs/eval-format.md says.

Everything after `run` is a pure function of the outcomes: the headline figures, the verdict of
each case, and the threshold sweep that asks what a different answer threshold would have sent.
"""

from __future__ import annotations

import math
import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

import numpy as np

from assistant.model.conversation import Conversation, StoreContext, Turn
from assistant.model.reasons import THRESHOLD_FREE
from assistant.model.result import Replier, TurnResult
from assistant.understand.language import detect_language
from evals.cases import CASE_REASONS, Case

# Any dash matches any dash (docs/eval-format.md); ~ and 〜 write ranges in Chinese and Japanese
# ("4〜8日"), and NFKC has already turned the full-width ～ and － into ~ and -.
DASHES = "-‐‑‒–—―−﹣~〜"
# A dash with the spaces around it: "4 – 8" and "4-8" state the same range.
_DASH = re.compile(rf"\s*[{re.escape(DASHES)}]\s*")
_SPACE = re.compile(r"\s+")


class Verdict(str, Enum):
    """What became of one case; every case gets exactly one."""

    RESOLVED = "resolved"  # answer case: answered, citing a gold source, stating the fact
    WRONG_SOURCE = "wrong_source"  # answered, citing no gold source
    WRONG_FACT = "wrong_fact"  # answered from a gold source, but without any answer_contains string
    HANDED_OFF = "handed_off"  # answer case given to a person: not wrong, not resolved
    CLARIFIED = "clarified"  # a clarifying question, whatever the case expected: neither right nor wrong
    CORRECT_HANDOFF = "correct_handoff"  # handoff case given to a person
    NOT_HANDED_OFF = "not_handed_off"  # handoff case answered from the KB


WRONG = frozenset({Verdict.WRONG_SOURCE, Verdict.WRONG_FACT, Verdict.NOT_HANDED_OFF})
SUCCESS = frozenset({Verdict.RESOLVED, Verdict.CORRECT_HANDOFF})


def normalise(text: str) -> str:
    """Text as answer_contains compares it: NFKC (full-width digits and signs), case folded,
    every dash one hyphen without spaces around it, runs of whitespace one space."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE.sub(" ", _DASH.sub("-", text)).strip()


def contains_any(text: str, alternatives: tuple[str, ...]) -> bool:
    """Whether ``text`` holds one of ``alternatives``; True when there are none (no fact is pinned)."""
    if not alternatives:
        return True
    haystack = normalise(text)
    return any(normalise(a) in haystack for a in alternatives)


def answer_verdict(case: Case, answer: Turn) -> Verdict:
    """The verdict on ``answer`` had it been sent for ``case``."""
    if case.expect == "handoff":
        return Verdict.NOT_HANDED_OFF
    if not {s.source for s in answer.sources} & set(case.gold_sources):
        return Verdict.WRONG_SOURCE
    return Verdict.RESOLVED if contains_any(answer.text, case.answer_contains) else Verdict.WRONG_FACT


@dataclass(frozen=True)
class Outcome:
    case: Case
    reply: TurnResult
    latency_ms: float
    # What the customer chose after a clarifying question, when the run tried the choices: the
    # verdict on the first choice that resolved the case, else on the last one tried.
    after_choice: Verdict | None = None

    @property
    def handed_off(self) -> bool:
        return self.reply.handoff is not None

    @property
    def answered(self) -> bool:
        return self.reply.handoff is None and self.reply.clarify is None

    @property
    def verdict(self) -> Verdict:
        if self.reply.clarify is not None:
            return Verdict.CLARIFIED
        if self.handed_off:
            return Verdict.CORRECT_HANDOFF if self.case.expect == "handoff" else Verdict.HANDED_OFF
        return answer_verdict(self.case, self.reply.reply)

    @property
    def resolved(self) -> bool:
        return self.verdict is Verdict.RESOLVED

    @property
    def wrong(self) -> bool:
        return self.verdict in WRONG

    @property
    def would_answer(self) -> Turn | None:
        """The answer some answer threshold would send: the reply when answered, the candidate when
        only threshold-bound reasons (low_confidence, repeated_failure, out_of_scope) stopped it or
        a clarifying question took the place of a low-confidence handoff. None when no threshold
        would answer: a threshold-free handoff, nothing found."""
        if self.answered:
            return self.reply.reply
        if self.reply.clarify is not None:
            return self.reply.candidate
        if THRESHOLD_FREE & set(self.reply.handoff.reasons):
            return None
        return self.reply.candidate

    @property
    def gold_rank(self) -> int | None:
        """1-based rank of the first gold source among the retrieved documents."""
        gold = set(self.case.gold_sources)
        return next((i for i, s in enumerate(self.reply.retrieved, 1) if s in gold), None)

    @property
    def reply_lang(self) -> str:
        return detect_language(self.reply.text, default=self.reply.lang).lang


def run_case(assistant: Replier, case: Case) -> Outcome:
    conversation = Conversation(id=case.id, channel="eval", context=StoreContext(order_value=case.order_value))
    for turn in case.history:
        if turn.role == "customer":
            conversation = assistant.reply(conversation, turn.text).advance(conversation)
    started = time.perf_counter()
    reply = assistant.reply(conversation, case.text)
    latency = (time.perf_counter() - started) * 1000
    return Outcome(case, reply, latency, _after_choice(assistant, reply.advance(conversation), case, reply))


def _after_choice(assistant: Replier, conversation: Conversation, case: Case, reply: TurnResult) -> Verdict | None:
    """For a clarifying question on an answer case: each choice tapped in turn, as a customer who
    picks the topic they meant would; the verdict of the best one. An upper bound on what asking
    back buys: a real customer may pick wrong."""
    if reply.clarify is None or case.expect != "answer":
        return None
    verdicts = [Outcome(case, assistant.reply(conversation, option), 0.0).verdict for option in reply.clarify.options]
    return Verdict.RESOLVED if Verdict.RESOLVED in verdicts else verdicts[-1]


def run(assistant: Replier, cases: Iterable[Case], progress: Callable[[], None] | None = None) -> list[Outcome]:
    outcomes = []
    for case in cases:
        outcomes.append(run_case(assistant, case))
        if progress:
            progress()
    return outcomes


def metrics(outcomes: list[Outcome]) -> dict:
    """The headline figures of docs/eval-format.md over ``outcomes``."""
    answer = [o for o in outcomes if o.case.expect == "answer"]
    handoff_expected = [o for o in outcomes if o.case.expect == "handoff"]
    handed = [o for o in outcomes if o.handed_off]
    ranks = [o.gold_rank for o in answer]
    latencies = [o.latency_ms for o in outcomes]
    return {
        "cases": len(outcomes),
        "resolution_rate": _ratio(sum(o.resolved for o in answer), len(answer)),
        "wrong_answer_rate": _ratio(sum(o.wrong for o in outcomes), len(outcomes)),
        "clarification_rate": _ratio(sum(o.verdict is Verdict.CLARIFIED for o in answer), len(answer)),
        # of the answer cases clarified, the share the right choice then resolves (see Outcome.after_choice)
        "resolved_after_choice": _ratio(sum(o.after_choice is Verdict.RESOLVED for o in answer), sum(o.after_choice is not None for o in answer)),
        # A clarified handoff case is not handed off: it counts against recall, and not in precision.
        "handoff_precision": _ratio(sum(o.case.expect == "handoff" for o in handed), len(handed)),
        "handoff_recall": _ratio(sum(o.handed_off for o in handoff_expected), len(handoff_expected)),
        "hit_at_1": _ratio(sum(r == 1 for r in ranks if r), len(answer)),
        "hit_at_5": _ratio(sum(r is not None and r <= 5 for r in ranks), len(answer)),
        "mrr_at_10": _ratio(sum(1 / r for r in ranks if r and r <= 10), len(answer)),
        "reply_language_accuracy": _ratio(sum(o.reply_lang == o.case.lang for o in outcomes), len(outcomes)),
        "confidence_auc": confidence_auc(outcomes),
        "latency_ms_p50": round(float(np.percentile(latencies, 50)), 2) if latencies else None,
        "latency_ms_p95": round(float(np.percentile(latencies, 95)), 2) if latencies else None,
    }


def confidence_auc(outcomes: list[Outcome]) -> float | None:
    """How well confidence ranks right answers above wrong ones, over every answer found, sent or
    not (as the sweep and the reliability curve): over the sent ones only, the threshold has already
    cut the range (on the sample dev split 0.54 there against 0.83 here)."""
    judged = [(turn.confidence or 0.0, answer_verdict(o.case, turn)) for o in outcomes if (turn := o.would_answer)]
    return auc([c for c, v in judged if v is Verdict.RESOLVED], [c for c, v in judged if v in WRONG])


def auc(positives: list[float], negatives: list[float]) -> float | None:
    """The chance that a random positive scores above a random negative, ties counting half;
    None unless there are both."""
    if not positives or not negatives:
        return None
    p, n = np.asarray(positives, dtype=float)[:, None], np.asarray(negatives, dtype=float)[None, :]
    return round(float((p > n).mean() + 0.5 * (p == n).mean()), 4)


def failure_counts(outcomes: list[Outcome]) -> dict[str, int]:
    """How many cases failed in each way, most frequent first."""
    return dict(Counter(o.verdict.value for o in outcomes if o.verdict not in SUCCESS).most_common())


def handoff_recall_by_reason(outcomes: list[Outcome]) -> dict[str, float | None]:
    """Per kind of handoff case: the share handed to a person, for whatever reason."""
    by_reason: defaultdict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        if o.case.expect == "handoff":
            by_reason[o.case.reason].append(o)
    return {r: _ratio(sum(o.handed_off for o in os_), len(os_)) for r, os_ in sorted(by_reason.items())}


def handoffs_by_reason(outcomes: list[Outcome]) -> dict[str, int]:
    """How many handoffs gave each reason (a handoff can give several)."""
    given = Counter(r.value for o in outcomes if o.handed_off for r in o.reply.handoff.reasons)
    return dict(sorted(given.items()))


def handoff_precision_by_reason(outcomes: list[Outcome]) -> dict[str, float | None]:
    """Per reason the assistant gave: the share of those handoffs whose case is of that kind.

    None for repeated_failure, which no case kind names: its count says how often it fired."""
    given = handoffs_by_reason(outcomes)
    right = Counter(
        r.value for o in outcomes if o.handed_off for r in o.reply.handoff.reasons if r.value == o.case.reason
    )
    return {r: _ratio(right[r], n) if r in CASE_REASONS else None for r, n in given.items()}


def by_language(outcomes: list[Outcome]) -> dict[str, dict]:
    langs: defaultdict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        langs[o.case.lang].append(o)
    return {lang: metrics(os_) for lang, os_ in sorted(langs.items())}


def sweep_point(outcomes: list[Outcome], threshold: float) -> dict:
    """Resolution and wrong answers had every `would_answer` at or above ``threshold`` been sent.

    A history is not replayed per threshold, so a repeated_failure that a lower threshold would have
    avoided is judged as the turn's candidate only."""
    sent = [(o.case, turn) for o in outcomes if (turn := o.would_answer) and (turn.confidence or 0.0) >= threshold]
    verdicts = [answer_verdict(case, turn) for case, turn in sent]
    answer_cases = sum(o.case.expect == "answer" for o in outcomes)
    return {
        "threshold": threshold,
        "resolution_rate": round(verdicts.count(Verdict.RESOLVED) / max(answer_cases, 1), 4),
        "wrong_answer_rate": round(sum(v in WRONG for v in verdicts) / max(len(outcomes), 1), 4),
    }


def operating_points(outcomes: list[Outcome]) -> list[dict]:
    """A sweep point at every distinct confidence (floored to 4 decimals), from everything answered
    to nothing answered, so that no better operating point falls between grid steps."""
    confidences = [turn.confidence or 0.0 for o in outcomes if (turn := o.would_answer)]
    thresholds = sorted({math.floor(c * 10_000) / 10_000 for c in confidences})
    nothing = round(max(confidences, default=0.0) + 0.0001, 4)
    return [sweep_point(outcomes, t) for t in [*thresholds, nothing]]


def best_at_wrong(points: list[dict], ceiling: float) -> dict:
    """The point with the most resolution at a wrong-answer rate within ``ceiling``; among equals the
    fewest wrong answers, then the higher threshold."""
    allowed = [p for p in points if p["wrong_answer_rate"] <= ceiling] or points[-1:]
    return max(allowed, key=lambda p: (p["resolution_rate"], -p["wrong_answer_rate"], p["threshold"]))


def reliability(outcomes: list[Outcome], bins: int = 10) -> list[dict]:
    """Observed accuracy per confidence bin over every `would_answer`: is confidence 0.8 right 80% of the time?"""
    binned: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for o in outcomes:
        if turn := o.would_answer:
            c = turn.confidence or 0.0
            binned[min(max(int(c * bins), 0), bins - 1)].append((c, answer_verdict(o.case, turn) is Verdict.RESOLVED))
    return [
        {"low": b / bins, "high": (b + 1) / bins, "count": len(inside),
         "accuracy": _ratio(sum(right for _, right in inside), len(inside)),
         "mean_confidence": _ratio(sum(c for c, _ in inside), len(inside))}
        for b, inside in enumerate(binned)
    ]  # fmt: skip


def _ratio(num: float, den: int) -> float | None:
    return round(num / den, 4) if den else None
