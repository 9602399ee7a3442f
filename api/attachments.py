"""What an uploaded file is, read from its bytes (the type a client declares is not believed), and how it is served."""

from __future__ import annotations

import re

from fastapi.responses import FileResponse
from sqlalchemy.orm import Session

from api.errors import ApiError
from api.inputs import uuid_id
from api.settings import Settings
from api.store import messages_of

# Magic numbers at offset 0 (WebP also needs "WEBP" at offset 8, see `detect_type`).
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
)
ALLOWED_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"}

# Text a browser could run or render as a page if it ever sniffed it: markup, SVG, script.
ACTIVE = re.compile(
    rb"<\s*(!doctype|\?xml|html|head|body|script|svg|iframe|frame|object|embed|img|a\s|meta|link|style|form|base|xml)"
    rb"|javascript\s*:|<!\[cdata\[",
    re.IGNORECASE,
)


def detect_type(data: bytes) -> str | None:
    """The accepted type the bytes are, or None: active content, binary of another kind, empty."""
    for magic, content_type in SIGNATURES:
        if data.startswith(magic):
            return content_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "text/plain" if _plain_text(data) else None


def _plain_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return bool(text) and "\x00" not in text and not ACTIVE.search(data)


def serve_attachment(session: Session, settings: Settings, conversation_id: str, attachment_id: str) -> FileResponse:
    """The file of a message of this conversation, with the type its bytes showed on upload.

    Images show inline; anything else downloads. Sniffing off and a sandbox, so a file stored
    before types were checked cannot run as a page of this origin (SVG and HTML are never accepted)."""
    missing = ApiError(404, "not_found", "No such attachment in this conversation.")
    uuid_id(attachment_id, missing.message)
    message = next((m for m in messages_of(session, conversation_id) if m.attachment and m.attachment["id"] == attachment_id), None)
    path = settings.attachments_dir / attachment_id
    if message is None or not path.is_file():
        raise missing
    meta = message.attachment
    inline = meta["content_type"] in ALLOWED_TYPES and meta["content_type"].startswith("image/")
    return FileResponse(
        path, media_type=meta["content_type"], filename=meta["name"], content_disposition_type="inline" if inline else "attachment",
        headers={"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox"},
    )
