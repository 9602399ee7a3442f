"""What a conversation mentions that an agent needs, and what must never be stored whole.

Card numbers (a Luhn-valid run of 13-19 digits, in any script's digits, grouped by spaces,
dashes, dots or slashes) are masked to their last four digits before a message is stored or
logged, and so are the expiry date and security code written right after one. Emails and phone numbers are kept for the agent but masked in logs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# What people put between a card's digit groups: any space (NBSP, thin, ideographic), dashes of
# every width, dots, slashes, underscores, and invisible joiners; up to three in a row ("4111 - 1111").
_CARD_GAP = r"[\s\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d.\uff0e/\uff0f_\u00b7\u200b-\u200d\u2060\ufeff]{1,3}"
# A run of digit groups. Not after "+" (a phone number) nor glued to JD or SF (those carriers'
# tracking numbers, see _TRACKING); Python's \d is every script's digits (fullwidth ４, Arabic ٤).
_DIGIT_RUN = re.compile(rf"(?<![\d+])(?<!JD)(?<!SF)\d+(?:{_CARD_GAP}\d+)*")
_DIGIT_GROUP = re.compile(r"\d+")
# After a card: up to three short numbers (MM/YY, CVV), each at most ten characters further, so
# "4111 1111 1111 1111 12/27", "… exp 12/2027 cvv 123" and "…1111 123" lose them too.
_CARD_TAIL = re.compile(r"(?:[^\d\n]{1,10}?\d{1,4}(?!\d)){1,3}")
# ASCII on purpose: "メールはanna@example.comです" is an email between Japanese words, which
# Python's \w would take into it.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w+])\+?\d[\d ()./-]{6,}\d(?!\w)")
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_ORDER = re.compile(
    r"(?:(?:order|pedido|commande|bestellung|ordine|encomenda|订单|注文|주문|طلب)\D{0,12}?|#)"
    r"((?:NP-?)?\d{5,10})(?![0-9A-Za-z])|(?<![0-9A-Za-z])(NP-?\d{5,10})(?![0-9A-Za-z])",
    re.IGNORECASE,
)
_TRACKING = re.compile(
    r"\b(1Z[0-9A-Z]{16}|JD\d{18}|SF\d{10,13}|[A-Z]{2}\d{9}[A-Z]{2}|\d{10,12}(?=\D*$|\s))\b"
)
_CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₩": "KRW", "元": "CNY", "円": "JPY", "원": "KRW"}
_CODES = "EUR|USD|GBP|CHF|CAD|AUD|JPY|KRW|CNY|RMB|BRL|MXN|SAR|AED|euros?|dollars?|d[oó]lares|yen|yuan"
_AMOUNT = re.compile(
    rf"(?P<pre>[€$£¥₩]|\b(?:{_CODES})\b)\s?(?P<n1>\d[\d.,\s]*\d|\d)"
    rf"|(?P<n2>\d[\d.,]*\d|\d)\s?(?P<post>[€$£¥₩元円원]|(?:{_CODES})\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str


@dataclass
class Entities:
    order_numbers: list[str] = field(default_factory=list)
    tracking_numbers: list[str] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)

    def merge(self, other: Entities) -> Entities:
        def union(a: list, b: list) -> list:
            return a + [x for x in b if x not in a]

        return Entities(
            *(union(getattr(self, f), getattr(other, f)) for f in ("order_numbers", "tracking_numbers", "amounts", "emails", "phones"))
        )


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def mask_cards(text: str) -> str:
    """Replace each card number with `**** **** **** 1234`, and the expiry and code after it with
    stars; other digit runs (order numbers fail the Luhn check) are left alone."""
    pieces, done = [], 0
    for run in _DIGIT_RUN.finditer(text):
        card = _card_in(run) if run.start() >= done else None
        if card is None:
            continue
        start, end = card
        tail = _CARD_TAIL.match(text, end)
        stop = tail.end() if tail else end
        last_four = re.sub(r"\D", "", text[start:end])[-4:]
        pieces += [text[done:start], f"**** **** **** {last_four}", re.sub(r"\d", "*", text[end:stop])]
        done = stop
    return "".join(pieces) + text[done:]


def _card_in(run: re.Match[str]) -> tuple[int, int] | None:
    """Where in ``run`` its first card number lies: whole digit groups, 13-19 digits, Luhn-valid."""
    groups = list(_DIGIT_GROUP.finditer(run.group()))
    for i, first in enumerate(groups):
        digits = ""
        for last in groups[i:]:
            digits += last.group()
            if len(digits) > 19:
                break
            if len(digits) >= 13 and _luhn(digits):
                return run.start() + first.start(), run.start() + last.end()
    return None


def mask_contacts(text: str) -> str:
    """Cards and whole emails masked, for customers' words that leave the service (the gaps' CSV)."""
    return _EMAIL.sub("[email]", mask_cards(text))


def mask_for_log(text: str) -> str:
    """Cards, emails and phone numbers masked, for anything written to a log."""
    text = _EMAIL.sub(lambda m: m.group()[0] + "***@" + m.group().split("@")[1], mask_cards(text))
    return _ID_OR_PHONE.sub(_phone_masked, text)


# Ids are not phone numbers: a conversation id's last group of 12 digits was masked in the logs
# ("…-a6aa-***72"), which made a request impossible to trace by its id.
_ID_OR_PHONE = re.compile(rf"(?P<id>\b[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}\b)|{_PHONE.pattern}", re.IGNORECASE)


def _phone_masked(found: re.Match[str]) -> str:
    if found.group("id") or _IPV4.fullmatch(found.group()):
        return found.group()
    return "***" + re.sub(r"\D", "", found.group())[-2:]


def _number(raw: str) -> float | None:
    raw = raw.replace(" ", "")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", raw):  # 1.200 or 1,200: thousands
        raw = re.sub(r"[.,]", "", raw)
    elif "," in raw and "." in raw:
        raw = raw.replace(",", "") if raw.rfind(".") > raw.rfind(",") else raw.replace(".", "").replace(",", ".")
    else:
        raw = raw.replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        return None


def _currency(token: str) -> str:
    token = token.strip()
    if token in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[token]
    word = token.lower()
    if word.startswith("euro"):
        return "EUR"
    if word.startswith(("dollar", "dólar", "dolar")):
        return "USD"
    return {"yen": "JPY", "yuan": "CNY", "rmb": "CNY"}.get(word, token.upper())


def extract_entities(text: str) -> Entities:
    """Order and tracking numbers, amounts with their currency, emails and phones in ``text``, whose
    card numbers the caller has already masked (the assistant does so as a message comes in)."""
    orders = [a or b for a, b in _ORDER.findall(text)]
    emails = _EMAIL.findall(text)
    without_emails = _EMAIL.sub(" ", text)
    amounts = []
    for m in _AMOUNT.finditer(without_emails):
        value = _number(m.group("n1") or m.group("n2"))
        if value is not None:
            amounts.append(Amount(value, _currency(m.group("pre") or m.group("post"))))
    tracking = [t for t in _TRACKING.findall(without_emails) if t not in orders and not any(t in o for o in orders)]
    known = {re.sub(r"\D", "", x) for x in orders + tracking}
    phones = [
        p.strip()
        for p in _PHONE.findall(without_emails)
        if len(digits := re.sub(r"\D", "", p)) >= 8 and digits not in known and "*" not in p
    ]
    return Entities(orders, tracking, amounts, emails, phones)


def without_details(text: str, found: Entities | None = None) -> str:
    """``text`` (whose entities are ``found``) without its emails and order and tracking numbers:
    what it asks, not what it gives. "Where is order NP-10001? My email is a@b.example" reads as
    kb_question whole and as order_status without them (use-m3 intent score 0.39 -> 0.68)."""
    found = found or extract_entities(text)
    for detail in sorted({*found.emails, *found.order_numbers, *found.tracking_numbers}, key=len, reverse=True):
        text = text.replace(detail, " ")
    return re.sub(r"\s+", " ", text).strip()


def is_email(text: str) -> bool:
    """Whether ``text`` is one email address and nothing else."""
    return _EMAIL.fullmatch(text) is not None


def mask_personal(text: str, names: Sequence[str] = ()) -> str:
    """What may be kept of a customer's question beyond its conversation (a learned question):
    cards, emails, order and tracking numbers, phone numbers and the ``names`` known (the store's
    customer name) replaced by a placeholder; what is asked stays."""
    found = extract_entities(text)
    text = _EMAIL.sub("[email]", mask_cards(text))
    for number in sorted({*found.order_numbers, *found.tracking_numbers}, key=len, reverse=True):
        text = text.replace(number, "[number]")
    for phone in sorted(found.phones, key=len, reverse=True):
        text = text.replace(phone, "[phone]")
    for name in sorted((n for n in names if n and n.strip()), key=len, reverse=True):
        for word in [name.strip(), *name.split()]:
            if len(word) > 1:
                text = re.sub(rf"\b{re.escape(word)}\b", "[name]", text, flags=re.IGNORECASE)
    return text
