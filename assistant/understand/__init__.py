"""Step 1 of a turn, the message understood: language, entities, intent, and the question it asks on its own."""
