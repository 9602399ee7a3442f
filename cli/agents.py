"""`triage agents add|list|remove`: the agents who answer handed-off cases, and the languages they read."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from assistant.errors import TriageError
from cli.common import JsonOpt, err, fail, load_settings, out

app = typer.Typer(no_args_is_help=True, help="Agents of the inbox: their keys and the languages they read.")


def _sessions(settings):
    from api.db import make_engine, migrate, sessions

    engine = make_engine(settings)
    migrate(engine)
    return sessions(engine)


@app.command("add")
def agents_add(
    name: Annotated[str, typer.Argument(help="The agent's name, as customers and colleagues see it.")],
    langs: Annotated[str, typer.Option("--langs", help="Languages the agent reads, comma-separated (en,es); the first is the one they write in.")],
) -> None:
    """Add an agent and print their API key, once: only its hash is stored."""
    from api.agents import add_agent, parse_languages

    settings = load_settings()
    try:
        languages = parse_languages(langs)
        with _sessions(settings)() as session:
            key = add_agent(session, settings, name, languages)
            session.commit()
    except TriageError as exc:
        fail(exc)
    err.print(f"Agent {name.strip()} added, reading {', '.join(languages)}. Their API key, shown only this once:", highlight=False)
    print(key)


@app.command("list")
def agents_list(as_json: JsonOpt = False) -> None:
    """Every agent and the languages they read (never their keys)."""
    from api.agents import all_agents

    settings = load_settings()
    with _sessions(settings)() as session:
        agents = all_agents(session, settings)
    if as_json:
        print(json.dumps({"agents": [a.to_dict() for a in agents]}, ensure_ascii=False))
        return
    for agent in agents:
        where = "" if agent.source == "database" else "  (TRIAGE_AGENT_KEYS)"
        out.print(f"{agent.name}: {', '.join(agent.languages)}{where}", highlight=False)
    if not agents:
        out.print("no agents: add one with `triage agents add NAME --langs en`", highlight=False)


@app.command("remove")
def agents_remove(name: Annotated[str, typer.Argument(help="The agent to remove; their key stops working at once.")]) -> None:
    """Remove an agent added with `triage agents add`."""
    from api.agents import remove_agent
    from assistant.errors import ConfigError

    settings = load_settings()
    with _sessions(settings)() as session:
        removed = remove_agent(session, name)
        session.commit()
    if not removed:
        hint = " (they are in TRIAGE_AGENT_KEYS: remove them there)" if name in settings.agent_keys else ""
        fail(ConfigError(f"no agent named {name} was added with `triage agents add`{hint}"))
    out.print(f"removed {name}; their key no longer opens the inbox", highlight=False)
