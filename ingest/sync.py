"""Bring a Chroma collection in line with the files under the knowledge-base roots.

The collection itself is the record of what was ingested: every chunk carries its file's
fingerprint and the file's chunk count. A file is unchanged only when the collection holds
exactly its current chunks. So a run killed half-way leaves files that look changed, and the
next run finishes them: chunk ids are deterministic (no duplicates), and a changed file's
stale ids are deleted after its new ones are written (no orphans).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.compose.translation import Translator
from assistant.errors import DocumentError, TranslationError
from assistant.knowledge.chunks import Chunk, StoredFile
from assistant.knowledge.index import KnowledgeIndex
from ingest.chunking import (
    chunk_document,
    file_fingerprint,
    parse_source,
    translate_chunks,
)
from ingest.loaders import load_document

log = logging.getLogger("triage.ingest")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SourceFile:
    """A file found under a root: ``source`` is its path relative to the KB root."""

    path: Path
    source: str
    display: str


@dataclass
class Failure:
    path: str
    reason: str


@dataclass
class FileCounts:
    seen: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0


@dataclass
class ChunkCounts:
    total: int = 0
    embedded: int = 0
    deleted: int = 0


@dataclass
class IngestReport:
    files: FileCounts = field(default_factory=FileCounts)
    chunks: ChunkCounts = field(default_factory=ChunkCounts)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    dry_run: bool = False
    planned: ChunkCounts | None = None

    @property
    def ingested_anything(self) -> bool:
        f = self.files
        return f.added + f.updated + f.unchanged > 0

    def to_dict(self) -> dict:
        out = asdict(self)
        if self.planned is None:
            del out["planned"]
        return out


@dataclass
class _FilePlan:
    source: str
    new: list[Chunk]
    keep: list[Chunk]
    stale: list[str]


def resolve_root(paths: Sequence[Path], kb_dir: Path) -> Path:
    """The folder sources are relative to: the configured KB folder when every path lies in it,
    else the one folder given, else the folders' common parent."""
    resolved = [p.resolve() for p in paths]
    kb = kb_dir.resolve()
    if all(p.is_relative_to(kb) for p in resolved):
        return kb
    folders = [p if p.is_dir() else p.parent for p in resolved]
    return Path(os.path.commonpath(folders))


def discover(paths: Sequence[Path], root: Path) -> tuple[list[SourceFile], list[Failure], list[str]]:
    """The files under ``paths`` (hidden ones skipped), failures for missing paths, and the
    prune scopes: source prefixes whose stored files vanish if not found again."""
    files: dict[str, SourceFile] = {}
    failures, scopes = [], []
    for given in paths:
        if not given.exists():
            failures.append(Failure(str(given), "no such file or folder"))
            continue
        scope = _relative(given, root)
        scopes.append("" if scope == "." else scope + ("/" if given.is_dir() else ""))
        candidates = sorted(given.rglob("*")) if given.is_dir() else [given]
        for path in candidates:
            rel = _relative(path, root)
            if path.is_file() and not any(part.startswith(".") for part in Path(rel).parts):
                files[rel] = SourceFile(path=path, source=rel, display=str(path))
    return list(files.values()), failures, scopes


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def ingest(
    files: Iterable[SourceFile],
    index: KnowledgeIndex,
    *,
    prune_scopes: Sequence[str] = (),
    failures: Sequence[Failure] = (),
    dry_run: bool = False,
    batch_size: int = 1000,
    progress: Progress | None = None,
    translate_to: Sequence[str] = (),
    translator: Translator | None = None,
) -> IngestReport:
    """Sync ``files`` into ``index``; stored sources under ``prune_scopes`` that were not seen are removed.

    With ``translate_to`` and a ``translator``, each document is also stored machine-translated
    into those languages, except where the KB has its own translation (`NAME.<lang>.md`)."""
    started = time.perf_counter()
    files = list(files)
    report = IngestReport(failures=list(failures), dry_run=dry_run)
    report.files.seen = len(files)
    stored = index.stored_files()
    writer = _Writer(index, batch_size, dry_run)
    present: set[str] = set()
    translation = _Translation(files, translate_to, translator) if translate_to and translator else None
    for done, file in enumerate(files, 1):
        present.add(file.source)
        plan = _plan_file(file, stored.get(file.source), report, translation)
        if plan is not None:
            writer.add(plan)
        if progress:
            progress(done, len(files))
    writer.flush()
    gone = [s for s in stored if s not in present and any(s.startswith(p) for p in prune_scopes)]
    writer.delete([i for s in gone for i in stored[s].ids])
    report.files.removed = len(gone)
    report.files.failed = len(report.failures)
    report.chunks = ChunkCounts(total=index.count(), embedded=writer.embedded, deleted=writer.deleted)
    if dry_run:
        report.planned = ChunkCounts(
            total=report.chunks.total + writer.planned_embed - writer.planned_delete,
            embedded=writer.planned_embed,
            deleted=writer.planned_delete,
        )
    report.seconds = round(time.perf_counter() - started, 3)
    return report


