"""Fixed windows counted in the database, so every worker sees the same count."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from api.errors import ApiError
from api.models import RateRow

# Rate keys are bounded by the column (varchar(120)); a longer key is cut, never an error.
MAX_KEY = 120


class RateLimits:
    """Windows of ``window`` seconds (TRIAGE_RATE_WINDOW_SECONDS, one minute) on ``clock``, seconds
    since the epoch: the app's clock, which tests move instead of waiting for the next minute."""

    def __init__(self, window: int = 60, clock: Callable[[], float] = time.time) -> None:
        self.window, self.clock = window, clock

    def hit(self, session: Session, *limits: tuple[str, int]) -> None:
        """Count one request against each (key, limit) and commit; any key over its limit in this
        window raises 429 with Retry-After.

        It counts on the request's own session: asking the pool for a second connection while the
        request holds one deadlocked the pool under load (32 posts at once: 17 waited 30 s for a
        connection and failed)."""
        now = self.clock()
        window = int(now // self.window)
        insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
        counts = []
        for key, limit in limits:
            statement = (
                insert(RateRow)
                .values(key=key[:MAX_KEY], window=window, count=1)
                .on_conflict_do_update(index_elements=["key", "window"], set_={"count": RateRow.count + 1})
                .returning(RateRow.count)
            )
            counts.append((session.execute(statement).scalar_one(), limit))
        if window % 10 == 0 and counts[0][0] == 1:  # now and then, forget old windows
            session.execute(delete(RateRow).where(RateRow.window < window - 1))
        session.commit()
        if any(count > limit for count, limit in counts):
            retry = max(1, int((window + 1) * self.window - now))
            raise ApiError(429, "rate_limited", f"Too many requests; try again in {retry} s.", {"Retry-After": str(retry)})

    def tally(self, session: Session, key: str) -> None:
        """Count one event against ``key`` in this window, without a limit of its own: the caller
        reads `count` and decides."""
        self.hit(session, (key, 2**31 - 1))

    def count(self, session: Session, key: str) -> int:
        """Hits of ``key`` in this window so far; looking does not count as a hit."""
        query = select(RateRow.count).where(RateRow.key == key[:MAX_KEY], RateRow.window == int(self.clock() // self.window))
        return session.scalar(query) or 0
