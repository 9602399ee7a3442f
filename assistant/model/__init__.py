"""The data a turn reads and returns: the conversation, the result, the agent's case, the handoff reasons."""
