"""triage-assistant's pure core: one customer message in, one `TurnResult` out.

A turn runs `understand/` (language, entities, intent, the standalone question) -> `find/`
(retrieval over `knowledge/`, the second opinion, the answer and its signals) -> `decide/`
(answer, ask back or hand off, with reasons) -> `compose/` (the reply, the notice, the agent's
case). `model/` holds the data they pass; `reply.py` strings the steps together. Nothing here
prints, parses command lines, serves HTTP or opens a SQL database.
"""

from pathlib import Path

# Tables the core reads (abbreviations, places, entity patterns, the confidence model's weights).
DATA_DIR = Path(__file__).parent / "data"
