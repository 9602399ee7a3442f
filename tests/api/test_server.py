"""`triage serve` as a real server: two workers acting as one, SSE, and a restart."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest

from tests.utils.api import AGENT
from tests.utils.cli import run
from tests.utils.kb_change import RENTAL_PAGE, RENTAL_QUESTION, add_rentals, small_kb
from tests.utils.server import ONE_WINDOW, Server, fresh


@pytest.fixture
def server_env(kb_settings, tmp_path):
    return {
        "TRIAGE_DATA_DIR": str(kb_settings.data_dir),
        "TRIAGE_DATABASE_URL": f"sqlite:///{tmp_path / 'server.db'}",
        "TRIAGE_RATE_PER_CONVERSATION": "5",
        "TRIAGE_RATE_WINDOW_SECONDS": ONE_WINDOW,  # what each test counts falls in one window
        "TRIAGE_LOG_LEVEL": "WARNING",
    }


@pytest.mark.load
def test_two_workers_behave_as_one(server_env):
    with Server(server_env, workers=2) as server:
        created = fresh(server.url, "POST", "/v1/conversations", json={}).json()
        auth = {"Authorization": f"Bearer {created['token']}"}
        path = f"/v1/conversations/{created['id']}/messages"
        codes = [fresh(server.url, "POST", path, json={"text": "How do I reset my password?"}, headers=auth).status_code for _ in range(7)]
        assert codes == [200] * 5 + [429] * 2  # one limit, whichever worker counts
        history = fresh(server.url, "GET", f"/v1/conversations/{created['id']}", headers=auth).json()
        ids = [int(m["id"]) for m in history["messages"]]
        assert len(ids) == 10 and ids == sorted(ids)


@pytest.mark.load
def test_sse_delivers_the_agents_reply(server_env):
    with Server(server_env, workers=2) as server:
        created = fresh(server.url, "POST", "/v1/conversations", json={}).json()
        auth = {"Authorization": f"Bearer {created['token']}"}
        cid = created["id"]
        asked = fresh(server.url, "POST", f"/v1/conversations/{cid}/messages", json={"text": "I want to talk to a human"}, headers=auth).json()
        received: list[dict] = []
        connected = threading.Event()

        def listen() -> None:
            params = {"after": asked["reply"]["message_id"], "access_token": created["token"]}
            with httpx.stream("GET", f"{server.url}/v1/conversations/{cid}/events", params=params, timeout=30) as events:
                event = None
                for line in events.iter_lines():
                    if line == ": connected":
                        connected.set()
                    elif line.startswith("event: "):
                        event = line[7:]
                    elif line.startswith("data: ") and event == "message":
                        received.append(json.loads(line[6:]))
                        if received[-1]["role"] == "agent":
                            return

        listener = threading.Thread(target=listen, daemon=True)
        listener.start()
        assert connected.wait(timeout=20)
        case = fresh(server.url, "GET", "/v1/handoffs", headers=AGENT).json()["items"][0]
        fresh(server.url, "POST", f"/v1/handoffs/{case['id']}/reply", json={"text": "Hi, Demo here."}, headers=AGENT)
        listener.join(timeout=20)
        assert received and received[-1]["role"] == "agent" and received[-1]["text"] == "Hi, Demo here."


@pytest.mark.load
def test_open_widgets_hold_no_database_connection(server_env):
    """Each open widget streams live updates; with a one-connection pool, three open streams must
    still leave the connection to the customers who write (it was held for the stream's life)."""
    env = {**server_env, "TRIAGE_DB_POOL_SIZE": "1", "TRIAGE_DB_MAX_OVERFLOW": "0", "TRIAGE_DB_POOL_TIMEOUT": "3"}
    with Server(env, workers=1) as server:
        opened = []
        for _ in range(3):
            created = fresh(server.url, "POST", "/v1/conversations", json={}).json()
            stream = httpx.Client(timeout=30).stream("GET", f"{server.url}/v1/conversations/{created['id']}/events",
                                                     params={"access_token": created["token"]})
            response = stream.__enter__()
            assert next(response.iter_lines()) == ": connected"
            opened.append(stream)
        try:
            created = fresh(server.url, "POST", "/v1/conversations", json={})
            assert created.status_code == 201, created.text
            auth = {"Authorization": f"Bearer {created.json()['token']}"}
            asked = fresh(server.url, "POST", f"/v1/conversations/{created.json()['id']}/messages", json={"text": "How do I reset my password?"}, headers=auth)
            assert asked.status_code == 200 and asked.json()["reply"]["text"]
        finally:
            for stream in opened:
                stream.__exit__(None, None, None)


def test_conversation_survives_a_restart(server_env):
    with Server(server_env, workers=1) as server:
        created = fresh(server.url, "POST", "/v1/conversations", json={}).json()
        auth = {"Authorization": f"Bearer {created['token']}"}
        fresh(server.url, "POST", f"/v1/conversations/{created['id']}/messages", json={"text": "How do I reset my password?"}, headers=auth)
    with Server(server_env, workers=1) as server:
        history = fresh(server.url, "GET", f"/v1/conversations/{created['id']}", headers=auth).json()
        assert [m["role"] for m in history["messages"]] == ["customer", "assistant"]
        assert "1 hour" in history["messages"][1]["text"]


def test_forwarded_for_does_not_make_a_new_client(server_env):
    """uvicorn believed X-Forwarded-For from any loopback peer; `triage serve` leaves it to TRIAGE_TRUSTED_PROXIES (none)."""
    with Server({**server_env, "TRIAGE_RATE_PER_IP": "3", "TRIAGE_RATE_READS_PER_IP": "3"}, workers=1) as server:
        posted = [fresh(server.url, "POST", "/v1/conversations", json={}, headers={"X-Forwarded-For": f"198.51.100.{i}"}) for i in range(4)]
        assert [p.status_code for p in posted] == [201, 201, 201, 429]
        cid, auth = posted[0].json()["id"], {"Authorization": f"Bearer {posted[0].json()['token']}"}
        # an open stream counts once, however often its loop reads the conversation
        with httpx.stream("GET", f"{server.url}/v1/conversations/{cid}/events", headers=auth, timeout=30) as events:
            lines = events.iter_lines()
            assert events.status_code == 200 and next(lines) == ": connected"
            assert next(line for line in lines if line.startswith("event: ")) == "event: status"  # its loop has read it
        reads = [fresh(server.url, "GET", f"/v1/conversations/{cid}", headers=auth).status_code for _ in range(3)]
        assert reads == [200, 200, 429]


@pytest.mark.load
@pytest.mark.parametrize("store", ["embedded", "server"])
def test_a_live_kb_update_is_seen_by_both_workers(store, request, tmp_path):
    """The issue's "done when": `triage ingest` adds a page while two workers serve, from the
    embedded store or over `chroma run`; within seconds both answer from it, and no request fails
    meanwhile."""
    kb = small_kb(tmp_path / "kb")
    env = {
        "TRIAGE_DATA_DIR": str(tmp_path / "data"), "TRIAGE_COLLECTION": "live-kb",
        "TRIAGE_DATABASE_URL": f"sqlite:///{tmp_path / 'server.db'}", "TRIAGE_KB_RELOAD_SECONDS": "1",
        "TRIAGE_RATE_PER_IP": "100000", "TRIAGE_RATE_READS_PER_IP": "100000", "TRIAGE_LOG_LEVEL": "WARNING",
    }  # fmt: skip
    if store == "server":
        env["TRIAGE_CHROMA_URL"] = request.getfixturevalue("chroma_server")
    assert run("ingest", str(kb), env=env).returncode == 0

    def ask() -> tuple[list[int], dict | None]:
        """The rental question in a new conversation: the status codes, and the reply."""
        created = fresh(server.url, "POST", "/v1/conversations", json={})
        if created.status_code != 201:
            return [created.status_code], None
        auth = {"Authorization": f"Bearer {created.json()['token']}"}
        asked = fresh(server.url, "POST", f"/v1/conversations/{created.json()['id']}/messages", json={"text": RENTAL_QUESTION}, headers=auth)
        return [created.status_code, asked.status_code], asked.json()["reply"] if asked.status_code == 200 else None

    with Server(env, workers=2) as server:
        _, before = ask()
        assert before["handoff"] or RENTAL_PAGE not in [s["source"] for s in before["sources"]]

        statuses: list[int] = []
        stop = threading.Event()

        def keep_asking() -> None:
            while not stop.is_set():
                statuses.extend(ask()[0])

        asking = threading.Thread(target=keep_asking, daemon=True)
        asking.start()
        try:
            add_rentals(kb)
            (kb / "warranty.md").unlink()  # chunks a turn under way may still hold
            done = run("ingest", str(kb), "--json", env=env)
            assert done.returncode == 0, done.stderr
            generation = json.loads(done.stdout)["generation"]
            served: dict[int, str] = {}  # worker pid -> the KB generation it serves
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and list(served.values()).count(generation) < 2:
                kb_state = fresh(server.url, "GET", "/readyz").json()["kb"]
                served[kb_state["worker"]] = kb_state["generation"]
                time.sleep(0.1)
        finally:
            stop.set()
            asking.join(timeout=30)
        assert list(served.values()) == [generation, generation], served  # two workers, both on the new KB
        for _ in range(4):  # whichever worker answers now answers from the new page
            codes, after = ask()
            assert codes == [201, 200]
            assert after["handoff"] is None and [s["source"] for s in after["sources"]] == [RENTAL_PAGE], after
            assert "25 EUR per day" in after["text"]
        assert len(statuses) > 4 and set(statuses) == {200, 201}, statuses  # nothing failed during the swap
