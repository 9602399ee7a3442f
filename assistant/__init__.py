"""triage-assistant's pure core: one customer message in, one `TurnResult` out.

A turn runs `understand/` (language, entities, intent, the standalone question) -> `find/`
(retrieval over `knowledge/`, the second opinion, the answer and its signals) -> `decide/`
(answer, ask back or hand off, with reasons) -> `compose/` (the reply, the notice, the agent's
case). `model/` holds the data they pass; `reply.py` strings the steps together. Nothing here
prints, parses command lines, serves HTTP or opens a SQL database.
"""

import os
from pathlib import Path

# OpenBLAS threads (numpy's: USE-m3 and every matrix product) spin for ~0.1 s after each call
# before they sleep, and a turn calls e5 (its own OpenMP threads) within that time: on 2 cores the
# two pools took turns spinning, and e5's query embedding went from 10 ms to 45-75 ms. A timeout of
# 2^4 cycles lets them sleep at once: 100 interleaved USE-m3 + e5 queries 4.4-5.4 s -> 1.9-2.1 s,
# calibrating the sample KB ~21 s -> ~10 s. Read once, when numpy loads OpenBLAS, so it is set
# here, before anything imports numpy; an operator's own value wins.
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")

# Tables the core reads (abbreviations, places, entity patterns, the confidence model's weights).
DATA_DIR = Path(__file__).parent / "data"
