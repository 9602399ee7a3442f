"""The Chroma collection: embedder bookkeeping and search."""

import pytest

from api.settings import Settings
from assistant.errors import ConfigError, EmbedderMismatchError, IndexUnavailableError
from assistant.knowledge.chunks import Chunk
from assistant.knowledge.embeddings import load_embedder
from assistant.knowledge.index import drop_collection, open_index


def test_collection_records_its_embedder_and_refuses_another(settings, use_m3):
    index = open_index(settings, use_m3)
    index.upsert([Chunk("a", "text", "text", {"source": "a.md"})], use_m3.embed_documents(["text"]))
    with pytest.raises(EmbedderMismatchError, match="built with embedder 'use-m3' \\(512 dimensions\\)"):
        open_index(settings, load_embedder("e5-small"))
    assert open_index(settings, use_m3).count() == 1
    assert drop_collection(settings) is True
    assert open_index(settings, load_embedder("e5-small")).count() == 0


def test_search_scores_are_cosine_similarities(settings, use_m3):
    index = open_index(settings, use_m3)
    texts = ["Refunds take 5-10 business days.", "Tents have a 5-year warranty."]
    chunks = [Chunk(str(i), t, t, {"source": f"{i}.md", "lang": "en"}) for i, t in enumerate(texts)]
    index.upsert(chunks, use_m3.embed_documents(texts))
    hits = index.search("Refunds take 5-10 business days.", k=2)
    assert [h.id for h in hits] == ["0", "1"]
    assert hits[0].score == pytest.approx(1.0, abs=1e-3)
    expected = float(use_m3.embed_query(texts[0]) @ use_m3.embed_documents([texts[1]])[0])
    assert hits[1].score == pytest.approx(expected, abs=1e-3)
    assert index.search("x", k=2, where={"lang": "fr"}) == []


def test_empty_collection_searches_to_nothing(settings, use_m3):
    assert open_index(settings, use_m3).search("anything") == []


def test_invalid_collection_name(tmp_path, use_m3):
    with pytest.raises(ConfigError, match="must be 3-512"):
        open_index(Settings(data_dir=tmp_path), use_m3, collection="a b")


def test_unreachable_server_is_a_clear_error(tmp_path, use_m3):
    settings = Settings(data_dir=tmp_path, chroma_url="http://127.0.0.1:9")
    with pytest.raises(IndexUnavailableError, match="Cannot reach the Chroma server"):
        open_index(settings, use_m3)
