"""What follows a sync: the second opinion's passage vectors, the KB's own answer threshold, and
the generation mark that tells running servers to read the KB again."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.config import CoreSettings
from assistant.knowledge.calibration import NOT_CALIBRATED, Calibration, calibrate_index
from assistant.knowledge.index import KnowledgeIndex
from assistant.knowledge.scoring import PassageScorer, open_scorer, sync_scorer_store
from assistant.reply import Assistant


@dataclass(frozen=True)
class Finished:
    scored: int  # chunks given a second-opinion vector
    calibration: Calibration | None
    generation: str  # what servers compare to know the KB changed (their /readyz shows theirs)

    def to_dict(self) -> dict:
        calibration = self.calibration.to_metadata() if self.calibration else None
        warning = None if self.calibration else NOT_CALIBRATED
        return {"scorer": {"embedded": self.scored}, "calibration": calibration, "calibration_warning": warning, "generation": self.generation}


def finish(settings: CoreSettings, index: KnowledgeIndex, changed: bool, scorer: PassageScorer | None = None) -> Finished:
    """Precompute the second-opinion vectors (so first questions do not pay for them) and, when
    the KB ``changed``, was never calibrated or was calibrated for another confidence model,
    choose its answer threshold (`assistant.calibration`). Last, mark the KB's generation: servers
    that see it move read the KB again, now that all of it is in place."""
    scorer = scorer or open_scorer(settings, index.name, settings.threads)
    scored = sync_scorer_store(index, scorer.store, scorer.embedder, settings.embed_batch)
    calibration = Calibration.from_metadata(index.notes)
    if calibration is None or changed or not calibration.current:
        calibration = calibrate_index(index, Assistant(settings, index, scorer=scorer).assess, settings.target_wrong_rate)
    return Finished(scored, calibration, index.mark_generation())
