"""Order status (TRIAGE_ORDERS): whose order it is, what to ask for, and what to tell.

A customer learns an order's status only when it is theirs: the signed store context names the
order or the customer, or the customer gives the order number and the email on the order, in one
message or across several. A pair that matches nothing gets the same words whether the order
exists or not; after `order_attempts` such pairs in a conversation, or when the caller says the
customer's address sent too many, a person takes over instead of another lookup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.decide.rules import stated_value
from assistant.locales import format_date, phrase
from assistant.model.conversation import Conversation, OrderStep, Role, StoreContext
from assistant.model.reasons import HandoffReason
from assistant.orders import Order, OrderSource, OrderStatus, order_key
from assistant.understand.entities import (
    Amount,
    Entities,
    extract_entities,
    without_details,
)
from assistant.understand.intents import HANDOFF_INTENTS, ORDER_STATUS, Intent

# An order number as stores write them ("NP-10001", "#1001", "100234"), read only once the
# assistant has asked for one: a bare number is an order number then, not before.
# ASCII bounds: "注文NP-10001は" holds one between Japanese words.
_NUMBER = re.compile(r"(?<![A-Za-z0-9@.+/-])#?([A-Za-z]{0,4}-?\d{3,12})(?![A-Za-z0-9@/-])")
# A message that is an order or tracking number and little else ("NP-10001?", "NP-10001
# a@b.example where is it?") asks after it.
BARE_WORDS = 3

_IN_TRANSIT = (OrderStatus.PAID, OrderStatus.PACKED, OrderStatus.SHIPPED)


@dataclass(frozen=True)
class OrderOutcome:
    """What the desk made of the turn: the reply's words, what it did, the order it told about,
    and the reasons a person must take over (a late or valuable order, too many wrong pairs)."""

    step: OrderStep | None
    text: str
    order: Order | None = None
    reasons: tuple[HandoffReason, ...] = ()


class OrderDesk:
    def __init__(self, source: OrderSource, settings, today=date.today) -> None:
        self.source, self.settings, self.today = source, settings, today

    def wants(self, conversation: Conversation, found: Entities, bare: str, intent: Intent) -> bool:
        """Whether this message (its entities ``found``, its words without them ``bare``) is about
        an order's status: the intent says so, the message is an order or tracking number on its
        own, or it gives what the assistant asked for."""
        if intent.name == ORDER_STATUS:
            return True
        if (found.order_numbers or found.tracking_numbers) and len(bare.split()) <= BARE_WORDS:
            return True
        # An order number with the email on it is what a lookup needs, whatever the words around
        # ("我的订单NP-10001到哪了？邮箱是…"), unless the customer asks for a person or complains.
        if found.order_numbers and found.emails and intent.name not in HANDOFF_INTENTS:
            return True
        asked = conversation.last(Role.ASSISTANT)
        return bool(asked and asked.order_step in (OrderStep.ASKED, OrderStep.NO_MATCH) and (found.emails or _numbers(found, bare)))

    def handle(self, conversation: Conversation, text: str, lang: str, context: StoreContext) -> OrderOutcome:
        """The outcome of this turn; raises OrderSourceError when the source cannot answer."""
        failures = sum(t.order_step is OrderStep.NO_MATCH for t in conversation.turns)
        if conversation.service.order_lookups_throttled or failures >= self.settings.order_attempts:
            return OrderOutcome(None, "", reasons=(HandoffReason.REPEATED_FAILURE,))
        texts = [*(t.text for t in conversation.customer_turns()), text]
        said = [(extract_entities(t), t) for t in texts]
        numbers = [n for found, t in said for n in _numbers(found, without_details(t, found))]
        emails = [e for found, _ in said for e in found.emails]
        if trusted := self._trusted(context, numbers[-1] if numbers else None):
            return self._told(trusted, lang)
        if not numbers or not emails:
            return self._ask(numbers, emails, lang)
        order = self.source.find(numbers[-1])
        if order is None or not order.belongs_to(emails[-1]):
            return OrderOutcome(OrderStep.NO_MATCH, phrase("order_no_match", lang))
        return self._told(order, lang)

    def _trusted(self, context: StoreContext, named: str | None) -> Order | None:
        """The order the store's signed context vouches for: the one it names, or the signed-in
        customer's order the message names, else their newest."""
        if context.order_id and (named is None or order_key(named) == order_key(context.order_id)):
            return self.source.find(context.order_id)
        if context.customer_ref:
            orders = self.source.for_customer(context.customer_ref)
            if named is None:
                return orders[0] if orders else None
            return next((o for o in orders if order_key(o.order_id) == order_key(named)), None)
        return None

    def _ask(self, numbers: list[str], emails: list[str], lang: str) -> OrderOutcome:
        if numbers:
            return OrderOutcome(OrderStep.ASKED, phrase("order_ask_email", lang, order=numbers[-1]))
        return OrderOutcome(OrderStep.ASKED, phrase("order_ask_number" if emails else "order_ask_both", lang))

    def _told(self, order: Order, lang: str) -> OrderOutcome:
        reasons = []
        if self._late(order):
            reasons.append(HandoffReason.DELAYED_ORDER)
        if order.total is not None and self._value(order) >= self.settings.high_value:
            reasons.append(HandoffReason.HIGH_VALUE)
        text = status_text(order, lang)
        if HandoffReason.DELAYED_ORDER in reasons:
            text = f"{text}\n{phrase('order_late', lang)}"
        return OrderOutcome(OrderStep.TOLD, text, order, tuple(reasons))

    def _late(self, order: Order) -> bool:
        """Expected delivery passed, or shipped with no carrier scan for `order_stale_days`."""
        today = self.today()
        if order.status in _IN_TRANSIT and order.estimated_delivery and order.estimated_delivery < today:
            return True
        last_seen = order.last_event_at or order.shipped_at
        stale = timedelta(days=self.settings.order_stale_days)
        return order.status is OrderStatus.SHIPPED and last_seen is not None and today - last_seen >= stale

    def _value(self, order: Order) -> float:
        assert order.total is not None  # asked only of an order with a total
        currency = order.currency or self.settings.store_currency
        return stated_value([Amount(order.total, currency.upper())], self.settings.store_currency)


def status_text(order: Order, lang: str) -> str:
    """The order's status in ``lang``: what it is, when it shipped, with whom, the tracking link
    and when it should arrive, each line only when known."""
    lines = [phrase(f"order_{order.status.value}", lang, order=order.order_id)]
    moving = order.status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED)
    if moving and order.shipped_at:
        lines.append(phrase("order_shipped_on", lang, date=format_date(order.shipped_at, lang)))
    if moving and order.carrier:
        tracking = order.tracking_number
        lines.append(phrase("order_carrier", lang, carrier=order.carrier, tracking=tracking) if tracking else phrase("order_carrier_only", lang, carrier=order.carrier))
    if moving and order.tracking_url:
        lines.append(phrase("order_tracking_link", lang, url=order.tracking_url))
    if order.status in _IN_TRANSIT and order.estimated_delivery:
        lines.append(phrase("order_expected", lang, date=format_date(order.estimated_delivery, lang)))
    return "\n".join(lines)


def _numbers(found: Entities, bare: str) -> list[str]:
    """The order numbers of a message (its entities ``found``, its words without them ``bare``):
    those the entity patterns know, else any number-like word that is not part of a date or a
    phone number."""
    if found.order_numbers:
        return found.order_numbers
    return [n for n in _NUMBER.findall(bare) if n not in "".join(found.phones)]
