"""triage-assistant core: language, embeddings, the knowledge-base index, and (later) replies.

Pure Python: nothing here prints, parses command lines or serves HTTP.
"""
