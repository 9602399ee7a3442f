"""The insights' arithmetic and their date range."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.errors import DateRangeError
from assistant.insights import ConversationFacts, date_range, report
from assistant.model.reasons import HandoffReason

TODAY = date(2026, 11, 28)


def facts(**changes) -> ConversationFacts:
    base = dict(day=date(2026, 11, 27), lang="en", answered=True, handoff_reasons=frozenset(), weighed_turns=1, asked_back=0,
                thumbs_up=0, thumbs_down=0)  # fmt: skip
    return ConversationFacts(**(base | changes))


def test_resolution_needs_an_answer_no_person_and_no_thumbs_down():
    assert facts().resolved_by_assistant
    assert not facts(answered=False).resolved_by_assistant  # only asked back, then left
    assert not facts(handoff_reasons=frozenset({HandoffReason.HUMAN_REQUEST})).resolved_by_assistant
    assert not facts(thumbs_down=1).resolved_by_assistant


def test_days_and_languages_add_up_to_the_total():
    data = report(
        [facts(), facts(lang="es", waits=(10.0, 30.0), csat=(4,)), facts(day=date(2026, 11, 28), lang="es", waits=(50.0,))],
        date(2026, 11, 26), TODAY,
    )
    assert [d["conversations"] for d in data["by_day"]] == [0, 2, 1]
    assert [(g["lang"], g["conversations"]) for g in data["by_language"]] == [("es", 2), ("en", 1)]
    assert data["total"]["median_wait_seconds"] == 30.0 and data["total"]["csat"]["mean"] == 4.0
    assert data["by_day"][0]["resolution_rate"] is None and data["by_day"][0]["csat"]["mean"] is None


def test_the_default_range_is_the_last_thirty_days():
    assert date_range(None, None, TODAY) == (date(2026, 10, 30), TODAY)
    assert date_range(None, "2026-11-10", TODAY) == (date(2026, 10, 12), date(2026, 11, 10))
    assert date_range("2026-11-01", None, TODAY) == (date(2026, 11, 1), TODAY)


@pytest.mark.parametrize("start,end", [("2026-11-5", None), ("2026-02-30", None), ("2026-11-20", "2026-11-10"), ("2025-01-01", "2026-11-01")])
def test_bad_ranges_say_what_is_wrong(start, end):
    with pytest.raises(DateRangeError):
        date_range(start, end, TODAY)
