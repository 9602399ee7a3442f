"""The `triage` application: the commands and groups, in the order `triage --help` lists them.

The command modules import ``api``, ``evals`` and ``assistant.reply`` inside the command functions,
so that `triage --help` starts without them.
"""

from __future__ import annotations

import typer

from cli import agents, kb, learned, orders, translate
from cli.ask import ask_command, chat_command
from cli.eval import eval_command
from cli.ingest import ingest_command
from cli.insights import insights_command
from cli.serve import purge_command, serve_command

app = typer.Typer(name="triage", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, help="Multilingual customer-service triage.")
app.command("ingest")(ingest_command)
app.add_typer(kb.app, name="kb")
app.add_typer(orders.app, name="orders")
app.command("ask")(ask_command)
app.command("chat")(chat_command)
app.add_typer(translate.app, name="translate")
app.command("serve")(serve_command)
app.command("purge")(purge_command)
app.add_typer(agents.app, name="agents")
app.add_typer(learned.app, name="learned")
app.command("insights")(insights_command)
app.command("eval")(eval_command)
