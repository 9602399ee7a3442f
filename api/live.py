"""Live updates for the open widgets: one database poll per worker and tick, whatever the number of streams.

Each stream used to poll the database on its own every half second: 200 idle widgets cost a
quarter of a core (0.27 of 2, measured with evals/bench/soak.py's streams). The feed asks once
per tick for the newest message id and the status of every watched conversation, and wakes
only the streams whose conversation changed; those then read their new messages. Every worker
reads the database, so an agent's reply reaches the customer whichever worker either talks to.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from api.models import ConversationRow, MessageRow

State = tuple[int, str, str | None, datetime | None]  # newest message id, status, agent name, agent typing at

# An agent's typing pings: the inbox sends one every few seconds while the agent writes; the
# server keeps at most one per TYPING_PING_SECONDS (each is a database write every worker reads),
# and the widget shows "typing" for TYPING_SHOWN_SECONDS after the last, unless a message comes first.
TYPING_PING_SECONDS = 2.0
TYPING_SHOWN_SECONDS = 6.0
KEEP_ALIVE_SECONDS = 15


@dataclass(eq=False)
class Watch:
    conversation_id: str
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    latest: State | None = None


class LiveFeed:
    def __init__(self, sessions: sessionmaker[Session], interval: float) -> None:
        self._sessions, self.interval = sessions, interval
        self._watches: set[Watch] = set()
        self._task: asyncio.Task | None = None

    @asynccontextmanager
    async def watch(self, conversation_id: str) -> AsyncIterator[Watch]:
        """A watch whose `changed` event is set whenever the conversation gets a message or a new status."""
        watch = Watch(conversation_id)
        self._watches.add(watch)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._poll())
        try:
            yield watch
        finally:
            self._watches.discard(watch)

    async def changes(self, conversation_id: str, disconnected: Callable[[], Awaitable[bool]]) -> AsyncIterator[str | None]:
        """What a stream of the conversation sends: None each time it changed (the stream reads
        what is new), and a keep-alive comment after KEEP_ALIVE_SECONDS without a change; until
        ``disconnected()``."""
        async with self.watch(conversation_id) as watch:
            while not await disconnected():
                try:
                    await asyncio.wait_for(watch.changed.wait(), KEEP_ALIVE_SECONDS)
                except TimeoutError:
                    yield ": keep-alive\n\n"  # proxies close streams that stay silent
                    continue
                watch.changed.clear()
                yield None

    async def _poll(self) -> None:
        while self._watches:
            states = await run_in_threadpool(self._read, {w.conversation_id for w in self._watches})
            for watch in list(self._watches):
                now = states.get(watch.conversation_id)
                if now != watch.latest:
                    watch.latest = now
                    watch.changed.set()
            await asyncio.sleep(self.interval)

    def _read(self, conversation_ids: set[str]) -> dict[str, State]:
        newest = (
            select(func.max(MessageRow.id))
            .where(MessageRow.conversation_id == ConversationRow.id)
            .correlate(ConversationRow)
            .scalar_subquery()
        )
        query = select(
            ConversationRow.id, newest, ConversationRow.status, ConversationRow.agent_name, ConversationRow.agent_typing_at
        ).where(ConversationRow.id.in_(conversation_ids))
        with self._sessions() as session:
            return {
                cid: (last or 0, str(status.value), agent, typing)
                for cid, last, status, agent, typing in session.execute(query)
            }


def aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; every one stored here is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def typing_now(typed_at: datetime | None, now: datetime) -> bool:
    """Whether an agent's last ping is recent enough for the customer to see them typing."""
    return typed_at is not None and now - aware(typed_at) < timedelta(seconds=TYPING_SHOWN_SECONDS)
