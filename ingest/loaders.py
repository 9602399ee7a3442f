"""One loader per file format, each turning a file's bytes into a ``LoadedDocument``.

A loader raises ``DocumentError`` with a reason a content editor can act on; the caller
reports it with the path and moves on to the next file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import yaml

from assistant.errors import DocumentError


@dataclass(frozen=True)
class Section:
    """A run of text under one heading path. ``whole`` sections (FAQ pairs) are never split."""

    headings: tuple[str, ...]
    text: str
    whole: bool = False
    lang: str | None = None
    category: str | None = None
    page: int | None = None


@dataclass
class LoadedDocument:
    title: str
    sections: list[Section]
    lang: str | None = None
    category: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)


Loader = Callable[[bytes, str], LoadedDocument]

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def load_document(data: bytes, source: str) -> LoadedDocument:
    """Parse ``data`` as the format its name says; ``source`` is the path relative to the KB root."""
    suffix = PurePosixPath(source).suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise DocumentError(f"unsupported file type {suffix or '(no extension)'}; supported: {', '.join(sorted(LOADERS))}")
    doc = loader(data, source)
    if not any(s.text.strip() for s in doc.sections):
        raise DocumentError("no text to ingest")
    return doc


def _text(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise DocumentError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not UTF-8 text (byte {exc.start})") from exc


def _front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        return {}, text
    match = re.match(r"^---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(\r?\n|$)", text, re.S)
    if not match:
        raise DocumentError("front matter opened with --- but never closed")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise DocumentError(f"invalid YAML front matter: {exc}".splitlines()[0]) from exc
    if not isinstance(meta, dict):
        raise DocumentError("front matter must be a YAML mapping of keys to values")
    return meta, text[match.end() :]


def _apply_meta(doc: LoadedDocument, meta: dict) -> LoadedDocument:
    doc.title = str(meta.get("title") or doc.title)
    doc.lang = _str_or_none(meta.get("lang"))
    doc.category = _str_or_none(meta.get("category"))
    doc.url = _str_or_none(meta.get("url"))
    tags = meta.get("tags") or []
    doc.tags = [str(t) for t in (tags if isinstance(tags, list) else [tags])]
    return doc


def _str_or_none(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def _stem_title(source: str) -> str:
    return PurePosixPath(source).name.split(".")[0].replace("-", " ").replace("_", " ").strip().capitalize()


def load_markdown(data: bytes, source: str) -> LoadedDocument:
    meta, body = _front_matter(_text(data))
    title, sections = _markdown_sections(body)
    return _apply_meta(LoadedDocument(title=title or _stem_title(source), sections=sections), meta)


def _markdown_sections(body: str) -> tuple[str | None, list[Section]]:
    """Split at headings outside code fences; the first ``#`` heading is the title, not a section."""
    title: str | None = None
    stack: list[tuple[int, str]] = []
    sections: list[Section] = []
    lines: list[str] = []
    in_fence = False

    def flush() -> None:
        text = "\n".join(lines).strip()
        if text:
            sections.append(Section(headings=tuple(h for _, h in stack), text=text))
        lines.clear()

    for line in body.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading is None:
            lines.append(line)
            continue
        flush()
        level, name = len(heading.group(1)), heading.group(2)
        if level == 1 and title is None and not sections:
            title = name
            continue
        stack = [(lv, h) for lv, h in stack if lv < level] + [(level, name)]
    flush()
    return title, sections


def load_text(data: bytes, source: str) -> LoadedDocument:
    meta, body = _front_matter(_text(data))
    lines = body.strip().splitlines()
    title = _stem_title(source)
    if len(lines) > 1 and 0 < len(lines[0].strip()) <= 100:
        title, body = lines[0].strip(), "\n".join(lines[1:])
    return _apply_meta(LoadedDocument(title=title, sections=[Section(headings=(), text=body.strip())]), meta)


_BLOCKS = ["p", "li", "pre", "blockquote", "dt", "dd", "td", "th", "figcaption"]
_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def load_html(data: bytes, source: str) -> LoadedDocument:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_text(data), "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav"]):
        tag.decompose()
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    html = soup.find("html")
    doc = LoadedDocument(title=page_title, sections=[], lang=(html.get("lang") or None) if html else None)
    stack: list[tuple[int, str]] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            doc.sections.append(Section(headings=tuple(h for _, h in stack), text="\n".join(lines)))
            lines.clear()

    for el in soup.find_all(_HEADINGS + _BLOCKS):
        if el.name in _HEADINGS:
            flush()
            level, name = int(el.name[1]), el.get_text(" ", strip=True)
            if level == 1 and not doc.sections and not stack:
                doc.title = doc.title or name
                continue
            stack = [(lv, h) for lv, h in stack if lv < level] + [(level, name)]
        elif el.find_parent(_BLOCKS) is None:
            text = el.get_text(" ", strip=True)
            if text:
                lines.append(f"- {text}" if el.name == "li" else text)
    flush()
    doc.title = doc.title or _stem_title(source)
    return doc


def load_pdf(data: bytes, source: str) -> LoadedDocument:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("encrypted PDF; save an unencrypted copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        info_title = (reader.metadata or {}).get("/Title")
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(f"not a valid PDF ({type(exc).__name__}: {exc})") from exc
    sections = [Section(headings=(), text=text.strip(), page=n) for n, text in enumerate(pages, 1) if text.strip()]
    if not sections:
        raise DocumentError("PDF has no extractable text (a scan needs OCR first)")
    first_line = sections[0].text.splitlines()[0].strip()
    title = str(info_title or "") or (first_line if len(first_line) <= 100 else _stem_title(source))
    return LoadedDocument(title=title, sections=sections)


def _faq_section(row: dict, where: str) -> Section | None:
    row = {str(k).strip().lower(): (str(v).strip() if v is not None else "") for k, v in row.items() if k}
    if "question" not in row or "answer" not in row:
        raise DocumentError(f"{where}: an FAQ table needs 'question' and 'answer' fields; found {sorted(row)}")
    if not row["question"] or not row["answer"]:
        return None
    return Section(
        headings=(row["question"],),
        text=f"{row['question']}\n{row['answer']}",
        whole=True,
        lang=row.get("lang") or None,
        category=row.get("category") or None,
    )


def load_csv(data: bytes, source: str) -> LoadedDocument:
    text = _text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.DictReader(io.StringIO(text), dialect=dialect))
    except csv.Error as exc:
        raise DocumentError(f"malformed CSV: {exc}") from exc
    sections = [s for n, row in enumerate(rows, 2) if (s := _faq_section(row, f"row {n}"))]
    return LoadedDocument(title=_stem_title(source), sections=sections)


def load_jsonl(data: bytes, source: str) -> LoadedDocument:
    sections = []
    for n, line in enumerate(_text(data).splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DocumentError(f"line {n}: not valid JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise DocumentError(f"line {n}: expected a JSON object with 'question' and 'answer'")
        if section := _faq_section(row, f"line {n}"):
            sections.append(section)
    return LoadedDocument(title=_stem_title(source), sections=sections)


LOADERS: dict[str, Loader] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_text,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
    ".csv": load_csv,
    ".jsonl": load_jsonl,
}
