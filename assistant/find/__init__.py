"""Step 2 of a turn, finding the answer: retrieval, the second opinion, the answering section and the signals its confidence is computed from."""
