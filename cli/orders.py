"""`triage orders check|demo`: the order source (TRIAGE_ORDERS) as the assistant sees it."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer

from assistant.errors import ConfigError, TriageError
from cli.common import JsonOpt, fail, load_settings, out

app = typer.Typer(no_args_is_help=True, help="The order source the assistant looks orders up in (TRIAGE_ORDERS).")

DEMO_TEMPLATE = Path(__file__).with_name("data") / "demo-orders.jsonl"
DATE_FIELDS = ("placed_at", "shipped_at", "last_event_at", "estimated_delivery")


@app.command("check")
def orders_check(
    order_id: Annotated[str | None, typer.Argument(help="An order number to look up.")] = None,
    email: Annotated[str | None, typer.Option("--email", help="Say whether the order is this email's, as the chat would.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Reach the order source and, given a number, look the order up (the record is printed to
    the operator, never to a customer)."""
    from assistant.orders import open_orders

    settings = load_settings()
    try:
        source = open_orders(settings)
        if source is None:
            raise ConfigError("TRIAGE_ORDERS is not set: the assistant answers order questions from the knowledge base")
        # Without a number, a lookup of one no store has still proves the source can be reached and read.
        order = source.find(order_id or "check-0")
    except TriageError as exc:
        fail(exc)
    result = {
        "source": settings.orders, "order": order.to_dict() if order and order_id else None,
        "email_matches": order.belongs_to(email) if order and email else None,
    }  # fmt: skip
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
        return
    if order_id is None:
        out.print(f"{settings.orders}: reachable", highlight=False)
    elif order is None:
        out.print(f"{order_id}: no such order in {settings.orders}", highlight=False)
    else:
        out.print(json.dumps(result["order"], ensure_ascii=False, indent=2), highlight=False)
        if email:
            out.print(f"email {'matches' if result['email_matches'] else 'does not match'}", highlight=False)


@app.command("demo")
def orders_demo(path: Annotated[Path, typer.Argument(help="Where to write the demo store's orders (JSONL).")]) -> None:
    """Write the demo store's orders, dated around today (one shipped, one late, one valuable...)."""
    today = date.today()
    lines = []
    for line in DEMO_TEMPLATE.read_text(encoding="utf-8").splitlines():
        order = json.loads(line)
        # The template's dates are days from today, so the demo's late order stays late.
        order.update({k: (today + timedelta(days=order[k])).isoformat() for k in DATE_FIELDS if k in order})
        lines.append(json.dumps(order, ensure_ascii=False))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out.print(f"{len(lines)} demo orders written to {path}", highlight=False)
