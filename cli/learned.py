"""`triage learned list|export|import`: the answers the team taught the assistant, kept in git.

`export` writes a JSONL FAQ table: a text answer is an ordinary FAQ row (`question`, `answer`,
`lang`), so `triage ingest` reads it into the KB like any other; a section answer's rows name
the section (`kind`, `source`, `headings`) and leave `answer` empty, which ingest skips (the
section is in the KB already). `import` reads such a file back into the service.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from assistant.errors import ConfigError, TriageError
from cli.common import JsonOpt, err, fail, load_settings, out

app = typer.Typer(no_args_is_help=True, help="Learned answers: what agents confirmed answered a case.")


def _sessions(settings):
    from api.db import make_engine, migrate, sessions

    engine = make_engine(settings)
    migrate(engine)
    return sessions(engine)


@app.command("list")
def learned_list(as_json: JsonOpt = False) -> None:
    """Every learned answer: its status, what it answers with, its questions and how it fared."""
    from api.routes.learned import listing

    settings = load_settings()
    with _sessions(settings)() as session:
        items = listing("cli", session, "all").items
    if as_json:
        print(json.dumps({"items": [i.model_dump(mode="json") for i in items]}, ensure_ascii=False))
        return
    for i in items:
        answer = f"{i.source} › {i.headings}" if i.kind.value == "section" else (i.text or "")[:60]
        out.print(f"{i.id[:8]} {i.status.value:<7} {len(i.questions):>3} questions  {i.uses:>4} uses  "
                  f"+{i.thumbs_up}/-{i.thumbs_down}  {answer}", highlight=False)  # fmt: skip
    if not items:
        out.print("no learned answers yet: agents confirm them when they resolve a case", highlight=False)


@app.command("export")
def learned_export(path: Annotated[Path, typer.Argument(help="The JSONL FAQ table to write, e.g. kb/learned.jsonl.")] = Path("kb/learned.jsonl")) -> None:
    """Write the learned answers in service (and drafts) as a FAQ table the KB can keep in git."""
    from api.learned import export_rows

    settings = load_settings()
    with _sessions(settings)() as session:
        rows = export_rows(session)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    err.print(f"wrote {len(rows)} questions to {path}", highlight=False)


@app.command("import")
def learned_import(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A table written by `triage learned export`.")],
    agent: Annotated[str, typer.Option("--as", help="Who confirms them, as the record shows.")] = "import",
    as_json: JsonOpt = False,
) -> None:
    """Read a learned-answer table back: each answer joins the one that says the same, or is added."""
    from api.learned import import_rows

    settings = load_settings()
    try:
        rows = _rows(path)
        with _sessions(settings)() as session:
            added = import_rows(session, rows, agent)
            session.commit()
    except TriageError as exc:
        fail(exc)
    if as_json:
        print(json.dumps({"rows": len(rows), "answers": added}))
    else:
        err.print(f"imported {len(rows)} questions into {added} learned answers", highlight=False)


def _rows(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}:{n}: not valid JSON ({exc.msg}); nothing was imported") from exc
        if not isinstance(row, dict) or not str(row.get("question", "")).strip():
            raise ConfigError(f"{path}:{n}: each line is an object with a question; nothing was imported")
        rows.append(row)
    return rows
