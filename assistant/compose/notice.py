"""What the customer is told when a person takes over: the wait, or when the team is back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from assistant.config import CoreSettings
from assistant.hours import known_zone
from assistant.locales import format_moment, phrase, plural_phrase, zone_name
from assistant.understand.question import Question


class HandoffNotice:
    def __init__(self, settings: CoreSettings, clock: Callable[[], datetime]) -> None:
        self.settings, self.clock, self.hours = settings, clock, settings.hours()

    def __call__(self, question: Question) -> tuple[str, datetime | None]:
        """The notice, and when the team is back if it is away: the typical wait within business
        hours, the next opening outside them (in the customer's time zone when the widget gave it).
        A case already waiting gets a short acknowledgement instead of the notice again."""
        lang, service = question.lang, question.conversation.service
        if service.case_waiting:
            return phrase("case_waiting", lang), None
        now = self.clock()
        hours = self.hours
        if hours is None or hours.is_open(now) or (back := hours.next_opening(now)) is None:
            minutes = service.typical_wait_minutes or self.settings.handoff_wait_minutes
            return phrase("handoff", lang, wait=plural_phrase("wait", lang, minutes, minutes=minutes) if minutes else ""), None
        theirs = known_zone(question.conversation.timezone)
        day, clock = format_moment(back.astimezone(theirs or hours.zone), lang)
        zone = "" if theirs else phrase("zone", lang, zone=zone_name(hours.zone, lang))
        wait = phrase("wait_closed", lang, day=day, time=clock, zone=zone)
        return f"{phrase('handoff', lang, wait=wait)} {phrase('leave_email', lang)}", back