@dataclass
class _Translation:
    """Which languages each document is machine-translated into at ingest."""

    files: list[SourceFile]
    targets: Sequence[str]
    translator: Translator

    def __post_init__(self) -> None:
        names = [parse_source(f.source) for f in self.files]
        self.human = {(n.doc_key, n.lang) for n in names if n.lang}
        self.variant = "translate:" + ",".join(sorted(self.targets))

    def apply(self, source: str, chunks: list[Chunk]) -> list[Chunk]:
        doc_key = parse_source(source).doc_key
        targets = [t for t in self.targets if (doc_key, t) not in self.human]
        return translate_chunks(chunks, targets, self.translator) if targets else chunks


def _plan_file(file: SourceFile, stored: StoredFile | None, report: IngestReport, translation: _Translation | None) -> _FilePlan | None:
    try:
        data = file.path.read_bytes()
    except OSError as exc:
        report.failures.append(Failure(file.display, f"cannot read: {exc.strerror or exc}"))
        return None
    fingerprint = file_fingerprint(data, translation.variant if translation else "")
    if stored is not None and stored.is_complete(fingerprint):
        report.files.unchanged += 1
        return None
    try:
        chunks = chunk_document(load_document(data, file.source), file.source, fingerprint)
        if translation:
            chunks = translation.apply(file.source, chunks)
    except (DocumentError, TranslationError) as exc:
        report.failures.append(Failure(file.display, str(exc)))
        return None
    if stored is None:
        report.files.added += 1
    else:
        report.files.updated += 1
    known = stored.ids if stored else set()
    ids = {c.id for c in chunks}
    return _FilePlan(
        source=file.source,
        new=[c for c in chunks if c.id not in known],
        keep=[c for c in chunks if c.id in known],
        stale=sorted(known - ids),
    )


class _Writer:
    """Embeds and writes new chunks in batches across files, then applies those files' updates
    and deletions. Batches are large because each Chroma write has a fixed cost (~0.3 s embedded).

    A file's stale chunks are deleted only after its new chunks are stored, so a crash never
    leaves a file that looks complete but is not."""

    def __init__(self, index: KnowledgeIndex, batch_size: int, dry_run: bool) -> None:
        self.index, self.batch_size, self.dry_run = index, batch_size, dry_run
        self.pending: list[_FilePlan] = []
        self.embedded = self.deleted = self.planned_embed = self.planned_delete = 0

    def add(self, plan: _FilePlan) -> None:
        self.pending.append(plan)
        if sum(len(p.new) for p in self.pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        plans, self.pending = self.pending, []
        new = [c for p in plans for c in p.new]
        keep = [c for p in plans for c in p.keep]
        self.planned_embed += len(new)
        if new and not self.dry_run:
            vectors = self.index.embedder.embed_documents([c.embed_text for c in new])
            self.index.upsert(new, vectors)
            self.embedded += len(new)
            log.info("wrote %d chunks from %d files", len(new), len(plans))
        if keep and not self.dry_run:
            self.index.update_metadata([c.id for c in keep], [c.metadata for c in keep])
        self.delete([i for p in plans for i in p.stale])

    def delete(self, ids: list[str]) -> None:
        self.planned_delete += len(ids)
        if ids and not self.dry_run:
            self.index.delete(ids)
            self.deleted += len(ids)
