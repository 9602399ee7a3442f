"""A seeded set of conversations whose insights figures are known (see `seed`), written as the
service stores them, with chosen days and times, so every figure can be worked out by hand."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from api.models import ConversationRow, CsatRow, HandoffRow, HandoffStatus, MessageRow

D1, D2 = datetime(2026, 11, 2, 10, 0, tzinfo=UTC), datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
RANGE = {"from": "2026-11-01", "to": "2026-11-03"}
SHIPPING = [{"source": "shipping.md", "title": "Shipping", "url": None}]
WATERPROOF = 'Is the "Fjord" jacket waterproof, really? I paid with 4111 1111 1111 1111'
NORWAY_ES = "¿Envían a Noruega?"
NORWAY_EN = "Do you ship to Norway? Write to anna@example.com"


def _conversation(session, created: datetime, lang: str | None, turns: list[dict], cases=(), csat=()) -> str:
    """One conversation: ``turns`` as message fields (role first), ``cases`` as handoff fields."""
    cid = str(uuid.uuid4())
    session.add(ConversationRow(id=cid, token_hash="x" * 64, lang=lang, created_at=created, updated_at=created, context={}))
    session.flush()
    for turn in turns:
        session.add(MessageRow(conversation_id=cid, text=turn.pop("text", "…"), created_at=created, **turn))
        session.flush()  # ids in order
    for case in cases:
        session.add(HandoffRow(id=str(uuid.uuid4()), conversation_id=cid, created_at=created, **case))
    for score in csat:
        session.add(CsatRow(conversation_id=cid, score=score, created_at=created))
    return cid


def seed(client) -> None:
    """SEEDED, in range (1-3 Nov 2026), 6 conversations:
    c1 en D1: answered, thumbs up, CSAT 5                         -> resolved by the assistant
    c2 en D1: answered, thumbs down                              -> not resolved; a gap (thumbs_down)
    c3 es D1: low-confidence handoff, waited 120 s, handled 600 s, CSAT 3; a gap
    c4 es D2: asked back, then answered                          -> resolved; 1 of 2 weighed turns asked back
    c5 de D2: complaint + high value handoff, waited 300 s, still held; an agent notice (not weighed)
    c6 en D2: low-confidence handoff, never claimed; a gap
    Out: c7 (no customer message) and c8 (31 Oct)."""
    A, C = "assistant", "customer"
    with client.app.state.sessions() as s:
        _conversation(s, D1, "en", [{"role": C, "text": "Do you ship to Germany?"}, {"role": A, "sources": SHIPPING, "confidence": 0.9, "rating": "up"}], csat=[5])
        _conversation(s, D1 + timedelta(hours=1), "en", [{"role": C, "text": WATERPROOF}, {"role": A, "sources": SHIPPING, "confidence": 0.7, "rating": "down"}])
        _conversation(
            s, D1 + timedelta(hours=2), "es",
            [{"role": C, "text": NORWAY_ES, "lang": "es"}, {"role": A, "confidence": 0.2, "handoff_reasons": ["low_confidence"]}],
            cases=[{"reasons": ["low_confidence"], "status": HandoffStatus.RESOLVED, "claimed_at": D1 + timedelta(hours=2, seconds=120),
                    "resolved_at": D1 + timedelta(hours=2, seconds=720)}], csat=[3],
        )  # fmt: skip
        _conversation(s, D2, "es", [
            {"role": C, "text": "¿Puedo cambiarlo?"}, {"role": A, "confidence": 0.5},
            {"role": C, "text": "Devoluciones"}, {"role": A, "sources": SHIPPING, "confidence": 0.8},
        ])  # fmt: skip
        _conversation(
            s, D2 + timedelta(hours=1), "de",
            [{"role": C, "text": "Das ist eine Frechheit!"}, {"role": A, "confidence": 0.8, "handoff_reasons": ["complaint", "high_value"]},
             {"role": A, "text": "Anna ist jetzt da."}],
            cases=[{"reasons": ["complaint", "high_value"], "status": HandoffStatus.CLAIMED, "claimed_at": D2 + timedelta(hours=1, seconds=300)}],
        )  # fmt: skip
        _conversation(
            s, D2 + timedelta(hours=2), "en",
            [{"role": C, "text": NORWAY_EN}, {"role": A, "confidence": 0.1, "handoff_reasons": ["low_confidence"]}],
            cases=[{"reasons": ["low_confidence"]}],
        )  # fmt: skip
        _conversation(s, D2, "en", [])
        _conversation(s, datetime(2026, 10, 31, 23, 59, tzinfo=UTC), "en", [{"role": C, "text": "Old"}, {"role": A, "sources": SHIPPING, "confidence": 0.9}])
        s.commit()
