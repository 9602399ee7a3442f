"""What an uploaded file is, read from its bytes: the type a client declares is not believed."""

from __future__ import annotations

import re

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
