"""The second opinion's passage vectors (written at ingest, computed on the spot when missing) and the title match."""

import numpy as np
import pytest

from assistant.knowledge.chunks import Hit, embed_text
from assistant.knowledge.embeddings import load_embedder
from assistant.knowledge.index import open_index
from assistant.knowledge.scoring import (
    PassageScorer,
    TitleMatch,
    scorer_collection,
    sync_scorer_store,
)
from ingest.sync import discover, ingest


@pytest.fixture(scope="module")
def e5():
    return load_embedder("e5-small", 2)


def test_companion_collection_follows_the_kb(embedded_settings, use_m3, e5, tmp_path):
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "returns.md").write_text("# Returns\n\nYou have 30 days to return an item.\n\n## Refunds\n\nRefunds take 5 days.\n")
    (kb / "shipping.md").write_text("# Shipping\n\nShipping to Japan takes 4-8 business days.\n")
    index = open_index(embedded_settings, use_m3)
    files, failed, scopes = discover([kb], kb)
    ingest(files, index, prune_scopes=scopes, failures=failed)
    store = open_index(embedded_settings, e5, scorer_collection(index.name))
    assert sync_scorer_store(index, store, e5) == index.count()
    assert sync_scorer_store(index, store, e5) == 0  # nothing new the second time
    (kb / "shipping.md").unlink()
    files, failed, scopes = discover([kb], kb)
    ingest(files, index, prune_scopes=scopes, failures=failed)
    sync_scorer_store(index, store, e5)
    assert store.ids() == index.ids()  # the removed file's vectors are gone too


def test_missing_vectors_are_computed_like_stored_ones(embedded_settings, use_m3, e5, tmp_path):
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "returns.md").write_text("# Returns\n\nYou have 30 days to return an item.\n")
    index = open_index(embedded_settings, use_m3)
    files, failed, scopes = discover([kb], kb)
    ingest(files, index, prune_scopes=scopes, failures=failed)
    chunk = index.all_chunks()[0]
    empty = open_index(embedded_settings, e5, scorer_collection("other"))
    scorer = PassageScorer(e5, empty)
    query = scorer.embed_query("How long do I have to return something?")
    on_the_spot = scorer.similarities(query, [(chunk.id, chunk.text, chunk.metadata)])
    expected = e5.embed_documents([embed_text(chunk.text, chunk.metadata)])[0] @ query
    assert on_the_spot[0] == pytest.approx(float(expected), abs=1e-5)
    unrelated = scorer.similarities(scorer.embed_query("Do you sell kayaks?"), [(chunk.id, chunk.text, chunk.metadata)])
    assert unrelated[0] < on_the_spot[0] and np.isfinite(unrelated[0])


def _chunk(title: str, doc_key: str, lang: str = "en") -> Hit:
    return Hit(id=f"{doc_key}-{lang}", text="…", score=0.0, metadata={"title": title, "doc_key": doc_key, "lang": lang, "source": f"{doc_key}.md"})


@pytest.fixture(scope="module")
def titles(e5):
    pages = [("Returns and refunds", "returns"), ("Devoluciones y reembolsos", "returns"), ("Shipping and delivery", "shipping"),
             ("Payments", "payments"), ("Customs and duties", "customs")]
    return TitleMatch(e5, [_chunk(t, d, lang) for (t, d), lang in zip(pages, ["en", "es", "en", "en", "en"])])


@pytest.mark.parametrize(
    ("question", "page"),
    [("How do returns work?", "returns"), ("¿Cómo funcionan las devoluciones?", "returns"), ("Will I pay customs duties?", "customs"),
     ("Which payment methods can I use?", "payments")],
)
def test_a_broad_question_names_its_page_by_the_title(titles, e5, question, page):
    found, margin = titles.best(e5.embed_query(question))
    assert found == page and margin > 0


def test_the_title_margin_is_against_other_pages_only(titles, e5):
    """A page's own translations are no competitor: the Spanish title does not shrink the English one's margin."""
    query = e5.embed_query("How do returns work?")
    similarity, margin = titles.match(query, "Returns and refunds", "returns")
    assert margin == pytest.approx(titles.best(query)[1]) and 0 < margin < similarity
    other, other_margin = titles.match(query, "Payments", "payments")
    assert other < similarity and other_margin < 0


def test_a_kb_without_titles_matches_nothing(e5):
    assert TitleMatch(e5, []).best(e5.embed_query("How do returns work?")) == ("", 0.0)
