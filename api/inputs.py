"""Untrusted input made safe to store and to look up: text, store context, ids and request ids."""

from __future__ import annotations

import math
import re
import unicodedata
import uuid

from api.errors import ApiError

# C0 and C1 controls except tab and newline (NUL included: PostgreSQL text cannot hold it).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Half of a surrogate pair: JSON can escape one ("\ud800"), UTF-8 cannot encode it.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Ids are uuid4() strings (conversations, cases) or their hex (attachments); nothing else can exist.
_UUID = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")
# Message ids are a 32-bit INTEGER column: PostgreSQL answers "integer out of range" (a 500) to 2**31.
MAX_ID = 2**31 - 1
_DIGITS = re.compile(r"^[0-9]{1,10}$")
# The width of the customer_ref column, and plenty for a name, an order number or a tier.
CONTEXT_TEXT_CHARS = 200
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# Unicode categories that show nothing on their own: controls, format (zero-width, bidi), separators.
_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}


def clean_text(text: str) -> str:
    """The text without controls (tab and newline stay, CR becomes newline) and lone surrogates as U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _LONE_SURROGATE.sub("\ufffd", _CONTROLS.sub("", text))


def file_name(name: str | None, limit: int = 200) -> str:
    """An uploaded file's name to show: its last path segment on one line, never empty."""
    base = " ".join(clean_text(re.split(r"[\\/]", name or "")[-1]).split())[:limit]
    return base if base not in ("", ".", "..") and not is_blank(base) else "file"


def is_blank(text: str) -> bool:
    """True when nothing would show: only spaces, controls, zero-width or direction marks."""
    return all(unicodedata.category(c) in _INVISIBLE for c in text)


def clean_context(context: dict) -> dict:
    """Store context as the columns can hold it: ``order_value`` a finite number, the rest short text.

    Other values (objects, NaN, text longer than a column) are dropped rather than cut: a cut
    customer_ref would name someone else."""
    kept = {}
    for key, value in context.items():
        if key == "order_value":
            if _finite(value):
                kept[key] = value
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = clean_text(str(value))
            if text and not is_blank(text) and len(text) <= CONTEXT_TEXT_CHARS:
                kept[key] = text
    return kept


def _finite(value: object) -> bool:
    try:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    except OverflowError:  # an int too big for a float
        return False


def uuid_id(value: str, message: str) -> str:
    """``value`` when it can be an id, else a 404 before the database is asked."""
    if not _UUID.match(value):
        raise ApiError(404, "not_found", message)
    return value


def number_id(value: str, message: str) -> int:
    """A message id from the path: digits up to MAX_ID, else 404."""
    if not _DIGITS.match(value) or int(value) > MAX_ID:
        raise ApiError(404, "not_found", message)
    return int(value)


def request_id(header: str | None) -> str:
    """The caller's X-Request-ID when it is a short safe token, else a new one (never echo junk into logs)."""
    return header if header and _REQUEST_ID.match(header) else uuid.uuid4().hex[:16]
