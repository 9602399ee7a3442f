"""`TRIAGE_ORDERS=file:PATH`: a JSONL or CSV export, one order a line, re-read when it changes."""

from __future__ import annotations

import csv
import io
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import OrderSourceError
from assistant.orders import Order, newest_first, order_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Snapshot:
    stamp: tuple[int, int]  # (mtime_ns, size): a changed file is read again on the next lookup
    by_id: dict[str, Order]
    by_customer: dict[str, list[Order]]


class FileOrders:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        if self.path.suffix.lower() not in (".jsonl", ".csv"):
            raise OrderSourceError(f"{self.path}: the orders export must be a .jsonl or .csv file")
        self._snapshot: _Snapshot | None = None
        self._lock = threading.Lock()

    def find(self, order_id: str) -> Order | None:
        return self._current().by_id.get(order_key(order_id))

    def for_customer(self, customer_ref: str) -> list[Order]:
        return list(self._current().by_customer.get(customer_ref, []))

    def _current(self) -> _Snapshot:
        try:
            stat = self.path.stat()
        except OSError as exc:
            raise OrderSourceError(f"the orders file {self.path} cannot be read: {exc.strerror}") from exc
        stamp = (stat.st_mtime_ns, stat.st_size)
        snapshot = self._snapshot
        if snapshot is None or snapshot.stamp != stamp:
            with self._lock:  # one reader per change; the others wait for its snapshot
                if self._snapshot is None or self._snapshot.stamp != stamp:
                    self._snapshot = self._read(stamp)
                snapshot = self._snapshot
        return snapshot

    def _read(self, stamp: tuple[int, int]) -> _Snapshot:
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeError) as exc:
            raise OrderSourceError(f"the orders file {self.path} cannot be read: {exc}") from exc
        by_id: dict[str, Order] = {}
        by_customer: dict[str, list[Order]] = {}
        for line, record in self._records(text):
            try:
                order = Order.from_record(record)
            except OrderSourceError as exc:
                # One bad row must not hide every other customer's order.
                log.warning("%s line %d skipped: %s", self.path, line, exc)
                continue
            by_id[order_key(order.order_id)] = order
            if order.customer_ref:
                by_customer.setdefault(order.customer_ref, []).append(order)
        log.info("%s: %d orders", self.path, len(by_id))
        return _Snapshot(stamp, by_id, {ref: newest_first(orders) for ref, orders in by_customer.items()})

    def _records(self, text: str):
        if self.path.suffix.lower() == ".csv":
            # Row numbers count the header as line 1, as a spreadsheet shows them.
            yield from enumerate(csv.DictReader(io.StringIO(text)), start=2)
            return
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                log.warning("%s line %d skipped: not JSON (%s)", self.path, number, exc.msg)
