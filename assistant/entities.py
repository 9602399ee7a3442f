"""What a conversation mentions that an agent needs, and what must never be stored whole.

Card numbers (a Luhn-valid run of 13-19 digits) are masked to their last four digits before a
message is stored or logged. Emails and phone numbers are kept for the agent but masked in logs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])\+?\d[\d ()./-]{6,}\d(?!\w)")
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_ORDER = re.compile(
    r"(?:(?:order|pedido|commande|bestellung|ordine|encomenda|订单|注文|주문|طلب)\D{0,12}?|#)"
    r"((?:NP-?)?\d{5,10})\b|\b(NP-?\d{5,10})\b",
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
    """Replace each card number with `**** **** **** 1234`; other digit runs are left alone."""

    def mask(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group())
        return f"**** **** **** {digits[-4:]}" if 13 <= len(digits) <= 19 and _luhn(digits) else match.group()

    return _CARD.sub(mask, text)


def mask_for_log(text: str) -> str:
    """Cards, emails and phone numbers masked, for anything written to a log."""
    text = _EMAIL.sub(lambda m: m.group()[0] + "***@" + m.group().split("@")[1], mask_cards(text))
    return _PHONE.sub(lambda m: m.group() if _IPV4.fullmatch(m.group()) else "***" + re.sub(r"\D", "", m.group())[-2:], text)


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
