"""Run eval cases through the assistant and score them as EVAL_FORMAT.md says."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from assistant.conversation import Conversation, StoreContext
from assistant.language import detect_language
from assistant.turn import Replier, TurnResult
from evals.cases import Case


@dataclass(frozen=True)
class Outcome:
    case: Case
    reply: TurnResult
    latency_ms: float

    @property
    def handed_off(self) -> bool:
        return self.reply.handoff is not None

    @property
    def cited_gold(self) -> bool:
        return bool({s.source for s in self.reply.sources} & set(self.case.gold_sources))

    @property
    def resolved(self) -> bool:
        return self.case.expect == "answer" and not self.handed_off and self.cited_gold

    @property
    def wrong(self) -> bool:
        if self.case.expect == "answer":
            return not self.handed_off and not self.cited_gold
        return not self.handed_off

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
            conversation = conversation.after(assistant.reply(conversation, turn.text))
    started = time.perf_counter()
    reply = assistant.reply(conversation, case.text)
    return Outcome(case, reply, (time.perf_counter() - started) * 1000)


def run(assistant: Replier, cases: Iterable[Case], progress: Callable[[], None] | None = None) -> list[Outcome]:
    outcomes = []
    for case in cases:
        outcomes.append(run_case(assistant, case))
        if progress:
            progress()
    return outcomes


def metrics(outcomes: list[Outcome]) -> dict:
    """The headline figures of EVAL_FORMAT.md over ``outcomes``."""
    answer = [o for o in outcomes if o.case.expect == "answer"]
    handoff_expected = [o for o in outcomes if o.case.expect == "handoff"]
    handed = [o for o in outcomes if o.handed_off]
    ranks = [o.gold_rank for o in answer]
    latencies = [o.latency_ms for o in outcomes]
    return {
        "cases": len(outcomes),
        "resolution_rate": _ratio(sum(o.resolved for o in answer), len(answer)),
        "wrong_answer_rate": _ratio(sum(o.wrong for o in outcomes), len(outcomes)),
        "handoff_precision": _ratio(sum(o.case.expect == "handoff" for o in handed), len(handed)),
        "handoff_recall": _ratio(sum(o.handed_off for o in handoff_expected), len(handoff_expected)),
        "hit_at_1": _ratio(sum(r == 1 for r in ranks if r), len(answer)),
        "hit_at_5": _ratio(sum(r is not None and r <= 5 for r in ranks), len(answer)),
        "mrr_at_10": _ratio(sum(1 / r for r in ranks if r and r <= 10), len(answer)),
        "reply_language_accuracy": _ratio(sum(o.reply_lang == o.case.lang for o in outcomes), len(outcomes)),
        "latency_ms_p50": round(float(np.percentile(latencies, 50)), 2) if latencies else None,
        "latency_ms_p95": round(float(np.percentile(latencies, 95)), 2) if latencies else None,
    }


def handoff_recall_by_reason(outcomes: list[Outcome]) -> dict[str, float | None]:
    by_reason: defaultdict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        if o.case.expect == "handoff":
            by_reason[o.case.reason].append(o)
    return {r: _ratio(sum(o.handed_off for o in os_), len(os_)) for r, os_ in sorted(by_reason.items())}


def by_language(outcomes: list[Outcome]) -> dict[str, dict]:
    langs: defaultdict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        langs[o.case.lang].append(o)
    return {lang: metrics(os_) for lang, os_ in sorted(langs.items())}


def _ratio(num: float, den: int) -> float | None:
    return round(num / den, 4) if den else None
