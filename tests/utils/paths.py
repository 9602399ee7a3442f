"""Where the checkout, its sample KB and the installed `triage` command are."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KB = ROOT / "kb"
BIN = Path(sys.executable).parent
