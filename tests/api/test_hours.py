"""Business hours and waiting over HTTP: the wait told, the email left out of hours, one case per
waiting conversation, and a thanks after an agent resolved it."""

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.models import ConversationRow, HandoffRow
from assistant.knowledge.index import open_index
from assistant.knowledge.scoring import open_scorer
from assistant.reply import Assistant
from tests.utils.api import AGENT, say, sign, start

SATURDAY_EVENING = datetime(2026, 11, 28, 18, 0, tzinfo=UTC)  # 19:00 in Amsterdam, closed


@pytest.fixture(scope="module")
def closed_bot(kb_settings, use_m3):
    settings = kb_settings.model_copy(update={"business_hours": "Mon-Fri 08:00-20:00; Sat 09:00-17:00", "timezone": "Europe/Amsterdam"})
    index = open_index(settings, use_m3)
    return Assistant(settings, index, scorer=open_scorer(settings, index.name, 2), clock=lambda: SATURDAY_EVENING)


@pytest.fixture
def closed(app_settings, closed_bot):
    with TestClient(create_app(closed_bot.settings.model_copy(update={"database_url": app_settings.database_url}), closed_bot)) as client:
        yield client


def test_out_of_hours_the_customer_is_told_when_in_their_zone_and_may_leave_an_email(closed):
    cid, auth = start(closed, timezone="Asia/Tokyo")
    reply = say(closed, cid, auth, "I want to talk to a person").json()["reply"]
    assert reply["handoff"]["out_of_hours"] is True and reply["handoff"]["back_at"] == "2026-11-30T08:00:00+01:00"
    assert "Monday, November 30, 2026 at 4:00\u202fPM." in reply["text"], reply["text"]  # 08:00 in Amsterdam
    bad = closed.post(f"/v1/conversations/{cid}/contact", json={"email": "anna at example"}, headers=auth)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_email"
    other, other_auth = start(closed)
    assert closed.post(f"/v1/conversations/{cid}/contact", json={"email": "x@example.com"}, headers=other_auth).status_code in (401, 403, 404)
    assert closed.post(f"/v1/conversations/{cid}/contact", json={"email": "anna@example.com"}, headers=auth).status_code == 200
    [item] = closed.get("/v1/handoffs?status=open", headers=AGENT).json()["items"]
    assert closed.get(f"/v1/handoffs/{item['id']}", headers=AGENT).json()["contact_email"] == "anna@example.com"


def test_an_unknown_time_zone_is_ignored_and_the_stores_is_named(closed):
    cid, auth = start(closed, timezone="Mars/Olympus_Mons")
    reply = say(closed, cid, auth, "I want to talk to a person").json()["reply"]
    assert "8:00\u202fAM (Netherlands Time)" in reply["text"]


def test_the_wait_told_is_measured_from_recent_claims(client, app_settings, bot):
    for _ in range(5):
        cid, auth = start(client)
        say(client, cid, auth, "I want to talk to a person")
    with client.app.state.sessions() as session:
        for handoff in session.query(HandoffRow):
            handoff.claimed_at = handoff.created_at + timedelta(minutes=20)
        session.commit()
    # a worker reads the measure at most once a minute: a fresh one sees the claims at once
    with TestClient(create_app(app_settings, bot)) as worker:
        cid, auth = start(worker)
        reply = say(worker, cid, auth, "I want to talk to a person").json()["reply"]
    assert "within about 20 minutes" in reply["text"] and reply["handoff"]["out_of_hours"] is False


def test_a_waiting_case_acknowledges_more_messages_and_stays_one_case(client):
    cid, auth = start(client)
    first = say(client, cid, auth, "I want to talk to a person").json()["reply"]
    assert "member of our team" in first["text"]
    more = say(client, cid, auth, "This is a disgrace, my parcel is three weeks late!").json()["reply"]
    assert "added this to your request" in more["text"] and "within about" not in more["text"]
    [item] = client.get("/v1/handoffs?status=open", headers=AGENT).json()["items"]
    assert set(item["reasons"]) >= {"human_request", "complaint"}


def test_a_thanks_after_the_agent_resolved_opens_no_case_and_a_question_is_answered_again(client):
    cid, auth = start(client)
    say(client, cid, auth, "I want to talk to a person")
    [item] = client.get("/v1/handoffs?status=open", headers=AGENT).json()["items"]
    client.post(f"/v1/handoffs/{item['id']}/reply", json={"text": "Hello, how can I help?"}, headers=AGENT)
    client.post(f"/v1/handoffs/{item['id']}/resolve", json={"outcome": "answered"}, headers=AGENT)
    thanks = say(client, cid, auth, "thanks!").json()["reply"]
    assert thanks["handoff"] is None and "welcome" in thanks["text"]
    assert client.get("/v1/handoffs?status=open", headers=AGENT).json()["items"] == []
    answered = say(client, cid, auth, "How long is the warranty?").json()["reply"]
    assert answered["handoff"] is None and "2 years" in answered["text"]


def test_the_email_left_goes_when_the_customer_is_erased(closed):
    context = {"customer_ref": "c-77"}
    cid, auth = start(closed, context=context, signature=sign(context))
    say(closed, cid, auth, "I want to talk to a person")
    assert closed.post(f"/v1/conversations/{cid}/contact", json={"email": "gone@example.com"}, headers=auth).status_code == 200
    assert closed.delete("/v1/customers/c-77", headers=AGENT).status_code == 200
    with closed.app.state.sessions() as session:
        assert session.get(ConversationRow, cid) is None
