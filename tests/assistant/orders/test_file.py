import json
import logging
import os

import pytest

from assistant.errors import OrderSourceError
from assistant.orders import OrderStatus
from assistant.orders.file import FileOrders

ROWS = [
    {"order_id": "NP-10001", "email": "anna@example.com", "status": "shipped", "carrier": "DHL", "tracking_number": "00340434161094042557",
     "tracking_url": "https://www.dhl.com/track?id=00340434161094042557", "shipped_at": "2026-11-20", "estimated_delivery": "2026-11-28",
     "total": "129.90", "currency": "EUR", "customer_ref": "c-1"},
    {"order_id": "NP-10002", "email": "ben@example.com", "status": "packed", "customer_ref": "c-1", "placed_at": "2026-11-25"},
]  # fmt: skip


def _jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_an_export_is_found_by_any_spelling_of_the_number(tmp_path):
    orders = FileOrders(_jsonl(tmp_path / "orders.jsonl", ROWS))
    for typed in ("NP-10001", "#np10001", " np-10001 "):
        order = orders.find(typed)
        assert order is not None and order.status is OrderStatus.SHIPPED and order.carrier == "DHL" and order.total == 129.90
    assert orders.find("NP-99999") is None
    assert [o.order_id for o in orders.for_customer("c-1")] == ["NP-10002", "NP-10001"]  # newest first


def test_a_csv_export_reads_like_a_jsonl_one(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("order_id,email,status,carrier,shipped_at\nNP-3,c@example.com,Delivered,UPS,2026-11-01\n", encoding="utf-8")
    order = FileOrders(path).find("NP-3")
    assert order.status is OrderStatus.DELIVERED and order.shipped_at.isoformat() == "2026-11-01"


def test_a_bad_row_is_reported_and_skipped_and_the_rest_still_found(tmp_path, caplog):
    path = tmp_path / "orders.jsonl"
    path.write_text(
        json.dumps(ROWS[0]) + "\n{not json\n" + json.dumps({"order_id": "NP-5", "email": "x@example.com", "status": "lost"}) + "\n"
        + json.dumps({"order_id": "NP-6", "status": "paid"}) + "\n" + json.dumps(ROWS[1]) + "\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING):
        orders = FileOrders(path)
        assert orders.find("NP-10002") is not None and orders.find("NP-5") is None
    warnings = "\n".join(r.getMessage() for r in caplog.records)
    assert "line 2 skipped: not JSON" in warnings and "line 3 skipped: status 'lost'" in warnings and "line 4 skipped: the order lacks email" in warnings


def test_a_changed_file_is_read_again(tmp_path):
    path = _jsonl(tmp_path / "orders.jsonl", ROWS[:1])
    orders = FileOrders(path)
    assert orders.find("NP-10002") is None
    _jsonl(path, ROWS)
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)  # a clock that did not move still counts as a change
    assert orders.find("NP-10002") is not None


def test_a_missing_file_says_which(tmp_path):
    with pytest.raises(OrderSourceError, match="orders.jsonl cannot be read"):
        FileOrders(tmp_path / "orders.jsonl").find("NP-1")
    with pytest.raises(OrderSourceError, match=".jsonl or .csv"):
        FileOrders(tmp_path / "orders.xlsx")
