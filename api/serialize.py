"""Stored rows as the API shows them."""

from __future__ import annotations

from api.case_schemas import HandoffBrief, HandoffInfo
from api.models import CaseNoteRow, HandoffRow, MessageRow
from api.schemas import Attachment, MessageOut, NoteOut


def message_out(m: MessageRow) -> MessageOut:
    attachment = None
    if m.attachment:
        a = m.attachment
        url = f"/v1/conversations/{m.conversation_id}/attachments/{a['id']}"
        attachment = Attachment(url=url, name=a["name"], content_type=a["content_type"], size=a["size"])
    return MessageOut(
        id=str(m.id), role=m.role, text=m.text, created_at=m.created_at, lang=m.lang, sources=m.sources or [],
        agent_name=m.agent_name, original_text=m.original_text, translated_text=m.translated_text,
        rating=m.rating, attachment=attachment,
        handoff=HandoffInfo(reasons=m.handoff_reasons) if m.handoff_reasons else None, notice=m.notice,
    )


def handoff_brief(h: HandoffRow) -> HandoffBrief:
    return HandoffBrief(id=h.id, status=h.status, reasons=h.reasons, agent_name=h.agent_name)


def note_out(n: CaseNoteRow) -> NoteOut:
    return NoteOut(id=str(n.id), agent_name=n.agent_name, text=n.text, created_at=n.created_at)
