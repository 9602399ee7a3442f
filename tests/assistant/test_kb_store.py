"""The embedded store in generations: an ingest writes a copy and publishes it whole, so a
server reading the live store never sees one half-written, and a crash leaves nothing to trip on."""

from __future__ import annotations

import pytest

from assistant.errors import IndexUnavailableError
from assistant.knowledge.chunks import Chunk
from assistant.knowledge.index import open_index
from assistant.knowledge.kb_store import writing
from assistant.knowledge.store import live_store


def add(index, use_m3, *texts: str) -> None:
    chunks = [Chunk(t, t, t, {"source": f"{t}.md"}) for t in texts]
    index.upsert(chunks, use_m3.embed_documents(list(texts)))


def publish(settings, use_m3, *texts: str) -> None:
    with writing(settings) as client:
        add(open_index(settings, use_m3, client=client), use_m3, *texts)


def test_an_ingest_publishes_a_copy_and_the_live_store_stays_as_it_was(embedded_settings, use_m3):
    root = embedded_settings.chroma_path
    publish(embedded_settings, use_m3, "returns")
    first = live_store(root)
    assert first.parent == root and first.name.startswith("store-")
    reading = open_index(embedded_settings, use_m3)  # what a server worker holds
    assert reading.store == first and not reading.changed_since(reading.generation)

    publish(embedded_settings, use_m3, "shipping")
    assert live_store(root) != first
    assert reading.count() == 1 and reading.search("returns", k=1)[0].id == "returns"  # still answers
    assert reading.changed_since(reading.generation)
    fresh = reading.reopened()
    assert fresh.store == live_store(root) and fresh.count() == 2 and not fresh.changed_since(fresh.generation)
    reading.close()
    assert fresh.search("shipping", k=1)[0].id == "shipping"  # closing the old left the new alone


def test_a_failed_ingest_publishes_nothing_and_leaves_no_copy(embedded_settings, use_m3):
    root = embedded_settings.chroma_path
    publish(embedded_settings, use_m3, "returns")
    live = live_store(root)
    with pytest.raises(RuntimeError), writing(embedded_settings) as client:
        add(open_index(embedded_settings, use_m3, client=client), use_m3, "half")
        raise RuntimeError("the ingest died here")
    assert live_store(root) == live and open_index(embedded_settings, use_m3).count() == 1
    assert not [p for p in root.iterdir() if p.name.startswith(".staging-")]


def test_an_interrupted_ingest_is_where_the_next_goes_on(embedded_settings, use_m3):
    publish(embedded_settings, use_m3, "returns")
    with pytest.raises(KeyboardInterrupt), writing(embedded_settings) as client:
        add(open_index(embedded_settings, use_m3, client=client), use_m3, "written before Ctrl-C")
        raise KeyboardInterrupt
    assert open_index(embedded_settings, use_m3).count() == 1  # nothing published
    publish(embedded_settings, use_m3, "shipping")
    assert open_index(embedded_settings, use_m3).ids() == {"returns", "written before Ctrl-C", "shipping"}


def test_what_a_killed_ingest_left_half_done_is_swept_by_the_next(embedded_settings, use_m3):
    root = embedded_settings.chroma_path
    publish(embedded_settings, use_m3, "returns")
    (root / ".copying-20261128T000000000000").mkdir()  # killed while copying the live store
    (root / "store-99991231T000000000000").mkdir()  # killed between renaming its copy and publishing it
    publish(embedded_settings, use_m3, "shipping")
    assert sorted(p.name for p in root.iterdir() if not p.name.startswith("store-2")) == [".ingest.lock", "CURRENT"]
    assert open_index(embedded_settings, use_m3).count() == 2


def test_a_second_ingest_meanwhile_is_refused_with_what_to_do(embedded_settings, use_m3):
    with writing(embedded_settings), pytest.raises(IndexUnavailableError, match="Another `triage ingest` is writing"):
        with writing(embedded_settings):
            pass


def test_old_stores_are_removed_and_a_store_from_before_generations_carries_over(embedded_settings, use_m3):
    root = embedded_settings.chroma_path
    add(open_index(embedded_settings, use_m3), use_m3, "legacy")  # written in place, as before generations
    assert live_store(root) == root and (root / "chroma.sqlite3").exists()
    for text in ("one", "two", "three", "four"):
        publish(embedded_settings, use_m3, text)
    stores = sorted(p.name for p in root.iterdir() if p.name.startswith("store-"))
    assert len(stores) == 3 and live_store(root).name == stores[-1]  # the live one and the two before it
    assert not (root / "chroma.sqlite3").exists()
    assert open_index(embedded_settings, use_m3).count() == 5  # nothing lost on the way
