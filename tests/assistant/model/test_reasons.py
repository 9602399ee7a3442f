"""Every handoff reason is described once, and everything that shows or decides it has it.

Adding a reason to `HandoffReason` fails here until its spec, its intent exemplars (when the
classifier names it), its label on the insights page and its badge colour in the inbox exist.
"""

import re
from pathlib import Path

import pytest

from assistant.locales import supported_languages
from assistant.locales.intents import _intents
from assistant.model.reasons import SPECS, HandoffReason, Tone

STATIC = Path(__file__).resolve().parents[3] / "api" / "static"


@pytest.mark.parametrize("reason", list(HandoffReason))
def test_every_reason_has_a_spec(reason):
    spec = SPECS[reason]
    assert spec.label and spec.words and spec.weight > 0


@pytest.mark.parametrize("lang", supported_languages())
def test_every_reason_the_classifier_names_has_exemplars_in_every_language(lang):
    named = {r.value for r, s in SPECS.items() if s.intent}
    missing = {r for r in named if not _intents(lang).get(r, {}).get("exemplars")}
    assert not missing, f"{lang}.yaml lacks exemplars for {sorted(missing)}"


def test_the_insights_page_labels_every_reason_as_its_spec_does():
    script = (STATIC / "insights.js").read_text(encoding="utf-8")
    block = re.search(r"const REASONS = \{(.*?)\};", script, re.S).group(1)
    labels = dict(re.findall(r'(\w+): "([^"]+)"', block))
    assert labels == {r.value: s.label for r, s in SPECS.items()}


def test_the_inbox_colours_every_urgent_or_cautionary_reason():
    css = (STATIC / "agent.css").read_text(encoding="utf-8")
    for reason, spec in SPECS.items():
        if spec.tone is not Tone.PLAIN:
            assert re.search(rf"\.badge\.reason\.{reason.value}\b", css), f"agent.css has no badge colour for {reason.value}"


def test_the_queue_ranks_a_dispute_above_a_question_the_kb_lacked():
    assert SPECS[HandoffReason.DISPUTE].weight > SPECS[HandoffReason.HIGH_VALUE].weight > SPECS[HandoffReason.LOW_CONFIDENCE].weight
