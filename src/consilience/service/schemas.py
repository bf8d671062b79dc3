"""Request and response bodies of the HTTP API (pydantic, at the HTTP edge only)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ErrorOut(BaseModel):
    """Every refusal: a short code and a message that says what to do."""

    error: str
    message: str


class StoryIn(BaseModel):
    """A new story."""

    title: str = Field(min_length=1, max_length=1000)


class StoryOut(BaseModel):
    """A story: its documents change its revision."""

    id: str
    title: str
    revision: int
    documents: int
    created_at: datetime
    updated_at: datetime


class StoryList(BaseModel):
    """The caller's stories, newest first."""

    stories: list[StoryOut]


class DocumentIn(BaseModel):
    """A report as a record; ``id`` defaults to one derived from the text."""

    model_config = ConfigDict(extra="ignore")

    id: str | None = Field(default=None, min_length=1, max_length=300)
    text: str = Field(min_length=1)
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


class DocumentsIn(BaseModel):
    """An upload of records."""

    documents: list[DocumentIn] = Field(min_length=1)


class DocumentOut(BaseModel):
    """A stored document (without its text)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    content_hash: str
    chars: int


class DocumentList(BaseModel):
    """A story's documents in upload order."""

    documents: list[DocumentOut]


class StatusOut(BaseModel):
    """Where a story's analysis stands; ``ready`` means the report covers every document."""

    story: str
    state: Literal["empty", "pending", "running", "ready", "failed"]
    documents: int
    revision: int
    report_revision: int | None
    attempts: int
    error: str | None


class UploadOut(BaseModel):
    """What an upload did: new documents, and those already there (same id and text)."""

    story: str
    created: list[str]
    duplicates: list[str]
    revision: int
    status: StatusOut


class HealthOut(BaseModel):
    """Liveness of the service, its store and its worker."""

    status: str
    database: str
    worker: str
