"""`triage eval --learn`: the cases as traffic, and a team that teaches the assistant as it goes.

The cases are played in one fixed shuffled order. After each answer case handed off (or asked
back), a simulated agent resolves it and confirms the gold answer: the section of a gold
document nearest the question (USE-m3), as an agent picking among the suggested sections
would. Later cases may then be answered from what was learned. Cases that expect a handoff
teach nothing, and neither do wrong answers (nobody handed them off). Each low-confidence handoff
resolved is also a label (`labelled`) that refits the threshold (assistant/decide/refit.py).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from assistant.decide.refit import Label
from assistant.knowledge.learned import AnswerKind, LearnedAnswer, LearnedQuestion, taught
from assistant.model.reasons import HandoffReason
from assistant.reply import Assistant
from assistant.understand.entities import mask_personal
from evals.cases import Case
from evals.runner import Outcome, Verdict, metrics, run_case

SEED = 0
BLOCK_SIZE = 25


def learning_run(assistant: Assistant, cases: Sequence[Case], seed: int = SEED, progress: Callable[[], None] | None = None) -> tuple[list[Outcome], dict]:
    """The outcomes in the order played, and the `learning` object of report.json."""
    order = list(cases)
    random.Random(seed).shuffle(order)
    outcomes: list[Outcome] = []
    answers: list[LearnedAnswer] = []
    labels: list[Label] = []
    learned_so_far: list[int] = []
    for case in order:
        outcome = run_case(assistant, case)
        outcomes.append(outcome)
        label = labelled(outcome)
        labels += [label] if label else []
        answer = confirmed(assistant, case, len(answers)) if case.expect == "answer" and outcome.verdict in (Verdict.HANDED_OFF, Verdict.CLARIFIED) else None
        answers = taught(answers, answer) if answer else answers
        if label or answer:
            assistant.learn(answers, labels)
        learned_so_far.append(sum(len(a.questions) for a in answers))
        if progress:
            progress()
    refit = {
        "on": assistant.settings.refit, "labels": len(labels), "kb_threshold": assistant.kb.threshold,
        "refit_threshold": assistant.refit.threshold if assistant.refit else None,
    }  # fmt: skip
    return outcomes, {**curve(outcomes, learned_so_far, seed), "refit": refit}


def confirmed(assistant: Assistant, case: Case, n: int) -> LearnedAnswer | None:
    """What the simulated agent confirms: the gold documents' section nearest the question."""
    vector = assistant.embedder.embed_query(case.text)
    best = assistant.retriever.nearest_in_sources(case.gold_sources, vector)
    if best is None:
        return None
    question = LearnedQuestion(mask_personal(case.text), case.lang)
    return LearnedAnswer(f"eval-{n}", AnswerKind.SECTION, (question,), best.lang, source=best.source, headings=best.headings)


def labelled(outcome: Outcome) -> Label | None:
    """The label the agent's resolve gives a low-confidence handoff (as api/labels.py keeps it):
    right when the page found first is a gold one the agent would confirm a section of; wrong for
    a case the KB cannot answer (the agent replies in their own words, or nothing is reusable)."""
    reply = outcome.reply
    if reply.handoff is None or list(reply.handoff.reasons) != [HandoffReason.LOW_CONFIDENCE] or not (reply.candidate and reply.candidate.sources):
        return None
    right = outcome.case.expect == "answer" and reply.candidate.sources[0].source in outcome.case.gold_sources
    return Label(reply.candidate.confidence or 0.0, right)


def curve(outcomes: list[Outcome], learned_so_far: list[int], seed: int) -> dict:
    blocks = []
    for start in range(0, len(outcomes), BLOCK_SIZE):
        block = outcomes[start : start + BLOCK_SIZE]
        figures = metrics(block)
        blocks.append({
            "cases": f"{start + 1}-{start + len(block)}", "resolution_rate": figures["resolution_rate"],
            "wrong_answer_rate": figures["wrong_answer_rate"], "learned_so_far": learned_so_far[start + len(block) - 1],
        })  # fmt: skip
    half = len(outcomes) // 2
    second = outcomes[half:]
    return {
        "seed": seed, "block_size": BLOCK_SIZE, "blocks": blocks,
        "first_half": _half(outcomes[:half]),
        "second_half": {**_half(second), "answered_from_learned": sum(o.answered and o.reply.reply.learned is not None for o in second)},
    }  # fmt: skip


def _half(outcomes: list[Outcome]) -> dict:
    figures = metrics(outcomes)
    return {k: figures[k] for k in ("resolution_rate", "wrong_answer_rate", "handoff_recall")}
