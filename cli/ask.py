"""`triage ask` and `triage chat`: the assistant from the terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from api.settings import Settings
from assistant.errors import TriageError
from cli.common import CollectionOpt, JsonOpt, err, fail, load_settings, out

if TYPE_CHECKING:  # the assistant loads only when a command needs it, keeping `triage --help` fast
    from assistant.model.result import TurnResult


def _assistant(settings: Settings, collection: str | None):
    from assistant.factory import build_assistant

    return build_assistant(settings, collection)


def _read_history(path: Path) -> list[dict]:
    """Earlier turns from a JSON list or JSONL file of {"role": ..., "text": ...}."""
    raw = path.read_text(encoding="utf-8").strip()
    try:
        turns = json.loads(raw) if raw.startswith("[") else [json.loads(line) for line in raw.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise typer.BadParameter(f"{path}: not JSON ({exc.msg})") from exc
    if not all(isinstance(t, dict) and isinstance(t.get("text"), str) for t in turns):
        raise typer.BadParameter(f"{path}: each turn needs a 'role' and a 'text'")
    return turns


def _print_reply(result: TurnResult) -> None:
    out.print(result.text, highlight=False)
    for s in result.sources:
        out.print(f"  [dim]source:[/dim] {s.source} — {s.title}" + (f" <{s.url}>" if s.url else ""), highlight=False)
    status = f"lang {result.lang} ({result.language.confidence:.2f}), confidence {result.confidence:.2f}, intent {result.intent.name}"
    err.print(f"[dim]{status}[/dim]", highlight=False)
    if result.handoff:
        err.print(f"[yellow]handoff:[/yellow] {', '.join(r.value for r in result.handoff.reasons)}", highlight=False)
        err.print(result.handoff.case.summary, highlight=False)


def ask_command(
    message: Annotated[str, typer.Argument(help="The customer's message.")],
    lang: Annotated[str | None, typer.Option("--lang", help="The customer's locale, if known (wins over detection).")] = None,
    order_value: Annotated[float | None, typer.Option("--order-value", help="Trusted order value from the store.")] = None,
    history: Annotated[Path | None, typer.Option("--history", exists=True, dir_okay=False, help="Earlier turns (JSON or JSONL).")] = None,
    collection: CollectionOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One turn: the answer with its sources, or the handoff with the case for the agent."""
    from assistant.model.conversation import Conversation, Role, StoreContext

    settings = load_settings()
    turns = _read_history(history) if history else []
    try:
        bot = _assistant(settings, collection)
        conversation = Conversation(locale=lang, context=StoreContext(order_value=order_value))
        for turn in turns:
            if turn.get("role", Role.CUSTOMER.value) == Role.CUSTOMER.value:
                conversation = bot.reply(conversation, turn["text"]).advance(conversation)
        result = bot.reply(conversation, message)
    except TriageError as exc:
        fail(exc)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, default=str))
    else:
        _print_reply(result)


def chat_command(
    lang: Annotated[str | None, typer.Option("--lang", help="The customer's locale, if known (wins over detection).")] = None,
    order_value: Annotated[float | None, typer.Option("--order-value", help="Trusted order value from the store.")] = None,
    collection: CollectionOpt = None,
) -> None:
    """Chat with the assistant in the terminal. /up and /down rate the last answer; /quit ends."""
    from assistant.locales import phrase
    from assistant.model.conversation import Conversation, Rating, StoreContext

    settings = load_settings()
    try:
        bot = _assistant(settings, collection)
    except TriageError as exc:
        fail(exc)
    bot.warm()
    conversation = Conversation(locale=lang, context=StoreContext(order_value=order_value))
    out.print(phrase("greeting", lang or settings.default_lang), highlight=False)
    while True:
        try:
            line = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if line in ("/quit", "/exit"):
            break
        if line in ("/up", "/down"):
            conversation = conversation.rated(Rating(line[1:]))
            continue
        if line:
            result = bot.reply(conversation, line)
            conversation = result.advance(conversation)
            _print_reply(result)
