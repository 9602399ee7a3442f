"""Serving benchmarks: turn latency in-process and over HTTP, throughput, RSS, time to ready.

    python -m evals.bench.server [--turns 300]

Prints numbers and fails nothing. Targets on 2 cores, embedded default, no LLM: p95 turn latency
≤60 ms in-process and ≤150 ms over HTTP at concurrency 8; ≥100 turns/s; RSS ≤700 MB; ready ≤3 s.
Traffic goes only to 127.0.0.1, bounded in count and time.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import numpy as np

from api.settings import Settings
from assistant.factory import build_assistant
from evals.cases import load_cases
from evals.runner import run

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = [c.text for c in load_cases(ROOT / "evals" / "cases" / "dev.jsonl") if c.expect == "answer" and not c.history]


def in_process(settings: Settings) -> None:
    assistant = build_assistant(settings, threads=1)
    assistant.warm()
    cases = load_cases(ROOT / "evals" / "cases" / "dev.jsonl")
    latencies = [o.latency_ms for o in run(assistant, cases)]
    print(f"in-process: {len(latencies)} turns, p50 {np.percentile(latencies, 50):.1f} ms, p95 {np.percentile(latencies, 95):.1f} ms")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, workers: int) -> tuple[subprocess.Popen, str, float]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "triage"), "serve", "--port", str(port), "--workers", str(workers)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = started + 120
    while time.perf_counter() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                return proc, url, time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.02)
    proc.kill()
    raise RuntimeError("server did not get ready")


def rss_mb(pid: int) -> float:
    """RSS of a process and its children (the workers)."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            total += int(Path(f"/proc/{p}/status").read_text().split("VmRSS:")[1].split()[0])
        except (FileNotFoundError, IndexError):
            pass
    return total / 1024


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(c) for c in found] + [g for c in found for g in _children(int(c))]


def load(url: str, concurrency: int, turns: int, seconds: float = 60) -> tuple[list[float], float]:
    """``turns`` turns from ``concurrency`` clients, each on its own conversations of five turns."""
    deadline = time.monotonic() + seconds

    def client(n: int) -> list[float]:
        latencies = []
        with httpx.Client(base_url=url, timeout=30) as http:
            for i in range(n):
                if time.monotonic() > deadline:
                    break
                if i % 5 == 0:
                    created = http.post("/v1/conversations", json={}).json()
                    path, auth = f"/v1/conversations/{created['id']}/messages", {"Authorization": f"Bearer {created['token']}"}
                began = time.perf_counter()
                http.post(path, json={"text": QUESTIONS[(n * 7 + i) % len(QUESTIONS)]}, headers=auth).raise_for_status()
                latencies.append((time.perf_counter() - began) * 1000)
        return latencies

    began = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(client, [turns // concurrency] * concurrency))
    elapsed = time.perf_counter() - began
    latencies = [x for r in results for x in r]
    return latencies, len(latencies) / elapsed


WRK_SCRIPT = """
local convs, qs, n = {}, {}, 0
for line in io.lines(os.getenv("BENCH_CONVS")) do table.insert(convs, line) end
for line in io.lines(os.getenv("BENCH_QUESTIONS")) do table.insert(qs, line) end
request = function()
  n = n + 1
  local path, token = convs[(n % #convs) + 1]:match("([^ ]+) ([^ ]+)")
  local body = '{"text": "' .. qs[(n % #qs) + 1] .. '"}'
  return wrk.format("POST", path, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
"""


def load_wrk(url: str, concurrency: int, seconds: int, tmp: Path) -> tuple[float, float, float]:
    """Requests/s, p50 and p95 in ms from wrk, on 200 fresh conversations."""
    convs, questions, script = tmp / "convs.txt", tmp / "questions.txt", tmp / "bench.lua"
    with httpx.Client(base_url=url, timeout=30) as http:
        made = [http.post("/v1/conversations", json={}).json() for _ in range(200)]
    convs.write_text("".join(f"/v1/conversations/{c['id']}/messages {c['token']}\n" for c in made))
    questions.write_text("".join(q.replace('"', "'").replace("\\", " ") + "\n" for q in QUESTIONS))
    script.write_text(WRK_SCRIPT)
    env = {**os.environ, "BENCH_CONVS": str(convs), "BENCH_QUESTIONS": str(questions)}
    result = subprocess.run(
        ["wrk", "-t", str(min(concurrency, 2)), "-c", str(concurrency), "-d", f"{seconds}s", "--latency", "-s", str(script), url],
        capture_output=True, text=True, env=env, check=True,
    ).stdout
    rate = float(result.split("Requests/sec:")[1].split()[0])
    percentiles = {line.split()[0]: line.split()[1] for line in result.splitlines() if line.strip().startswith(("50%", "90%", "99%"))}
    return rate, _ms(percentiles["50%"]), _ms(percentiles["99%"])


def _ms(value: str) -> float:
    for unit, factor in (("ms", 1), ("us", 0.001), ("s", 1000)):
        if value.endswith(unit):
            return float(value[: -len(unit)]) * factor
    return float(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=320)
    parser.add_argument("--data", type=Path, default=Path("data"), help="A data folder with the KB ingested.")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; data {args.data}")
    settings = Settings(data_dir=args.data)
    in_process(settings)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TRIAGE_DATA_DIR": str(args.data), "TRIAGE_DATABASE_URL": f"sqlite:///{tmp}/bench.db",
               "TRIAGE_RATE_PER_CONVERSATION": "100000", "TRIAGE_RATE_PER_IP": "100000", "TRIAGE_LOG_LEVEL": "WARNING"}
        proc, url, ready = start_server(env, workers=1)
        print(f"ready: {ready:.2f} s after `triage serve` (1 worker); RSS {rss_mb(proc.pid):.0f} MB")
        proc.terminate()
        proc.wait()
        proc, url, ready = start_server(env, workers=2)
        try:
            print(f"ready: {ready:.2f} s after `triage serve --workers 2`")
            load(url, 8, 64)  # warm both workers
            for concurrency in (1, 8, 32):
                if shutil.which("wrk"):
                    rate, p50, p99 = load_wrk(url, concurrency, 10, Path(tmp))
                    print(f"HTTP (wrk, 10 s), --workers 2, concurrency {concurrency}: {rate:.0f} turns/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms")
                latencies, rate = load(url, concurrency, args.turns)
                print(f"HTTP (Python client), --workers 2, concurrency {concurrency}: {len(latencies)} turns, {rate:.0f} turns/s, "
                      f"p50 {np.percentile(latencies, 50):.1f} ms, p95 {np.percentile(latencies, 95):.1f} ms")
            print(f"server RSS after load (2 workers + supervisor): {rss_mb(proc.pid):.0f} MB")
        finally:
            proc.terminate()
            proc.wait()


if __name__ == "__main__":
    main()
