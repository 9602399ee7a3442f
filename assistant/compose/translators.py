"""The translators a store has, in order of preference: installed argos packages, then the LLM."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.compose.translation import Translator


class Translators:
    def __init__(self, translators: Sequence[Translator | None] = ()) -> None:
        self.chain = [t for t in translators if t is not None]

    def for_pair(self, source: str, target: str) -> Translator | None:
        return next((t for t in self.chain if t.can_translate(source, target)), None)

    def covers(self, source: str, target: str) -> bool:
        return self.for_pair(source, target) is not None

    def can_translate(self, source: str | None, target: str) -> bool:
        """Whether ``source`` -> ``target`` needs no translator or has one."""
        return not source or source == target or self.covers(source, target)

    def translate(self, text: str, source: str | None, target: str) -> str | None:
        """``text`` in ``target`` when a translator covers the pair; None otherwise or when no change is needed."""
        if not source or source == target:
            return None
        translator = self.for_pair(source, target)
        return translator.translate(text, source, target) if translator else None
