"""Step 3 of a turn, the decision: how sure the answer is, and whether to answer, ask which topic was meant, or hand off with reasons."""
