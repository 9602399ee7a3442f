"""The database: SQLite (WAL) in the data folder by default, PostgreSQL by URL; Alembic migrations."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from api.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"


def make_engine(settings: Settings) -> Engine:
    url = settings.database
    # A request that cannot get a connection soon answers 503 (api/errors.py) instead of queueing
    # for SQLAlchemy's default 30 s; the pool is sized for the worker's threads (anyio's 40).
    pool = {"pool_size": settings.db_pool_size, "max_overflow": settings.db_max_overflow, "pool_timeout": settings.db_pool_timeout}
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        # The busy timeout bounds the wait for SQLite's single writer the same way.
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": settings.db_pool_timeout}, hide_parameters=True, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # hide_parameters: SQLAlchemy's errors (and so our logs) must not quote customers' messages.
    return create_engine(url, pool_pre_ping=True, hide_parameters=True, **pool)


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not wait for the writer
    cursor.execute("PRAGMA foreign_keys=ON")  # so erasing a conversation erases its messages
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA secure_delete=ON")  # erased text is overwritten with zeros, not left in free pages
    cursor.close()


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
