"""`triage ask` and `triage chat`, with a user's arguments and environment."""

import json

import pytest

from tests.utils.cli import run
from tests.utils.paths import KB


@pytest.fixture
def env(kb_settings):
    """The sample KB as `triage ingest` leaves it: the session's (these commands only read it)."""
    return {"TRIAGE_DATA_DIR": str(kb_settings.data_dir), "TRIAGE_KB_DIR": str(KB)}


def test_ask_json_answer(env):
    done = run("ask", "我可以用支付宝付款吗？", "--json", env=env)
    assert done.returncode == 0, done.stderr
    reply = json.loads(done.stdout)
    assert reply["lang"] == "zh" and reply["handoff"] is None
    assert reply["sources"][0]["source"] == "payments.zh.md" and "支付宝" in reply["text"]


def test_ask_json_handoff_with_order_value_and_history(env, tmp_path):
    history = tmp_path / "history.json"
    history.write_text(json.dumps([{"role": "customer", "text": "¿Qué métodos de pago aceptan en Europa?"},
                                   {"role": "assistant", "text": "..."}]), encoding="utf-8")
    done = run("ask", "¿Y en Japón?", "--order-value", "750", "--history", str(history), "--json", env=env)
    reply = json.loads(done.stdout)
    assert reply["handoff"]["reasons"] == ["high_value"]
    case = reply["handoff"]["case"]
    assert case["context"]["order_value"] == 750.0 and "high_value" in case["summary"]
    assert case["messages"][0]["text"] == "¿Qué métodos de pago aceptan en Europa?"


def test_ask_prints_answer_and_sources(env):
    done = run("ask", "How do I reset my password?", env=env)
    assert "1 hour" in done.stdout and "source:" in done.stdout


def test_chat_keeps_the_conversation(env):
    done = run("chat", env=env, input="What payment methods can I use in Europe?\nand in Japan?\n/quit\n")
    assert done.returncode == 0, done.stderr
    assert "iDEAL" in done.stdout and "Konbini" in done.stdout


def test_ask_tells_a_demo_orders_status_with_its_email(env, tmp_path):
    orders = tmp_path / "orders.jsonl"
    assert run("orders", "demo", str(orders)).returncode == 0
    with_orders = {**env, "TRIAGE_ORDERS": f"file:{orders}"}
    done = run("ask", "Wo ist meine Bestellung NP-10001? anna@example.com", "--json", env=with_orders)
    reply = json.loads(done.stdout)
    assert reply["lang"] == "de" and "DHL" in reply["text"] and reply["handoff"] is None, done.stdout
    assert reply["sources"][0]["source"] == "orders" and reply["sources"][0]["title"] == "Bestellung NP-10001"
    late = json.loads(run("ask", "where is my order NP-10003, carl@example.com", "--json", env=with_orders).stdout)
    assert late["handoff"]["reasons"] == ["delayed_order"] and late["handoff"]["case"]["order"]["carrier"] == "UPS"
