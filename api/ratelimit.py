"""Fixed one-minute windows counted in the database, so every worker sees the same count."""

from __future__ import annotations

import time

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from api.errors import ApiError
from api.models import RateRow

WINDOW = 60


def hit(engine: Engine, *limits: tuple[str, int]) -> None:
    """Count one request against each (key, limit), in one transaction; any key over its limit
    in this window raises 429 with Retry-After."""
    now = time.time()
    window = int(now // WINDOW)
    insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    with engine.begin() as connection:
        counts = []
        for key, limit in limits:
            statement = (
                insert(RateRow)
                .values(key=key, window=window, count=1)
                .on_conflict_do_update(index_elements=["key", "window"], set_={"count": RateRow.count + 1})
                .returning(RateRow.count)
            )
            counts.append((connection.execute(statement).scalar_one(), limit))
        if window % 10 == 0 and counts[0][0] == 1:  # now and then, forget old windows
            connection.execute(delete(RateRow).where(RateRow.window < window - 1))
    if any(count > limit for count, limit in counts):
        retry = max(1, int((window + 1) * WINDOW - now))
        raise ApiError(429, "rate_limited", f"Too many requests; try again in {retry} s.", {"Retry-After": str(retry)})


def count(engine: Engine, key: str) -> int:
    """Hits of ``key`` in this window so far; looking does not count as a hit."""
    with engine.connect() as connection:
        query = select(RateRow.count).where(RateRow.key == key, RateRow.window == int(time.time() // WINDOW))
        return connection.scalar(query) or 0
