"""`triage orders demo|check`, with a user's arguments and environment."""

import json
from datetime import date, timedelta

from tests.utils.cli import run


def test_the_demo_orders_are_dated_around_today_so_the_late_one_stays_late(tmp_path):
    path = tmp_path / "orders.jsonl"
    assert run("orders", "demo", str(path)).returncode == 0
    orders = {o["order_id"]: o for o in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    today = date.today()
    assert orders["NP-10001"]["estimated_delivery"] == (today + timedelta(days=2)).isoformat()
    assert orders["NP-10003"]["estimated_delivery"] < today.isoformat() and orders["NP-10003"]["status"] == "shipped"


def test_check_looks_an_order_up_and_says_whether_the_email_is_its(tmp_path):
    path = tmp_path / "orders.jsonl"
    run("orders", "demo", str(path))
    env = {"TRIAGE_ORDERS": f"file:{path}"}
    found = json.loads(run("orders", "check", "np-10001", "--email", "ANNA@example.com", "--json", env=env).stdout)
    assert found["order"]["carrier"] == "DHL" and found["email_matches"] is True
    missing = json.loads(run("orders", "check", "NP-1", "--json", env=env).stdout)
    assert missing["order"] is None


def test_check_without_a_source_or_with_a_broken_one_says_what_to_do(tmp_path):
    unset = run("orders", "check", env={"TRIAGE_ORDERS": ""})
    assert unset.returncode == 2 and "TRIAGE_ORDERS is not set" in unset.stderr
    wrong = run("orders", "check", "NP-1", env={"TRIAGE_ORDERS": f"file:{tmp_path / 'none.jsonl'}"})
    assert wrong.returncode == 2 and "none.jsonl cannot be read" in wrong.stderr
    odd = run("orders", "check", env={"TRIAGE_ORDERS": "ftp://x"})
    assert odd.returncode == 2 and "names no order source" in odd.stderr


# Blank, not unset: a token or secret in the environment running the tests must not count.
HALF_A_PAIR = {
    "TRIAGE_ORDERS": "shopify:x.myshopify.com", "TRIAGE_SHOPIFY_CLIENT_ID": "4f1c2a7d",
    "TRIAGE_SHOPIFY_CLIENT_SECRET": "", "TRIAGE_SHOPIFY_TOKEN": "",
}  # fmt: skip


def test_check_with_half_a_shopify_apps_credentials_names_the_missing_setting_before_any_request():
    half = run("orders", "check", env=HALF_A_PAIR)
    assert half.returncode == 2 and "needs TRIAGE_SHOPIFY_CLIENT_SECRET too" in half.stderr
