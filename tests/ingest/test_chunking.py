"""Chunks: structure-following splits, stable ids, and the metadata retrieval relies on."""

from ingest.chunking import CHUNK_SIZE, chunk_document, parse_source
from ingest.loaders import LoadedDocument, Section, load_document


def test_source_name_links_translations():
    assert parse_source("shipping.es.md") == parse_source("shipping.md").__class__("shipping", "es")
    assert parse_source("help/returns.zh.md").doc_key == "help/returns"
    assert parse_source("notes.v2.md").lang is None
    assert parse_source("notes.v2.md").doc_key == "notes.v2"
    assert parse_source("faq.csv").doc_key == "faq"


def test_chunk_metadata_is_complete():
    doc = load_document(b"---\ntitle: Returns\ncategory: returns\nurl: https://s.example/r\n---\n# Returns\n\n## Window\n\n30 days.", "returns.fr.md")
    (chunk,) = chunk_document(doc, "returns.fr.md", "f" * 32)
    meta = chunk.metadata
    assert meta["source"] == "returns.fr.md" and meta["doc_key"] == "returns"
    assert (meta["title"], meta["headings"], meta["category"]) == ("Returns", "Window", "returns")
    assert (meta["lang"], meta["lang_from"]) == ("fr", "filename")
    assert (meta["position"], meta["n_chunks"], meta["file_hash"]) == (0, 1, "f" * 32)
    assert meta["url"] == "https://s.example/r" and len(meta["chunk_hash"]) == 32
    assert chunk.text == "30 days."
    assert chunk.embed_text == "Returns > Window\n\n30 days."


def test_language_is_detected_when_not_declared():
    doc = load_document("# Versand\n\nWir liefern innerhalb von zwei bis fünf Werktagen nach Deutschland.".encode(), "versand.md")
    (chunk,) = chunk_document(doc, "versand.md", "h")
    assert (chunk.metadata["lang"], chunk.metadata["lang_from"]) == ("de", "detected")


def test_long_section_is_split_with_overlap():
    sentences = [f"Sentence number {i} explains one more detail of the returns policy." for i in range(60)]
    doc = LoadedDocument(title="Long", lang="en", sections=[Section(headings=("Policy",), text=" ".join(sentences))])
    chunks = chunk_document(doc, "long.md", "h")
    assert len(chunks) >= 3
    assert all(len(c.text) <= CHUNK_SIZE for c in chunks)
    assert all(c.metadata["headings"] == "Policy" for c in chunks)
    # consecutive pieces share text, so no sentence is cut off from its context
    assert any(s in chunks[0].text and s in chunks[1].text for s in sentences)
    assert [c.metadata["position"] for c in chunks] == list(range(len(chunks)))


def test_faq_pair_stays_whole_even_when_long():
    answer = "Yes. " * 400
    doc = LoadedDocument(title="FAQ", lang="en", sections=[Section(headings=("Q?",), text=f"Q?\n{answer}", whole=True)])
    (chunk,) = chunk_document(doc, "faq.csv", "h")
    assert chunk.metadata["kind"] == "faq"
    assert chunk.text == f"Q?\n{answer}" and len(chunk.text) > CHUNK_SIZE


def test_ids_are_stable_and_survive_moving_a_section():
    a = b"# T\n\n## One\n\nFirst.\n\n## Two\n\nSecond.\n"
    b = b"# T\n\n## Zero\n\nNew.\n\n## One\n\nFirst.\n\n## Two\n\nSecond.\n"
    ids_a = [c.id for c in chunk_document(load_document(a, "t.md"), "t.md", "h1")]
    assert ids_a == [c.id for c in chunk_document(load_document(a, "t.md"), "t.md", "h1")]
    ids_b = [c.id for c in chunk_document(load_document(b, "t.md"), "t.md", "h2")]
    assert ids_b[1:] == ids_a and ids_b[0] not in ids_a


def test_same_text_in_two_files_gets_two_ids():
    doc = load_document(b"# T\n\nSame.", "a.md")
    assert chunk_document(doc, "a.md", "h")[0].id != chunk_document(doc, "b.md", "h")[0].id
