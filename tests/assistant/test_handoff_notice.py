"""What a customer is told when a person takes over: the wait within business hours, when the
team is back outside them, and a short acknowledgement while their case already waits."""

from datetime import UTC, datetime

import pytest

from assistant.knowledge.index import open_index
from assistant.knowledge.scoring import open_scorer
from assistant.model.conversation import Conversation, Service
from assistant.reply import Assistant
from tests.utils.turn import ask

SATURDAY_EVENING = datetime(2026, 11, 28, 18, 0, tzinfo=UTC)  # 19:00 in Amsterdam, after closing
FRIDAY_MORNING = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def index(kb_settings, use_m3):
    return open_index(kb_settings, use_m3)


def store_at(kb_settings, index, moment: datetime) -> Assistant:
    settings = kb_settings.model_copy(
        update={"business_hours": "Mon-Fri 08:00-20:00; Sat 09:00-17:00", "timezone": "Europe/Amsterdam"}
    )
    return Assistant(settings, index, scorer=open_scorer(settings, index.name, 2), clock=lambda: moment)


def test_within_hours_the_typical_wait_is_told(kb_settings, index):
    bot = store_at(kb_settings, index, FRIDAY_MORNING)
    measured, _ = ask(bot, "I want to talk to a person", Conversation(service=Service(typical_wait_minutes=25)))
    assert "within about 25 minutes" in measured.text and measured.handoff.back_at is None
    assert not measured.handoff.to_dict()["out_of_hours"]
    unknown, _ = ask(bot, "I want to talk to a person")
    assert "within about" not in unknown.text and "team" in unknown.text  # nothing measured or configured: no number promised
    configured = Assistant(bot.settings.model_copy(update={"handoff_wait_minutes": 10}), index, scorer=bot.scorer, clock=lambda: FRIDAY_MORNING)
    told, _ = ask(configured, "I want to talk to a person")
    assert "within about 10 minutes" in told.text  # TRIAGE_HANDOFF_WAIT_MINUTES until claims measure it


def test_out_of_hours_the_customer_learns_when_the_team_is_back_and_may_leave_an_email(kb_settings, index):
    bot = store_at(kb_settings, index, SATURDAY_EVENING)
    result, _ = ask(bot, "I want to talk to a person")
    assert "when we are back, on Monday, November 30, 2026 at 8:00\u202fAM (Netherlands Time)" in result.text, result.text
    assert "leave your email address" in result.text and "within about" not in result.text
    assert result.handoff.to_dict()["out_of_hours"] and result.handoff.back_at.isoformat() == "2026-11-30T08:00:00+01:00"


def test_out_of_hours_time_is_told_in_the_customers_zone_and_language(kb_settings, index):
    bot = store_at(kb_settings, index, SATURDAY_EVENING)
    result, _ = ask(bot, "Ich möchte mit einem Menschen sprechen", Conversation(timezone="America/New_York"))
    # 08:00 in Amsterdam is 02:00 in New York; the customer's own zone needs no name
    assert "ab Montag, 30. November 2026 um 02:00" in result.text and "E-Mail-Adresse" in result.text, result.text
    assert "(" not in result.text


def test_a_waiting_case_gets_an_acknowledgement_not_the_notice_again(kb_settings, index):
    bot = store_at(kb_settings, index, FRIDAY_MORNING)
    result, _ = ask(bot, "This is a disgrace, my parcel is three weeks late!", Conversation(service=Service(case_waiting=True)))
    assert result.handoff is not None and "added this to your request" in result.text and "within about" not in result.text
