"""`triage serve` and `triage purge`: the HTTP service and its retention."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import load_settings, out


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes; they share all state through the database.")] = 1,
) -> None:
    """Serve the API, the chat widget (/widget.js, /demo) and the agent inbox (/agent)."""
    import uvicorn

    from api.db import make_engine, migrate

    settings = load_settings()
    migrate(make_engine(settings))  # once, here, rather than racing in every worker
    # uvicorn would believe X-Forwarded-For from any loopback peer by default; the app decides from
    # TRIAGE_TRUSTED_PROXIES instead (api.deps.client_ip), so the peer address must reach it as is.
    uvicorn.run(
        "api.app:create_app", factory=True, host=host, port=port, workers=workers, log_config=None, proxy_headers=False
    )


def purge_command() -> None:
    """Delete conversations older than TRIAGE_RETENTION_DAYS (the server also does this at start)."""
    from api.db import make_engine, migrate, sessions
    from api.store import leave_no_trace, purge_older_than

    settings = load_settings()
    engine = make_engine(settings)
    migrate(engine)
    with sessions(engine)() as session:
        count, files = purge_older_than(session, settings.retention_days)
        session.commit()
        leave_no_trace(session)
    for name in files:
        (settings.attachments_dir / name).unlink(missing_ok=True)
    out.print(f"purged {count} conversations older than {settings.retention_days} days", highlight=False)
