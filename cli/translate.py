"""`triage translate install|list`: argos-translate language packs, installed from files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from api.settings import Settings
from assistant.errors import ConfigError, TriageError
from cli.common import JsonOpt, fail, load_settings, out

app = typer.Typer(no_args_is_help=True, help="Machine-translation packages (argos-translate, installed from files).")


def _translator(settings: Settings):
    from assistant.compose.translation import ArgosTranslator

    return ArgosTranslator(settings.argos_dir)


def translator_with_packages(settings: Settings):
    """The translator for `triage ingest --translate-to`, refusing early when no pack is installed."""
    translator = _translator(settings)
    if not (settings.argos_dir.exists() and translator.pairs()):
        raise ConfigError("--translate-to needs language packs: install them with `triage translate install FILE.argosmodel`.")
    return translator


@app.command("install")
def translate_install(
    package: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="An .argosmodel file.")],
) -> None:
    """Install a language pack from a file (no package index is reached)."""
    settings = load_settings()
    try:
        pairs = _translator(settings).install(package)
    except TriageError as exc:
        fail(exc)
    out.print("installed: " + ", ".join(f"{a}->{b}" for a, b in pairs), highlight=False)


@app.command("list")
def translate_list(as_json: JsonOpt = False) -> None:
    """The installed language pairs."""
    settings = load_settings()
    try:
        pairs = _translator(settings).pairs() if settings.argos_dir.exists() else []
    except TriageError as exc:
        fail(exc)
    if as_json:
        print(json.dumps({"pairs": [list(p) for p in pairs]}))
    else:
        out.print("\n".join(f"{a}->{b}" for a, b in pairs) or "no language packs installed", highlight=False)
