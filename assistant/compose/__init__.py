"""Step 4 of a turn, the reply: the answer in the customer's language, the handoff notice, the agent's case, translation and the optional LLM."""
