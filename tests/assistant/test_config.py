"""Settings that keep a production deployment from running with demo or guessable secrets."""

from __future__ import annotations

import secrets

import pytest
from pydantic import ValidationError

from api.settings import Environment, Settings

STRONG = {
    "TRIAGE_AGENT_KEYS": f'{{"Maria": "{secrets.token_urlsafe(32)}"}}',
    "TRIAGE_STORE_API_KEY": secrets.token_urlsafe(32),
    "TRIAGE_STORE_SECRET": secrets.token_urlsafe(32),
}


def settings_with(monkeypatch, env: str, **overrides: str) -> Settings:
    for name, value in {**STRONG, "TRIAGE_ENV": env, **overrides}.items():
        monkeypatch.setenv(name, value)
    return Settings(_env_file=None)


@pytest.mark.parametrize("env", ["production", "Production", " PRODUCTION "])
def test_production_in_any_case_refuses_demo_secrets(monkeypatch, env):
    with pytest.raises(ValidationError, match="TRIAGE_STORE_SECRET") as refused:
        settings_with(monkeypatch, env, TRIAGE_STORE_SECRET="Demo-Store-Secret")
    assert "at least 24 characters" in str(refused.value)
    with pytest.raises(ValidationError, match=r"TRIAGE_AGENT_KEYS\['Maria'\]"):
        settings_with(monkeypatch, env, TRIAGE_AGENT_KEYS='{"Maria": "DEMO-AGENT-KEY"}')


@pytest.mark.parametrize("env", ["production", "Production", " PRODUCTION "])
def test_production_refuses_short_keys_without_printing_them(monkeypatch, env):
    with pytest.raises(ValidationError, match="TRIAGE_STORE_API_KEY") as refused:
        settings_with(monkeypatch, env, TRIAGE_STORE_API_KEY="k")
    with pytest.raises(ValidationError) as short:
        settings_with(monkeypatch, env, TRIAGE_STORE_SECRET="only-23-characters-long")
    assert "only-23-characters-long" not in str(short.value) and "input_value" not in str(refused.value)


def test_production_starts_with_strong_secrets_and_development_with_the_demo_ones(monkeypatch):
    assert settings_with(monkeypatch, " Production ").env == Environment.PRODUCTION
    demo = {"TRIAGE_AGENT_KEYS": '{"Demo Agent": "demo-agent-key"}', "TRIAGE_STORE_API_KEY": "demo-store-key", "TRIAGE_STORE_SECRET": "demo-store-secret"}
    assert settings_with(monkeypatch, "Development", **demo).env == Environment.DEVELOPMENT


def test_an_unknown_environment_is_refused_at_start(monkeypatch):
    with pytest.raises(ValidationError, match="'development' or 'production'"):
        settings_with(monkeypatch, "prod")
