"""Extractive answers: the sentences of the knowledge base that answer the question, nothing else.

No text is made up: an answer is a selection of a document's own sentences, in their order.
A question that names an entity (a country, a payment method, a carrier, ...; see
assistant/understand/gazetteer.py) is answered with the fact stated for that entity (assistant/find/facts.py),
from the retrieved document that states it; any other question with the sentences of the best
passage closest to it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from assistant.find import facts
from assistant.find.facts import Line
from assistant.find.sentences import LIST_ITEM, join_sentences, split_sentences
from assistant.knowledge.embeddings import Embedder
from assistant.knowledge.lexical import overlap
from assistant.knowledge.retrieval import Passage
from assistant.understand import gazetteer

MAX_SENTENCES = 3
# A list is answered whole up to this many items (the sample KB's longest list has 11).
MAX_LIST_ITEMS = 12
OVERLAP_WEIGHT = 0.5
# A sentence about two of the entities asked about ("Klarna in ... Sweden ...") beats one about either.
ENTITY_BONUS = 0.1
# Facts scoring this far below the best one are left out: the answer says what was asked, not the section.
KEEP_MARGIN = 0.1
# The entity named is incidental when the best passage's own sentence beats every fact about it
# by this much: "my parcel to Canada has not moved for two weeks" asks what to do, not about Canada.
INCIDENTAL = 0.2
# Documents looked at for the fact about a named entity: the retrieved ones, best first.
FACT_DOCUMENTS = 3
# Candidate facts embedded per document.
EMBEDDED = 8

@dataclass(frozen=True)
class Answer:
    text: str
    passage: Passage
    sentences: int
    # Share of the entities the question names (countries, regions, payment methods, carriers,
    # currencies) that the answer's document speaks of, directly, through a region holding
    # them or through a catch-all such as "all other countries": 1.0 all of them, 0.0 none
    # (the KB has nothing on them: a person should answer), None when the question names none.
    entity_coverage: float | None = None


def extract_answer(
    question: str,
    vector: np.ndarray,
    passage: Passage,
    embedder: Embedder,
    documents: Sequence[Sequence[Passage]] = (),
    max_sentences: int = MAX_SENTENCES,
    unasked: Collection[str] = (),
) -> Answer:
    """The answer to ``question`` (embedded as ``vector``) found in ``passage``, the best retrieved one.

    ``documents`` are the chunks of the retrieved documents, best first, ``passage``'s own
    first. When the question names entities, the answer is the fact stated for them in the one
    of those (in ``passage``'s language) that speaks of most of them and states it best; another
    document than ``passage``'s only when its fact is about as close to the question as
    ``passage`` is. ``entity_coverage`` tells how much of what was named its document covers.
    ``unasked`` are names ``vector`` holds that are no longer asked about (a follow-up's swapped entities)."""
    plain = _from_passage(question, vector, passage, embedder, max_sentences)
    named = gazetteer.named(question)
    if not named:
        return plain
    documents = [d for d in documents[:FACT_DOCUMENTS] if d and d[0].lang == passage.lang] or [[passage]]
    # What is asked about the entities, in words and as a vector: their names would favour any
    # sentence naming them again ("Yamato (Japan)") over the one stating what was asked.
    entities, asked = tuple(named), _asked(vector, [*named.values(), *unasked], embedder)
    words = re.sub("|".join(map(re.escape, named.values())), " ", question)
    found = [f for doc in documents if (f := _about(entities, words, asked, doc, embedder, max_sentences))]
    # Another document's fact must not stray from what the best passage is about: "I live in
    # Germany, how do I return an item?" is not answered by Klarna in Germany.
    floor = _best_score(words, asked, passage, embedder) - INCIDENTAL
    found = [f for f in found if f.answer.passage.doc_key == passage.doc_key or f.score >= floor]
    if not found:
        return replace(plain, entity_coverage=_facts(entities, _lines(documents[0])[0]).coverage)
    return max(found, key=lambda f: (f.answer.entity_coverage, f.score)).answer


@dataclass(frozen=True)
class _Found:
    answer: Answer
    score: float  # of its best fact


_NAMES: dict[tuple[str, str], np.ndarray] = {}


def _asked(vector: np.ndarray, names: Collection[str], embedder: Embedder) -> np.ndarray:
    """``vector`` without the direction of the entity names in the question: the candidate facts are
    all about the entities, what tells them apart is what is asked ("how long", "how much").

    Names recur from question to question, so each is embedded once (in one batch) and kept."""
    missing = [n for n in dict.fromkeys(names) if (embedder.name, n) not in _NAMES]
    if missing:
        if len(_NAMES) > SENTENCE_CACHE:
            _NAMES.clear()
        for name, direction in zip(missing, embedder.embed_queries(missing)):
            _NAMES[(embedder.name, name)] = direction / np.linalg.norm(direction)
    for name in names:
        direction = _NAMES[(embedder.name, name)]
        vector = vector - float(vector @ direction) * direction
    return vector / np.linalg.norm(vector)


def _from_passage(question: str, vector: np.ndarray, passage: Passage, embedder: Embedder, max_sentences: int) -> Answer:
    """The ``max_sentences`` sentences of ``passage`` closest to ``question``, in passage order.

    A list keeps its lead-in line, since "Zone 1 covers:" means nothing without what follows it,
    and short passages are returned whole."""
    text = _answer_text(passage)
    sentences = split_sentences(text, passage.lang)
    if len(sentences) <= max_sentences:
        return Answer(text.strip(), passage, len(sentences))
    scores = _scores(question, vector, sentences, embedder)
    keep = _whole_lists(sentences, sorted(np.argsort(-scores)[:max_sentences].tolist()))
    chosen = [sentences[i] for i in keep]
    return Answer(join_sentences(chosen, passage.lang), passage, len(chosen))


def _whole_lists(sentences: list[str], keep: list[int]) -> list[int]:
    """``keep`` with each list it dips into given whole, with its lead-in line: "Which payment
    methods can I use?" needs every method, and two items picked by closeness named Apple Pay and
    Google Pay without Visa (4 of 10 dev chips). A list longer than MAX_LIST_ITEMS is cut to
    the items picked, still with its lead-in."""
    whole = set(keep)
    for i in keep:
        if not LIST_ITEM.match(sentences[i]):
            continue
        start, end = i, i
        while start > 0 and LIST_ITEM.match(sentences[start - 1]):
            start -= 1
        while end + 1 < len(sentences) and LIST_ITEM.match(sentences[end + 1]):
            end += 1
        if end - start + 1 <= MAX_LIST_ITEMS:
            whole.update(range(start, end + 1))
        if start > 0:
            whole.add(start - 1)
    return sorted(whole)


def _answer_text(passage: Passage) -> str:
    """The passage without an FAQ pair's question line (its heading): an answer never echoes the question."""
    first, _, rest = passage.text.strip().partition("\n")
    return rest if passage.headings and first.strip() == passage.headings.strip() and rest.strip() else passage.text


def _best_score(question: str, vector: np.ndarray, passage: Passage, embedder: Embedder) -> float:
    return float(_scores(question, vector, split_sentences(_answer_text(passage), passage.lang) or [passage.text], embedder).max())


def _about(
    entities: tuple[str, ...], question: str, vector: np.ndarray, chunks: Sequence[Passage], embedder: Embedder, max_sentences: int
) -> _Found | None:
    """The answer about ``entities`` from one document's ``chunks``; None if it states nothing about them."""
    lines, owners = _lines(chunks)
    found = _facts(entities, lines)
    if not found.candidates:
        return None
    # A line's words are read with its heading: "Zone 4 delivery times" says what "Express shipping
    # takes 4-7 business days" is about. A sentence costs about 2 ms to embed the first time it is
    # seen (USE-m3, one core: 25 took 38 ms), so only the candidates sharing most words are embedded.
    words = {i: OVERLAP_WEIGHT * overlap(question, f"{lines[i].heading} {lines[i].text}") for i in found.candidates}
    bonus = {i: ENTITY_BONUS * (c.entities - 1) for i, c in found.candidates.items()}
    picked = sorted(words, key=lambda i: words[i] + bonus[i], reverse=True)[:EMBEDDED]
    shown = sorted({*picked, *(a for i in picked for a in found.candidates[i].anchors)})
    similar = dict(zip(shown, (_sentence_vectors(embedder, [lines[i].text for i in shown]) @ vector).tolist()))
    rank = {i: similar[i] + words[i] + bonus[i] for i in picked}
    # A section answers as a whole ("Standard shipping to Zone 3 takes 4-8 business days. Express
    # shipping takes 2-4 business days."): sections rank by their best fact and give theirs best first.
    section: dict[int, float] = {}
    for i, score in rank.items():
        section[owners[i]] = max(section.get(owners[i], score), score)
    top = max(rank, key=rank.__getitem__)
    keep: list[int] = []
    # Within a section, a line naming the entity goes first: the lines after it need no anchor.
    for i in sorted(rank, key=lambda i: (-section[owners[i]], bool(found.candidates[i].anchors), -rank[i])):
        if section[owners[i]] < rank[top] - KEEP_MARGIN:
            break
        unit, needed = _unit(i, found, lines, keep, similar)
        room = max_sentences - len(keep)
        if room >= needed:
            keep += unit[:room]
    chosen = [lines[i].text for i in sorted(set(keep))]
    passage = chunks[owners[top]]
    return _Found(Answer(join_sentences(chosen, passage.lang), passage, len(chosen), found.coverage), rank[top])


def _unit(i: int, found: facts.Facts, lines: Sequence[Line], keep: list[int], similar: dict[int, float]) -> tuple[list[int], int]:
    """Line ``i`` and what makes it understood, not kept yet, most needed first, and how many of
    them are needed: the anchor naming the entity when ``i`` names only its group (needed), the
    anchor's lead-in when it is a list item ("... included (DDP):" for "- Japan"), ``i``'s own."""
    unit: list[int | None] = [i]
    anchors = found.candidates[i].anchors
    if anchors and not any(k in found.candidates and not found.candidates[k].anchors for k in keep):
        anchor = max(anchors, key=lambda a: similar.get(a, 0.0))
        unit += [anchor, lines[anchor].lead]
    unit.append(lines[i].lead)
    needed = [j for j in unit[:2] if j is not None and j not in keep]
    rest = [j for j in dict.fromkeys(unit[2:]) if j is not None and j not in keep and j not in needed]
    return needed + rest, len(needed)


@lru_cache(maxsize=4096)
def _facts(entities: tuple[str, ...], lines: tuple[Line, ...]) -> facts.Facts:
    return facts.facts(entities, lines)


_LINES: dict[tuple[str, ...], tuple[tuple[Line, ...], tuple[int, ...]]] = {}
DOCUMENT_CACHE = 1024


def _lines(chunks: Sequence[Passage]) -> tuple[tuple[Line, ...], tuple[int, ...]]:
    """A document's sentences as facts reads them, and the index of the chunk each comes from.

    Split once per document: splitting a 60-sentence page on every turn would cost milliseconds."""
    key = tuple(c.id for c in chunks)
    if key not in _LINES:
        if len(_LINES) > DOCUMENT_CACHE:
            _LINES.clear()
        lines: list[Line] = []
        owners: list[int] = []
        for n, chunk in enumerate(chunks):
            heading, lead = chunk.headings.rsplit(" > ", 1)[-1], None
            for sentence in split_sentences(_answer_text(chunk), chunk.lang):
                if LIST_ITEM.match(sentence):
                    lines.append(Line(sentence, heading, chunk.headings, lead))
                else:
                    lead = len(lines)
                    lines.append(Line(sentence, heading, chunk.headings))
                owners.append(n)
        _LINES[key] = (tuple(lines), tuple(owners))
    return _LINES[key]


def _scores(question: str, vector: np.ndarray, sentences: list[str], embedder: Embedder) -> np.ndarray:
    """Closeness of each sentence to the question: embedding similarity plus shared words."""
    return _sentence_vectors(embedder, sentences) @ vector + np.array([OVERLAP_WEIGHT * overlap(question, s) for s in sentences])


_SENTENCES: dict[tuple[str, str], np.ndarray] = {}
SENTENCE_CACHE = 20_000


def _sentence_vectors(embedder: Embedder, sentences: list[str]) -> np.ndarray:
    """KB sentences recur from question to question, so their vectors are kept."""
    missing = [s for s in dict.fromkeys(sentences) if (embedder.name, s) not in _SENTENCES]
    if missing:
        if len(_SENTENCES) > SENTENCE_CACHE:
            _SENTENCES.clear()
        _SENTENCES.update({(embedder.name, s): v for s, v in zip(missing, embedder.embed_documents(missing))})
    return np.asarray([_SENTENCES[(embedder.name, s)] for s in sentences])


