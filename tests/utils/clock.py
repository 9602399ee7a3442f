"""A clock the test moves: the app counts rate windows and typing pings on it (`create_app(clock=...)`)."""

from __future__ import annotations

import time


class FakeClock:
    """Seconds since the epoch, standing still until `advance`. It starts at the top of the
    current minute, so a one-minute rate window holds every request a test makes until it moves."""

    def __init__(self) -> None:
        self.now = float(int(time.time()) // 60 * 60)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
