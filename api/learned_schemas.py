"""Learned answers over HTTP: what the inbox asks after a resolve, and the content team's page."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from pydantic import BaseModel, Field

from api.schemas import CleanText
from assistant.knowledge.learned import AnswerKind, LearnedStatus


class Taught(str, Enum):
    """What an agent says answered a case they resolved."""

    SECTION = "section"  # a KB section
    REPLY = "reply"  # their own reply (edited): becomes an answer text
    NONE = "none"  # not reusable: order-specific or personal


class SectionOut(BaseModel):
    source: str
    title: str
    headings: str
    lang: str
    text: str = Field(description="The section's first chunk, to recognise it by.")


class LearnSuggestionsOut(BaseModel):
    question: str = Field(description="The customer's question as it would be kept (masked).")
    lang: str
    sections: list[SectionOut] = Field(description="KB sections nearest the question, then those the agent's reply matches.")
    reply: str | None = Field(None, description="The agent's last reply in the case, as a starting text.")
    reply_lang: str | None = None


class LearnIn(BaseModel):
    taught: Taught
    question: CleanText | None = Field(
        None, max_length=1000, description="The question as the agent would keep it (default the customer's, as the suggestions show it); masked all the same."
    )
    source: str | None = Field(None, max_length=500, description="taught=section: the document's path, as a suggestion gives it.")
    headings: str | None = Field(None, max_length=2000, description="taught=section: the section's heading path.")
    text: CleanText | None = Field(None, max_length=4000, description="taught=reply: the answer, edited.")
    lang: str | None = Field(None, max_length=8, description="taught=reply: the language of text (default the case's).")


class LearnedQuestionOut(BaseModel):
    text: str
    lang: str


class LearnedOut(BaseModel):
    id: str
    kind: AnswerKind
    status: LearnedStatus
    lang: str
    source: str | None
    headings: str | None
    text: str | None
    questions: list[LearnedQuestionOut]
    confirmed_by: str
    approved_by: str | None
    paused_why: str | None
    uses: int
    thumbs_up: int
    thumbs_down: int
    created_at: datetime
    updated_at: datetime


class LearnOut(BaseModel):
    learned: LearnedOut | None = Field(description="Null when the agent said nothing reusable answered the case.")


class LearnedListOut(BaseModel):
    items: list[LearnedOut]


class LearnedEditIn(BaseModel):
    text: CleanText | None = Field(None, max_length=4000, description="A text answer's new wording.")
    status: LearnedStatus | None = Field(None, description="active (approve, or put back in service), paused or retired.")


class MergeIn(BaseModel):
    into: str = Field(max_length=36, description="The learned answer that keeps the questions of this one.")


class LearnedNewIn(BaseModel):
    """A learned answer written for questions at once (a content gap's cluster)."""

    questions: list[CleanText] = Field(min_length=1, max_length=200)
    lang: str = Field(max_length=8)
    text: CleanText | None = Field(None, max_length=4000)
    source: str | None = Field(None, max_length=500)
    headings: str | None = Field(None, max_length=2000)
