"""`triage eval --learn`: the cases as traffic, and a team that teaches the assistant as it goes.

The cases are played in one fixed shuffled order. After each answer case handed off (or asked
back), a simulated agent resolves it and confirms the gold answer: the section of a gold
document nearest the question (USE-m3), as an agent picking among the suggested sections
would. Later cases may then be answered from what was learned. Cases that expect a handoff
teach nothing, and neither do wrong answers (nobody handed them off).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from assistant.knowledge.learned import AnswerKind, LearnedAnswer, LearnedQuestion, taught
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
    learned_so_far: list[int] = []
    for case in order:
        outcome = run_case(assistant, case)
        outcomes.append(outcome)
        if case.expect == "answer" and outcome.verdict in (Verdict.HANDED_OFF, Verdict.CLARIFIED) and (answer := confirmed(assistant, case, len(answers))):
            answers = taught(answers, answer)
            assistant.learn(answers)
        learned_so_far.append(sum(len(a.questions) for a in answers))
        if progress:
            progress()
    return outcomes, curve(outcomes, learned_so_far, seed)


def confirmed(assistant: Assistant, case: Case, n: int) -> LearnedAnswer | None:
    """What the simulated agent confirms: the gold documents' section nearest the question."""
    vector = assistant.embedder.embed_query(case.text)
    best = assistant.retriever.nearest_in_sources(case.gold_sources, vector)
    if best is None:
        return None
    question = LearnedQuestion(mask_personal(case.text), case.lang)
    return LearnedAnswer(f"eval-{n}", AnswerKind.SECTION, (question,), best.lang, source=best.source, headings=best.headings)


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
