"""Every embedder backend, loaded from the disk of an installed package, as Chroma and LangChain see it."""

import subprocess
import sys

import numpy as np
import pytest

from assistant.errors import ConfigError, EmbedderError
from assistant.knowledge.embeddings import (
    as_chroma_function,
    as_langchain,
    load_embedder,
)

PAIR = ["Where is my parcel? I want to track my order.", "¿Dónde está mi paquete? Quiero rastrear mi pedido."]
OTHER = "Our tents have a five-year warranty."


def _check_multilingual(embedder, dim):
    vectors = embedder.embed_documents(PAIR + [OTHER])
    assert vectors.shape == (3, dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-3)
    # the Spanish paraphrase is nearer than an unrelated English sentence
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.1


def test_use_m3_is_multilingual(use_m3):
    assert use_m3.name == "use-m3"
    _check_multilingual(use_m3, 512)


def test_e5_small_embeds_queries_and_passages_differently():
    e5 = load_embedder("e5-small")
    _check_multilingual(e5, 384)
    assert not np.allclose(e5.embed_query(OTHER), e5.embed_documents([OTHER])[0])


@pytest.mark.slow
def test_st_minilm_loads_from_its_package():
    minilm = load_embedder("st:minilm")
    assert minilm.name == "st:minilm" and minilm.dim == 384
    vectors = minilm.embed_documents(["track my order", "where is my parcel", OTHER])
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_st_model_that_is_not_on_disk_says_so():
    with pytest.raises(EmbedderError, match="could not be loaded from disk"):
        load_embedder("st:/nonexistent/model")


def test_unknown_embedder_names_the_choices():
    with pytest.raises(ConfigError, match="use-m3, e5-small or st:"):
        load_embedder("word2vec")


def test_documents_embedded_are_counted(use_m3):
    before = use_m3.documents_embedded
    use_m3.embed_documents(["a", "b"])
    use_m3.embed_queries(["c"])
    assert use_m3.documents_embedded == before + 2


def test_langchain_adapter(use_m3):
    lc = as_langchain(use_m3)
    docs = lc.embed_documents(PAIR)
    assert len(docs) == 2 and len(docs[0]) == 512 and isinstance(docs[0][0], float)
    assert np.allclose(lc.embed_query(PAIR[0]), docs[0], atol=1e-5)


def test_chroma_adapter_round_trips_its_config(use_m3):
    function = as_chroma_function(use_m3)
    assert function.name() == "triage-assistant" and function.get_config() == {"embedder": "use-m3"}
    assert len(function(["hello"])[0]) == 512
    assert not function.is_legacy()


def test_default_backend_does_not_import_torch():
    code = "import sys; from assistant.knowledge.embeddings import load_embedder; load_embedder('use-m3').embed_documents(['x']); print('torch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
