"""Eval cases in the eval format (docs/eval-format.md): load and check them.

Unknown fields are ignored, so case files written by other people for other KBs run unchanged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import ConfigError

EXPECTS = ("answer", "handoff")
# The kinds of case the contract names in `reason`.
CASE_REASONS = ("kb", "human_request", "complaint", "dispute", "out_of_scope", "high_value", "low_confidence")


@dataclass(frozen=True)
class HistoryTurn:
    role: str
    text: str


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    lang: str
    expect: str
    reason: str
    gold_sources: tuple[str, ...]
    order_value: float | None = None
    history: tuple[HistoryTurn, ...] = ()
    tags: tuple[str, ...] = field(default_factory=tuple)
    # Alternatives, one of which the reply must contain: they pin the fact, not only the document.
    answer_contains: tuple[str, ...] = ()


def load_cases(path: Path) -> list[Case]:
    cases, seen = [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            case = _case(raw)
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{path}:{n}: not a valid eval case ({exc}); see docs/eval-format.md") from exc
        if case.id in seen:
            raise ConfigError(f"{path}:{n}: duplicate case id {case.id!r}")
        seen.add(case.id)
        cases.append(case)
    return cases


def _case(raw: dict) -> Case:
    if raw["expect"] not in EXPECTS:
        raise ValueError(f"expect must be one of {EXPECTS}")
    value = raw.get("order_value")
    return Case(
        id=str(raw["id"]),
        text=str(raw["text"]),
        lang=str(raw["lang"]),
        expect=raw["expect"],
        reason=str(raw.get("reason", "kb")),
        gold_sources=tuple(raw.get("gold_sources") or ()),
        order_value=float(value) if value is not None else None,
        history=tuple(HistoryTurn(str(t.get("role", "customer")), str(t["text"])) for t in raw.get("history") or ()),
        tags=tuple(raw.get("tags") or ()),
        answer_contains=_answer_contains(raw.get("answer_contains")),
    )


def _answer_contains(value) -> tuple[str, ...]:
    """A list of strings; a lone string is read as a list of one rather than as its characters."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("answer_contains must be a list of strings")
    return tuple(value)
