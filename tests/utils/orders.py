"""The sample store's orders (tests/data/orders.jsonl) and the day they are read on."""

from __future__ import annotations

from datetime import date

from tests.utils.paths import ROOT

ORDERS_TODAY = date(2026, 11, 27)
ORDERS_FILE = ROOT / "tests" / "data" / "orders.jsonl"
