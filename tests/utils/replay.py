"""Recorded answers of the order services, replayed through httpx.MockTransport."""

from __future__ import annotations

import json

import httpx

from tests.utils.paths import ROOT

RECORDED = ROOT / "tests" / "assistant" / "orders" / "recorded"


def recorded(name: str, status: int = 200, **kwargs) -> httpx.Response:
    return httpx.Response(status, json=json.loads((RECORDED / name).read_text(encoding="utf-8")), **kwargs)


class Replay:
    """Answers each request with the next recorded answer (or raises it) and keeps what was sent."""

    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        assert self.answers, f"the adapter sent an unexpected request: {request.method} {request.url}"
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))
