"""The knowledge base the turn searches: embeddings, the Chroma index and its generations, BM25, exact retrieval,
e5's second opinion, and the threshold calibrated on the KB itself."""
