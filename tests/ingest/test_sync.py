"""Incremental, idempotent ingest into a real Chroma, embedded and behind `chroma run`."""

from assistant.knowledge.index import open_index
from ingest.sync import discover, ingest
from tests.utils.docs import DOCS, write
from tests.utils.pdf import make_pdf


def run(settings, embedder, **kwargs):
    index = open_index(settings, embedder)
    files, failures, scopes = discover([settings.kb_dir], settings.kb_dir)
    return ingest(files, index, prune_scopes=scopes, failures=failures, **kwargs), index


def ids_by_source(index) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for chunk_id, meta in index.iter_metadata():
        out.setdefault(meta["source"], set()).add(chunk_id)
    return out


def test_first_run_ingests_everything(settings, use_m3):
    write(settings.kb_dir, DOCS)
    report, index = run(settings, use_m3)
    assert (report.files.seen, report.files.added, report.files.failed) == (4, 4, 0)
    assert report.chunks.total == index.count() == report.chunks.embedded == 7
    assert set(ids_by_source(index)) == set(DOCS)


def test_second_run_embeds_nothing(settings, use_m3):
    write(settings.kb_dir, DOCS)
    run(settings, use_m3)
    before = use_m3.documents_embedded
    report, index = run(settings, use_m3)
    assert use_m3.documents_embedded == before
    assert report.chunks.embedded == 0 and report.chunks.deleted == 0
    assert (report.files.unchanged, report.files.added, report.files.updated) == (4, 0, 0)
    assert index.count() == 7


def test_changed_file_replaces_exactly_its_own_chunks(settings, use_m3):
    write(settings.kb_dir, DOCS)
    _, index = run(settings, use_m3)
    before = ids_by_source(index)
    write(settings.kb_dir, {"returns.md": DOCS["returns.md"].replace("30 days", "45 days")})
    counted = use_m3.documents_embedded
    report, index = run(settings, use_m3)
    after = ids_by_source(index)
    assert (report.files.updated, report.files.unchanged) == (1, 3)
    # only the edited section is embedded again; the untouched section keeps its id and vector
    assert report.chunks.embedded == 1 == use_m3.documents_embedded - counted
    assert report.chunks.deleted == 1
    assert len(after["returns.md"] & before["returns.md"]) == 1
    assert {s: ids for s, ids in after.items() if s != "returns.md"} == {s: ids for s, ids in before.items() if s != "returns.md"}
    hits = index.search("return window", k=2, where={"source": "returns.md"})
    assert any("45 days" in h.text for h in hits) and not any("30 days" in h.text for h in hits)


def test_deleted_file_is_pruned(settings, use_m3):
    write(settings.kb_dir, DOCS)
    run(settings, use_m3)
    (settings.kb_dir / "faq.csv").unlink()
    report, index = run(settings, use_m3)
    assert report.files.removed == 1 and report.chunks.deleted == 2
    assert "faq.csv" not in ids_by_source(index) and index.count() == 5


def test_no_prune_keeps_a_deleted_files_chunks(settings, use_m3):
    write(settings.kb_dir, DOCS)
    run(settings, use_m3)
    (settings.kb_dir / "faq.csv").unlink()
    index = open_index(settings, use_m3)
    files, _, _ = discover([settings.kb_dir], settings.kb_dir)
    report = ingest(files, index, prune_scopes=[])
    assert report.files.removed == 0 and index.count() == 7


def test_ingesting_one_file_prunes_nothing_else(settings, use_m3):
    write(settings.kb_dir, DOCS)
    run(settings, use_m3)
    index = open_index(settings, use_m3)
    files, failures, scopes = discover([settings.kb_dir / "shipping.md"], settings.kb_dir)
    assert scopes == ["shipping.md"]
    report = ingest(files, index, prune_scopes=scopes)
    assert report.files.unchanged == 1 and index.count() == 7


def test_corrupt_pdf_and_binary_file_are_reported_and_the_rest_ingested(settings, use_m3):
    write(settings.kb_dir, {
        **DOCS,
        "broken.pdf": b"%PDF-1.7\n1 0 obj <<",
        "photo.md": bytes(range(256)) * 4,
        "warranty.pdf": make_pdf([["Warranty", "Two years on every product."]]),
    })
    report, index = run(settings, use_m3)
    failed = {f.path.rsplit("/", 1)[-1]: f.reason for f in report.failures}
    assert set(failed) == {"broken.pdf", "photo.md"}
    assert "not a valid PDF" in failed["broken.pdf"] and "binary" in failed["photo.md"]
    assert report.files.added == 5 and report.files.failed == 2
    assert set(ids_by_source(index)) == {*DOCS, "warranty.pdf"}


def test_file_that_breaks_keeps_its_last_good_chunks(settings, use_m3):
    write(settings.kb_dir, DOCS)
    run(settings, use_m3)
    write(settings.kb_dir, {"faq.csv": b"\x00\x01 broken"})
    report, index = run(settings, use_m3)
    assert report.files.failed == 1 and report.files.removed == 0
    assert len(ids_by_source(index)["faq.csv"]) == 2


def test_dry_run_writes_nothing(settings, use_m3):
    write(settings.kb_dir, DOCS)
    before = use_m3.documents_embedded
    report, index = run(settings, use_m3, dry_run=True)
    assert index.count() == 0 and use_m3.documents_embedded == before
    assert report.files.added == 4 and report.planned.embedded == 7 and report.chunks.embedded == 0


def test_cross_lingual_search_finds_the_english_document(settings, use_m3):
    write(settings.kb_dir, DOCS)
    _, index = run(settings, use_m3)
    hits = index.search("¿Cuándo recibo el reembolso en mi tarjeta?", k=3, where={"lang": "en"})
    assert "returns.md" in [h.metadata["source"] for h in hits]
    assert all(h.metadata["lang"] == "en" for h in hits)
    assert 1 >= hits[0].score >= hits[-1].score > 0
