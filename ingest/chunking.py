"""From a loaded document to chunks with stable ids and the metadata retrieval needs.

Ids are content-addressed (source + embedded text + occurrence), so an unchanged section keeps
its id and its vector even when an edit elsewhere in the file moves it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath

from assistant.compose.translation import Translator
from assistant.knowledge.chunks import Chunk, Metadata
from assistant.knowledge.chunks import embed_text as chunk_embed_text
from assistant.understand.language import detect_language, known_codes
from ingest.loaders import LoadedDocument, Section

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 150
# Part of every file's fingerprint: changing how files are chunked re-ingests them all.
PIPELINE_VERSION = f"chunks-v2/{CHUNK_SIZE}/{CHUNK_OVERLAP}"


@dataclass(frozen=True)
class SourceName:
    """What a file's path relative to the KB root says: its translation key and language suffix."""

    doc_key: str
    lang: str | None


def parse_source(source: str) -> SourceName:
    """`faq/returns.fr.md` -> doc_key `faq/returns`, lang `fr`; `notes.v2.md` has no language."""
    path = PurePosixPath(source)
    parts = path.name.split(".")
    lang = parts[-2].lower() if len(parts) >= 3 and parts[-2].lower() in known_codes() else None
    stem = ".".join(parts[: -2 if lang else -1]) or path.name
    return SourceName(doc_key=str(path.with_name(stem)), lang=lang)


def file_fingerprint(data: bytes, variant: str = "") -> str:
    """Changes with the file's bytes, the chunking pipeline, and ``variant`` (e.g. the languages
    it is pre-translated into)."""
    return hashlib.sha256(f"{PIPELINE_VERSION}|{variant}".encode() + b"\0" + data).hexdigest()[:32]


@lru_cache(maxsize=1)
def _splitter():
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE,
        chunk_overlap=CHUNK_OVERLAP,
        separators=["\n\n", "\n", "。", ". ", "! ", "? ", "؟ ", "、", ", ", " ", ""],
        keep_separator="end",
    )


def _pieces(section: Section) -> list[str]:
    if section.whole or len(section.text) <= CHUNK_SIZE:
        return [section.text]
    return [p.strip() for p in _splitter().split_text(section.text) if p.strip()]


def _category(doc: LoadedDocument, section: Section, source: str) -> str:
    if section.category or doc.category:
        return section.category or doc.category  # type: ignore[return-value]
    parent = PurePosixPath(source).parent
    return parent.parts[0] if parent.parts else "general"


def chunk_document(doc: LoadedDocument, source: str, file_hash: str) -> list[Chunk]:
    """Split ``doc`` (found at ``source`` under the KB root) into chunks ready to embed."""
    name = parse_source(source)
    doc_lang, lang_from = _document_language(doc, name)
    drafts: list[tuple[Section, str]] = [(s, piece) for s in doc.sections for piece in _pieces(s)]
    seen: Counter[str] = Counter()
    chunks = []
    for position, (section, text) in enumerate(drafts):
        headings = " > ".join(section.headings)
        embed_text = chunk_embed_text(text, {"title": doc.title, "headings": headings, "kind": "faq" if section.whole else "section"})
        chunk_hash = hashlib.sha256(embed_text.encode()).hexdigest()[:32]
        occurrence = seen[chunk_hash]
        seen[chunk_hash] += 1
        meta: Metadata = {
            "source": source,
            "title": doc.title,
            "headings": headings,
            "category": _category(doc, section, source),
            "lang": section.lang or doc_lang,
            "lang_from": "row" if section.lang else lang_from,
            "doc_key": name.doc_key,
            "chunk_hash": chunk_hash,
            "file_hash": file_hash,
            "position": position,
            "n_chunks": len(drafts),
            "kind": "faq" if section.whole else "section",
        }
        if doc.url:
            meta["url"] = doc.url
        if doc.tags:
            meta["tags"] = ", ".join(doc.tags)
        if section.page is not None:
            meta["page"] = section.page
        chunk_id = hashlib.sha256(f"{source}\0{chunk_hash}\0{occurrence}".encode()).hexdigest()[:32]
        chunks.append(Chunk(id=chunk_id, text=text, embed_text=embed_text, metadata=meta))
    return chunks


def _document_language(doc: LoadedDocument, name: SourceName) -> tuple[str, str]:
    if doc.lang:
        return doc.lang.lower().split("-")[0].split("_")[0], "declared"
    if name.lang:
        return name.lang, "filename"
    sample = " ".join(s.text for s in doc.sections)[:2000]
    return detect_language(sample).lang, "detected"


def translate_chunks(chunks: list[Chunk], targets: Sequence[str], translator: Translator) -> list[Chunk]:
    """``chunks`` followed by their machine translations into each of ``targets``.

    A translation keeps its original's position, so a reply can show the section that matched;
    it is marked ``machine_translated``. Every chunk's ``n_chunks`` counts them all."""
    out = list(chunks)
    for target in targets:
        for chunk in chunks:
            source_lang = str(chunk.metadata["lang"])
            if source_lang == target or not translator.can_translate(source_lang, target):
                continue
            text = translator.translate(chunk.text, source_lang, target)
            context = chunk.embed_text[: -len(chunk.text)] if chunk.embed_text.endswith(chunk.text) else ""
            embed_text = context + text
            chunk_hash = hashlib.sha256(embed_text.encode()).hexdigest()[:32]
            meta = {**chunk.metadata, "lang": target, "lang_from": "machine", "machine_translated": True, "chunk_hash": chunk_hash}
            chunk_id = hashlib.sha256(f"{chunk.id}\0{target}".encode()).hexdigest()[:32]
            out.append(Chunk(id=chunk_id, text=text, embed_text=embed_text, metadata=meta))
    return [Chunk(c.id, c.text, c.embed_text, {**c.metadata, "n_chunks": len(out)}) for c in out]
