"""Who the agents are and which languages they read: the `agents` table (`triage agents add`)
and the keys of TRIAGE_AGENT_KEYS, which keep working beside it."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.models import AgentRow
from api.settings import Settings
from assistant.errors import ConfigError
from assistant.locales import base_language

MAX_NAME_CHARS = 100
_CODE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class Agent:
    name: str
    languages: tuple[str, ...]  # the first is the one they write replies in
    source: str  # "database" (`triage agents add`) or "settings" (TRIAGE_AGENT_KEYS)

    def reads(self, lang: str | None) -> bool:
        """Whether they read ``lang``; a case whose language is not known yet counts as readable."""
        return lang is None or base_language(lang) in self.languages

    def translation_lang(self, agent_lang: str) -> str:
        """The language they get translations in: TRIAGE_AGENT_LANG (what the customer's messages
        are translated into as they arrive) when they read it, else the first they read."""
        return base_language(agent_lang) if self.reads(agent_lang) else self.languages[0]

    def to_dict(self) -> dict:
        return {"name": self.name, "languages": list(self.languages), "source": self.source}


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def same_key(given: str, secret: str) -> bool:
    """Constant-time comparison of two keys through their digests (so lengths leak nothing either)."""
    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(), hashlib.sha256(secret.encode()).digest())


def parse_languages(text: str) -> tuple[str, ...]:
    """"en, ES,pt-BR" -> ("en", "es", "pt"); a ConfigError names what is not a language code."""
    codes = [part.strip() for part in text.split(",") if part.strip()]
    wrong = [code for code in codes if not _CODE.match(base_language(code))]
    if not codes or wrong:
        shown = ", ".join(wrong) if wrong else "nothing"
        raise ConfigError(f"--langs wants comma-separated language codes such as en,es; got {shown}")
    return tuple(dict.fromkeys(base_language(code) for code in codes))


def settings_agents(settings: Settings) -> list[Agent]:
    """The agents of TRIAGE_AGENT_KEYS, with the languages TRIAGE_AGENT_LANGS gives them (else TRIAGE_AGENT_LANG)."""
    default = (base_language(settings.agent_lang),)
    return [
        Agent(name, tuple(dict.fromkeys(base_language(c) for c in settings.agent_langs.get(name, []))) or default, "settings")
        for name in settings.agent_keys
    ]


def all_agents(session: Session, settings: Settings) -> list[Agent]:
    """Every agent, by name: names and languages only, never a key."""
    stored = [Agent(row.name, tuple(row.languages), "database") for row in session.scalars(select(AgentRow))]
    return sorted([*settings_agents(settings), *stored], key=lambda a: a.name.casefold())


def agent_named(session: Session, settings: Settings, name: str | None) -> Agent | None:
    return next((a for a in all_agents(session, settings) if a.name == name), None) if name else None


def agent_for_key(session: Session, settings: Settings, key: str | None) -> Agent | None:
    """The agent whose key ``key`` is. Every key is compared, each in constant time."""
    if not key:
        return None
    found = None
    for agent in settings_agents(settings):
        if same_key(key, settings.agent_keys[agent.name].get_secret_value()):
            found = found or agent
    given = key_hash(key)
    for row in session.execute(select(AgentRow.name, AgentRow.languages, AgentRow.key_hash)):
        if hmac.compare_digest(given, row.key_hash):
            found = found or Agent(row.name, tuple(row.languages), "database")
    return found


def add_agent(session: Session, settings: Settings, name: str, languages: tuple[str, ...]) -> str:
    """Store a new agent and return their key, which is stored only as its hash: show it once."""
    name = name.strip()
    if not name or len(name) > MAX_NAME_CHARS:
        raise ConfigError(f"an agent's name is 1 to {MAX_NAME_CHARS} characters")
    if name in settings.agent_keys:
        raise ConfigError(f"{name} is an agent of TRIAGE_AGENT_KEYS already: choose another name, or remove them there")
    if session.get(AgentRow, name) is not None:
        raise ConfigError(f"there is an agent named {name} already: `triage agents remove {name}` first to give them a new key")
    key = secrets.token_urlsafe(32)
    session.add(AgentRow(name=name, languages=list(languages), key_hash=key_hash(key)))
    return key


def remove_agent(session: Session, name: str) -> bool:
    """Delete an agent added with `triage agents add`; their key stops working at once."""
    return session.execute(delete(AgentRow).where(AgentRow.name == name)).rowcount == 1
