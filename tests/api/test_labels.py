"""The store's labels through the service: a resolved low-confidence case says whether the page
found first would have answered it, a thumbs says so of an answer sent, and enough of them
lower the threshold so the next such question is answered."""

import pytest
from sqlalchemy import select

from api.kb_follow import refresh_learned
from api.models import AnswerLabelRow, LabelWhy, MessageRow
from assistant.decide.refit import MIN_BAND
from assistant.knowledge.calibration import model_id
from tests.api.test_learned import PADDLES, handed_off_and_resolved
from tests.utils.api import AGENT, say, start

RETURNS_SECTION = {"taught": "section", "source": "returns.md", "headings": "Non-returnable items"}


@pytest.fixture(autouse=True)
def forget(bot):
    """The session's assistant learns in these tests: it forgets afterwards, for the tests after."""
    yield
    bot.learn([])


def stored(client) -> list[AnswerLabelRow]:
    with client.app.state.sessions() as session:
        return list(session.scalars(select(AnswerLabelRow).order_by(AnswerLabelRow.id)))


def candidate_of(client, cid: str) -> str:
    with client.app.state.sessions() as session:
        return session.scalars(select(MessageRow.candidate).where(MessageRow.conversation_id == cid, MessageRow.candidate.is_not(None))).one()


def test_a_section_of_the_page_found_first_is_a_right_label_another_page_or_nothing_a_wrong_one(client):
    # Each confirmation teaches as well: the one taught is retired before the same question is asked again.
    cid, _, nothing = handed_off_and_resolved(client, PADDLES)
    page = candidate_of(client, cid)
    assert client.post(f"/v1/handoffs/{nothing}/learn", json={"taught": "none"}, headers=AGENT).status_code == 200
    _, _, elsewhere_case = handed_off_and_resolved(client, PADDLES)
    elsewhere = RETURNS_SECTION if page != RETURNS_SECTION["source"] else {"taught": "section", "source": "shipping.md", "headings": "Carriers"}
    learned = client.post(f"/v1/handoffs/{elsewhere_case}/learn", json=elsewhere, headers=AGENT).json()["learned"]
    assert client.patch(f"/v1/learned/{learned['id']}", json={"status": "retired"}, headers=AGENT).status_code == 200
    _, _, same_case = handed_off_and_resolved(client, PADDLES)
    chunk = next(c for c in client.app.state.assistant.retriever.chunks if c.metadata["source"] == page and c.metadata.get("headings"))
    same = {"taught": "section", "source": page, "headings": chunk.metadata["headings"]}
    assert client.post(f"/v1/handoffs/{same_case}/learn", json=same, headers=AGENT).status_code == 200

    found = stored(client)
    assert [(label.right, label.why) for label in found] == [(False, LabelWhy.NONE), (False, LabelWhy.SECTION), (True, LabelWhy.SECTION)]
    assert all(0 < label.confidence < client.app.state.assistant.threshold for label in found)
    # Said twice about one case, it is labelled once.
    assert client.post(f"/v1/handoffs/{nothing}/learn", json={"taught": "none"}, headers=AGENT).status_code == 200
    assert len(stored(client)) == 3


def test_a_thumbs_labels_an_answer_sent_and_turned_over_it_changes_the_label(client):
    cid, auth = start(client)
    answer = say(client, cid, auth, "What payment methods do you accept?").json()["reply"]
    assert answer["handoff"] is None and answer["learned"] is None  # sent by the threshold, not from a FAQ row
    feedback = f"/v1/conversations/{cid}/messages/{answer['message_id']}/feedback"
    client.post(feedback, json={"rating": "down"}, headers=auth)
    assert [(lab.right, lab.why) for lab in stored(client)] == [(False, LabelWhy.THUMBS)]
    client.post(feedback, json={"rating": "up"}, headers=auth)
    assert [(lab.right, lab.why) for lab in stored(client)] == [(True, LabelWhy.THUMBS)]


def test_enough_right_labels_below_the_threshold_lower_it_and_the_question_is_answered(client, monkeypatch):
    assistant = client.app.state.assistant
    monkeypatch.setattr(assistant, "settings", assistant.settings.model_copy(update={"refit": True}))  # TRIAGE_REFIT=true
    cid, auth = start(client)
    first = say(client, cid, auth, PADDLES).json()["reply"]
    threshold = client.get("/readyz").json()["kb"]["threshold"]
    assert first["handoff"] is not None and first["confidence"] < threshold
    with client.app.state.sessions() as session:
        low = first["confidence"] - 0.002  # the band reaches just below the question's confidence
        step = (threshold - low) / MIN_BAND
        session.add_all(AnswerLabelRow(message_id=-n, confidence=threshold - step * n, right=True, why=LabelWhy.SECTION, model=model_id()) for n in range(1, MIN_BAND + 1))
        session.commit()
        refresh_learned(client.app, session)
    kb = client.get("/readyz").json()["kb"]
    assert kb["refitted"] and kb["labels"] == MIN_BAND and kb["threshold"] < first["confidence"]
    again, again_auth = start(client)
    assert say(client, again, again_auth, PADDLES).json()["reply"]["handoff"] is None


def test_without_the_refit_labels_are_counted_and_the_threshold_stays(client):
    cid, auth = start(client)
    first = say(client, cid, auth, PADDLES).json()["reply"]
    with client.app.state.sessions() as session:
        session.add_all(AnswerLabelRow(message_id=-n, confidence=first["confidence"], right=True, why=LabelWhy.SECTION, model=model_id()) for n in range(1, 40))
        session.commit()
        refresh_learned(client.app, session)
    kb = client.get("/readyz").json()["kb"]
    assert kb["labels"] == 39 and not kb["refitted"]
    again, again_auth = start(client)
    assert say(client, again, again_auth, PADDLES).json()["reply"]["handoff"] is not None


def test_labels_of_another_confidence_model_do_not_count(client):
    with client.app.state.sessions() as session:
        session.add_all(AnswerLabelRow(message_id=-n, confidence=0.5, right=True, why=LabelWhy.THUMBS, model="older-model") for n in range(1, 30))
        session.commit()
        refresh_learned(client.app, session)
    assert client.get("/readyz").json()["kb"]["labels"] == 0
