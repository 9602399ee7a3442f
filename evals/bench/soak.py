"""A busy store's day in a few minutes: many conversations at once while widgets stream live updates.

    python -m evals.bench.soak --data DIR [--database-url URL] [--conversations 500] [--turns 10]
                               [--clients 32] [--streams 200] [--workers 2]

`DIR` holds an ingested KB (`triage ingest kb` with TRIAGE_DATA_DIR=DIR). The per-address and
per-conversation limits are raised for the run, since every client comes from 127.0.0.1.
Prints errors by status, lost and duplicated messages, what the open streams missed, throughput,
p50/p95 turn latency and the peak number of database connections; fails nothing. Traffic goes
only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import numpy as np

from evals.bench.server import QUESTIONS, start_server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"), help="A data folder with the KB ingested.")
    parser.add_argument("--database-url", help="SQLAlchemy URL (e.g. a PostgreSQL database); default a fresh SQLite file.")
    parser.add_argument("--conversations", type=int, default=500)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--streams", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/soak.db"
        env = {**os.environ, "TRIAGE_DATA_DIR": str(args.data), "TRIAGE_DATABASE_URL": url, "TRIAGE_LOG_LEVEL": "WARNING",
               "TRIAGE_RATE_PER_CONVERSATION": "100000", "TRIAGE_RATE_PER_IP": "1000000"}
        proc, base, _ = start_server(env, workers=args.workers)
        try:
            soak(base, args, url, proc.pid)
        finally:
            proc.terminate()
            proc.wait()


def soak(base: str, args: argparse.Namespace, database_url: str, server_pid: int) -> None:
    with httpx.Client(base_url=base, timeout=60) as http:
        conversations = [http.post("/v1/conversations", json={}).json() for _ in range(args.conversations)]
    watched = conversations[: args.streams]
    streams = Streams(base, watched)
    streams.start()
    sampler = ConnectionSampler(database_url, server_pid)
    sampler.start()
    began = time.perf_counter()
    with ThreadPoolExecutor(args.clients) as pool:
        results = list(pool.map(lambda c: converse(base, c, args.turns), conversations))
    elapsed = time.perf_counter() - began
    time.sleep(2)  # let the streams catch the last replies
    streams.stop()
    sampler.stop()
    latencies = [ms for r in results for ms in r["latencies"]]
    statuses = Counter(s for r in results for s in r["statuses"])
    with httpx.Client(base_url=base, timeout=60) as http:
        stored = [history(http, c) for c in conversations]
    sent = args.conversations * args.turns
    answered = sum(r["answered"] for r in results)
    lost = sum(max(0, args.turns - Counter(m["role"] for m in h)["customer"]) for h in stored)
    duplicated = sum(len(h) - len({m["id"] for m in h}) for h in stored)
    missed = sum(len({str(m["id"]) for m in h} - streams.seen[c["id"]]) for c, h in zip(watched, stored))
    print(f"{args.conversations} conversations x {args.turns} turns from {args.clients} clients, {len(watched)} widget streams open, "
          f"{args.workers} workers, database {database_url.split(':')[0]}")
    print(f"statuses {dict(statuses)}; answered {answered}/{sent}; lost {lost}; duplicated {duplicated}; "
          f"missed by the streams {missed} of {sum(len(h) for h in stored[: len(watched)])}; stream errors {streams.errors}")
    print(f"{len(latencies) / elapsed:.1f} turns/s, p50 {np.percentile(latencies, 50):.0f} ms, p95 {np.percentile(latencies, 95):.0f} ms, "
          f"peak database connections {sampler.peak}")


def converse(base: str, conversation: dict, turns: int) -> dict:
    auth = {"Authorization": f"Bearer {conversation['token']}"}
    latencies, statuses, answered = [], [], 0
    with httpx.Client(base_url=base, timeout=60) as http:
        for i in range(turns):
            text = QUESTIONS[(hash(conversation["id"]) + i) % len(QUESTIONS)]
            began = time.perf_counter()
            response = http.post(f"/v1/conversations/{conversation['id']}/messages", json={"text": text}, headers=auth)
            latencies.append((time.perf_counter() - began) * 1000)
            statuses.append(response.status_code)
            answered += response.status_code == 200 and response.json()["reply"] is not None
    return {"latencies": latencies, "statuses": statuses, "answered": answered}


def history(http: httpx.Client, conversation: dict) -> list[dict]:
    auth = {"Authorization": f"Bearer {conversation['token']}"}
    return http.get(f"/v1/conversations/{conversation['id']}", headers=auth).json()["messages"]


class Streams:
    """One live-update stream per watched conversation, as the open widgets hold them."""

    def __init__(self, base: str, conversations: list[dict]) -> None:
        self.base, self.conversations = base, conversations
        self.seen: dict[str, set[str]] = {c["id"]: set() for c in conversations}
        self.errors = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    def start(self) -> None:
        self._thread.start()
        time.sleep(2)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    async def _run(self) -> None:
        limits = httpx.Limits(max_connections=len(self.conversations) + 10)
        async with httpx.AsyncClient(base_url=self.base, timeout=None, limits=limits) as http:
            tasks = [asyncio.create_task(self._listen(http, c)) for c in self.conversations]
            while not self._stop.is_set():
                await asyncio.sleep(0.2)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _listen(self, http: httpx.AsyncClient, conversation: dict) -> None:
        params = {"after": "0", "access_token": conversation["token"]}
        try:
            async with http.stream("GET", f"/v1/conversations/{conversation['id']}/events", params=params) as response:
                if response.status_code != 200:
                    self.errors += 1
                    return
                event = None
                async for line in response.aiter_lines():
                    if line.startswith("event: "):
                        event = line[7:]
                    elif line.startswith("data: ") and event == "message":
                        self.seen[conversation["id"]].add(str(json.loads(line[6:])["id"]))
        except httpx.HTTPError:
            self.errors += 1


class ConnectionSampler:
    """Peak database connections the server holds: PostgreSQL's pg_stat_activity, or the SQLite
    file's open descriptors in the server's processes."""

    def __init__(self, database_url: str, server_pid: int) -> None:
        self.url, self.pid, self.peak = database_url, server_pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        count = self._postgres() if self.url.startswith("postgresql") else self._sqlite
        while not self._stop.is_set():
            self.peak = max(self.peak, count())
            time.sleep(0.25)

    def _postgres(self):
        import psycopg

        dsn = self.url.replace("postgresql+psycopg://", "postgresql://")
        connection = psycopg.connect(dsn, autocommit=True)
        query = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        return lambda: connection.execute(query).fetchone()[0]

    def _sqlite(self) -> int:
        path = self.url.removeprefix("sqlite:///")
        found = 0
        for pid in [self.pid, *_children(self.pid)]:
            try:
                found += sum(os.readlink(fd) == path for fd in Path(f"/proc/{pid}/fd").iterdir())
            except OSError:
                pass
        return found


def _children(pid: int) -> list[int]:
    try:
        found = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return found + [g for c in found for g in _children(c)]


if __name__ == "__main__":
    main()
