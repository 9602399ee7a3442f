"""Where the KB's Chroma store lives: the embedded store's live generation (`CURRENT` names it),
or a `chroma run` server (TRIAGE_CHROMA_URL); a client of either."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from assistant.config import CoreSettings
from assistant.errors import IndexUnavailableError

# The embedded store's pointer file, and the prefix of each published generation's folder.
POINTER, STORE = "CURRENT", "store-"



def live_store(root: Path) -> Path:
    """The embedded store servers read: the one ``CURRENT`` names, else ``root`` itself (a store
    from before generations, or none yet)."""
    try:
        name = (root / POINTER).read_text().strip()
    except FileNotFoundError:
        return root
    return root / name if name.startswith(STORE) and (root / name).is_dir() else root


def chroma_client(settings: CoreSettings, path: Path | None = None) -> Any:
    """A client of the Chroma server, or of the embedded store at ``path`` (default the live one)."""
    if not settings.chroma_url:
        return persistent_client(path or live_store(settings.chroma_path))
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    url = urlparse(settings.chroma_url)
    if not url.hostname:
        raise IndexUnavailableError(f"TRIAGE_CHROMA_URL={settings.chroma_url!r} is not a URL like http://127.0.0.1:8000.")
    try:
        return chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=ChromaSettings(anonymized_telemetry=False),
        )
    except Exception as exc:
        raise IndexUnavailableError(
            f"Cannot reach the Chroma server at {settings.chroma_url} ({exc}). "
            "Start it with `chroma run --path data/chroma-server`, or unset TRIAGE_CHROMA_URL to use the embedded store."
        ) from exc


def persistent_client(path: Path) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


