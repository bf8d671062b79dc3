"""The HTTP API (FastAPI): stories, documents, reports, status; API keys and tenants; request limits.

Versioned under ``/v1``; OpenAPI at ``/openapi.json``. Every refusal is JSON ``{"error", "message"}``.
"""

from __future__ import annotations

import math
import re
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from enum import StrEnum
from http import HTTPStatus
from typing import Annotated, Any

import orjson
from fastapi import Depends, FastAPI, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from consilience.errors import InputError
from consilience.model import Document
from consilience.service.limits import BodyLimitMiddleware, BodyTooLarge, RateLimiter
from consilience.service.schemas import (
    DocumentList,
    DocumentOut,
    DocumentsIn,
    ErrorOut,
    HealthOut,
    StatusOut,
    StoryIn,
    StoryList,
    StoryOut,
    UploadOut,
)
from consilience.service.settings import Limits, Settings
from consilience.service.worker import Analyzer, ProcessAnalyzer, Worker, make_analyzer
from consilience.store import migrate, open_engine
from consilience.store import repository as repo

STORY_ID = re.compile(r"[0-9a-f]{32}")
MAX_ID_CHARS = 300
MAX_PUBLISHED_CHARS = 64


class ApiError(Exception):
    """A refusal with an HTTP status, a short code and a message for the caller."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
        super().__init__(message)


class ReportFormat(StrEnum):
    """Formats a report can be fetched in."""

    json = "json"
    html = "html"
    md = "md"


MEDIA_TYPES = {
    ReportFormat.json: "application/json",
    ReportFormat.html: "text/html; charset=utf-8",
    ReportFormat.md: "text/markdown; charset=utf-8",
}

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "the body cannot be parsed"},
    401: {"model": ErrorOut, "description": "missing or invalid API key"},
    404: {"model": ErrorOut, "description": "no such story (or it belongs to another tenant)"},
    413: {"model": ErrorOut, "description": "the request body is larger than the limit"},
    429: {"model": ErrorOut, "description": "too many requests for this key"},
}

UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/DocumentsIn"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                    },
                    "required": ["files"],
                }
            },
        },
    }
}


def _error(status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=dict(headers or {}))


def _status_out(story_id: str, status: repo.Status) -> StatusOut:
    return StatusOut(
        story=story_id,
        state=status.state,  # type: ignore[arg-type]
        documents=status.documents,
        revision=status.revision,
        report_revision=status.report_revision,
        attempts=status.attempts,
        error=status.error,
    )


def _story_out(story: repo.Story) -> StoryOut:
    return StoryOut(
        id=story.id,
        title=story.title,
        revision=story.revision,
        documents=story.documents,
        created_at=story.created_at,
        updated_at=story.updated_at,
    )


def _check_text(value: str | None, what: str) -> None:
    # Neither database can store NUL characters or unpaired surrogates: refuse them as bad input.
    if value is None:
        return
    if "\x00" in value:
        raise ApiError(422, "invalid_text", f"{what} contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(422, "invalid_text", f"{what} is not valid Unicode (unpaired surrogate)") from None


def new_document(doc: Document, max_chars: int) -> repo.NewDocument:
    """A document read from an upload, checked against the store's limits."""
    where = doc.source or doc.id
    if len(doc.text) > max_chars:
        raise ApiError(
            413,
            "document_too_large",
            f"{where}: the text has {len(doc.text)} characters; the limit is {max_chars}",
        )
    if len(doc.id) > MAX_ID_CHARS:
        raise ApiError(422, "invalid_document", f"{where}: the id is longer than {MAX_ID_CHARS} characters")
    if doc.published is not None and len(doc.published) > MAX_PUBLISHED_CHARS:
        raise ApiError(
            422, "invalid_document", f"{where}: 'published' is longer than {MAX_PUBLISHED_CHARS} characters"
        )
    for what, value in (("id", doc.id), ("text", doc.text), ("title", doc.title), ("outlet", doc.outlet)):
        _check_text(value, f"{where}: {what}")
    _check_text(doc.published, f"{where}: published")
    _check_text(doc.url, f"{where}: url")
    return repo.NewDocument(doc.id, doc.text, doc.title, doc.outlet, doc.published, doc.url)


BEARER = HTTPBearer(auto_error=False, description="an API key from `consilience keys create --tenant NAME`")


def current_tenant(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]
) -> repo.Tenant:
    """The tenant of the request's API key (401 without a valid key, 429 past the key's rate)."""
    if credentials is None or not credentials.credentials:
        raise ApiError(
            401,
            "unauthorized",
            "send 'Authorization: Bearer <key>' (create a key with `consilience keys create --tenant NAME`)",
            {"WWW-Authenticate": "Bearer"},
        )
    key = credentials.credentials
    with request.app.state.engine.begin() as conn:
        tenant = repo.tenant_for_key(conn, key)
    if tenant is None:
        raise ApiError(
            401,
            "unauthorized",
            "the API key is not valid (unknown or revoked)",
            {"WWW-Authenticate": "Bearer"},
        )
    limits: Limits = request.app.state.limits
    wait = request.app.state.limiter.acquire(repo.hash_key(key))
    if wait > 0:
        raise ApiError(
            429,
            "rate_limited",
            f"too many requests for this key (limit {limits.rate_per_second:g}/s, burst {limits.rate_burst});"
            f" retry in {wait:.1f} s",
            {"Retry-After": str(max(1, math.ceil(wait)))},
        )
    return tenant


def story_id_of(story_id: str) -> str:
    """The story id of the path; ids that cannot exist are 404 without asking the store."""
    if not STORY_ID.fullmatch(story_id):
        raise ApiError(404, "not_found", f"no story {story_id!r}")
    return story_id


Tenant = Annotated[repo.Tenant, Depends(current_tenant)]
StoryId = Annotated[str, Depends(story_id_of)]


def create_app(settings: Settings, *, analyzer: Analyzer | None = None) -> FastAPI:
    """The service: migrates the store, then serves; the worker starts with the app (unless disabled)."""
    engine = open_engine(settings.db_url)
    migrate(engine)
    limits = settings.limits
    limiter = RateLimiter(limits.rate_per_second, limits.rate_burst)
    child = ProcessAnalyzer() if analyzer is None and settings.analysis_process else None
    worker = Worker(
        engine,
        analyzer or child or make_analyzer(),
        lease_seconds=settings.lease_seconds,
        poll_seconds=settings.poll_seconds,
        max_attempts=settings.max_attempts,
        warmup=settings.warmup,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if settings.worker:
            worker.start()
        try:
            yield
        finally:
            worker.request_stop()
            if child is not None:
                child.close()  # interrupts a running analysis: its job stays queued for the next start
            worker.stop()
            engine.dispose()

    app = FastAPI(
        title="consilience",
        version="1",
        summary="Stories, their reports, and what is known: independent corroboration, conflicts, provenance.",
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.limits = limits
    app.state.limiter = limiter
    app.state.worker = worker
    app.add_middleware(BodyLimitMiddleware, limit=limits.max_body_bytes)

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(BodyTooLarge)
    async def body_too_large(_request: Request, exc: BodyTooLarge) -> JSONResponse:
        return _error(
            413, "body_too_large", f"the request body is larger than the limit of {exc.limit} bytes"
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        try:
            code = HTTPStatus(exc.status_code).phrase.lower().replace(" ", "_").replace("-", "_")
        except ValueError:
            code = "error"
        return _error(exc.status_code, code, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "invalid_request", _validation_message(exc.errors()))

    @app.get("/healthz", response_model=HealthOut, tags=["service"])
    def healthz() -> Any:
        """Whether the service, its store and its worker are up."""
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            database = "ok"
        except Exception as error:
            return JSONResponse(
                {"status": "unavailable", "database": f"error: {type(error).__name__}", "worker": "unknown"},
                status_code=503,
            )
        if not settings.worker:
            state = "off"
        elif not worker.alive:
            state = "stopped"
        else:
            state = "ready" if worker.ready.is_set() else "warming_up"
        return HealthOut(status="ok", database=database, worker=state)

    @app.post("/v1/stories", status_code=201, response_model=StoryOut, responses=ERRORS, tags=["stories"])
    def create_story(body: StoryIn, tenant: Tenant) -> Any:
        """Create an empty story."""
        _check_text(body.title, "title")
        with engine.begin() as conn:
            story = repo.create_story(conn, tenant.id, body.title)
        return _story_out(story)

    @app.get("/v1/stories", response_model=StoryList, responses=ERRORS, tags=["stories"])
    def list_stories(
        tenant: Tenant,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
    ) -> Any:
        """The caller's stories, newest first."""
        with engine.begin() as conn:
            stories = repo.list_stories(conn, tenant.id, limit=limit, offset=offset)
        return StoryList(stories=[_story_out(s) for s in stories])

    @app.get("/v1/stories/{story_id}", response_model=StoryOut, responses=ERRORS, tags=["stories"])
    def get_story(story_id: StoryId, tenant: Tenant) -> Any:
        """One story."""
        with engine.begin() as conn:
            story = repo.get_story(conn, tenant.id, story_id)
        if story is None:
            raise _not_found(story_id)
        return _story_out(story)

    @app.delete("/v1/stories/{story_id}", status_code=204, responses=ERRORS, tags=["stories"])
    def delete_story(story_id: StoryId, tenant: Tenant) -> Response:
        """Delete a story with its documents and report."""
        with engine.begin() as conn:
            deleted = repo.delete_story(conn, tenant.id, story_id)
        if not deleted:
            raise _not_found(story_id)
        return Response(status_code=204)

    @app.post(
        "/v1/stories/{story_id}/documents",
        status_code=201,
        response_model=UploadOut,
        responses={
            **ERRORS,
            200: {"model": UploadOut, "description": "every document was already there"},
            409: {"model": ErrorOut, "description": "a document id already holds a different text"},
            413: {"model": ErrorOut, "description": "too large: body, document, or too many documents"},
            415: {"model": ErrorOut, "description": "not JSON or multipart"},
            422: {"model": ErrorOut, "description": "a record or file that cannot be used"},
        },
        openapi_extra=UPLOAD_BODY,
        tags=["documents"],
    )
    async def upload_documents(story_id: StoryId, request: Request, tenant: Tenant) -> Any:
        """Add reports to a story, as JSON records or uploaded files (.txt/.md/.html/.json/.jsonl)."""
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "multipart/form-data":
            docs = await _documents_from_form(request, limits.max_documents_per_request)
        elif content_type in ("application/json", ""):
            docs = _documents_from_json(await request.body(), limits.max_documents_per_request)
        else:
            raise ApiError(
                415, "unsupported_media_type", "send application/json records or multipart/form-data files"
            )
        new = [new_document(d, limits.max_document_chars) for d in docs]
        result = await run_in_threadpool(_store_upload, tenant.id, story_id, new)
        if result.created:
            worker.wake()
        status_code = 201 if result.created else 200
        return JSONResponse(orjson.loads(result.model_dump_json()), status_code=status_code)

    def _store_upload(tenant_id: int, story_id: str, new: Sequence[repo.NewDocument]) -> UploadOut:
        try:
            with engine.begin() as conn:
                upload = repo.add_documents(
                    conn, tenant_id, story_id, new, max_documents=limits.max_documents_per_story
                )
                status = repo.story_status(conn, tenant_id, story_id) if upload is not None else None
        except repo.DocumentConflict as conflict:
            raise ApiError(
                409,
                "document_conflict",
                f"these document ids already hold a different text: {', '.join(conflict.doc_ids[:20])}"
                " (give the new version another id)",
            ) from None
        except repo.StoryFull as full:
            raise ApiError(413, "story_full", f"a story holds at most {full.limit} documents") from None
        if upload is None or status is None:
            raise _not_found(story_id)
        return UploadOut(
            story=story_id,
            created=list(upload.created),
            duplicates=list(upload.duplicates),
            revision=upload.revision,
            status=_status_out(story_id, status),
        )

    @app.get(
        "/v1/stories/{story_id}/documents", response_model=DocumentList, responses=ERRORS, tags=["documents"]
    )
    def list_documents(story_id: StoryId, tenant: Tenant) -> Any:
        """A story's documents in upload order (without their text)."""
        with engine.begin() as conn:
            if repo.get_story(conn, tenant.id, story_id) is None:
                raise _not_found(story_id)
            docs = repo.list_documents(conn, story_id)
        return DocumentList(
            documents=[
                DocumentOut(
                    id=d.doc_id,
                    title=d.title,
                    outlet=d.outlet,
                    published=d.published,
                    url=d.url,
                    content_hash=d.content_hash,
                    chars=len(d.text),
                )
                for d in docs
            ]
        )

    @app.get("/v1/stories/{story_id}/status", response_model=StatusOut, responses=ERRORS, tags=["reports"])
    def story_status(story_id: StoryId, tenant: Tenant) -> Any:
        """Where the story's analysis stands."""
        with engine.begin() as conn:
            status = repo.story_status(conn, tenant.id, story_id)
        if status is None:
            raise _not_found(story_id)
        return _status_out(story_id, status)

    @app.post(
        "/v1/stories/{story_id}/analyze",
        status_code=202,
        response_model=StatusOut,
        responses={**ERRORS, 409: {"model": ErrorOut, "description": "the story has no documents"}},
        tags=["reports"],
    )
    def analyze_story(story_id: StoryId, tenant: Tenant) -> Any:
        """Analyse the story again (after a failure, or to pick up a newer analysis)."""
        with engine.begin() as conn:
            status = repo.story_status(conn, tenant.id, story_id)
            if status is None:
                raise _not_found(story_id)
            if status.state == "empty":
                raise ApiError(409, "no_documents", "the story has no documents to analyse")
            repo.request_analysis(conn, tenant.id, story_id)
            status = repo.story_status(conn, tenant.id, story_id)
        worker.wake()
        assert status is not None
        return _status_out(story_id, status)

    @app.get(
        "/v1/stories/{story_id}/report",
        responses={
            **ERRORS,
            200: {
                "description": "the report (consilience.report/1 JSON, HTML or Markdown)",
                "content": {"application/json": {}, "text/html": {}, "text/markdown": {}},
            },
            202: {"model": StatusOut, "description": "not ready yet: the analysis is queued or running"},
            406: {"model": ErrorOut, "description": "this format cannot be rendered by this build"},
            409: {"model": ErrorOut, "description": "no documents yet, or the analysis failed (see message)"},
        },
        tags=["reports"],
    )
    def get_report(
        story_id: StoryId, tenant: Tenant, format: Annotated[ReportFormat, Query()] = ReportFormat.json
    ) -> Response:
        """The story's report once it covers every document; 202 with the status until then."""
        with engine.begin() as conn:
            status = repo.story_status(conn, tenant.id, story_id)
            stored = (
                repo.get_report(conn, tenant.id, story_id) if status and status.state == "ready" else None
            )
        if status is None:
            raise _not_found(story_id)
        if status.state == "empty":
            raise ApiError(
                409, "no_documents", f"the story has no documents yet: POST /v1/stories/{story_id}/documents"
            )
        if status.state == "failed":
            raise ApiError(
                409,
                "analysis_failed",
                f"the analysis failed ({status.error}); POST /v1/stories/{story_id}/analyze to try again",
            )
        if stored is None or stored.revision != status.revision:
            return JSONResponse(_status_out(story_id, status).model_dump(mode="json"), status_code=202)
        if format is ReportFormat.json:
            return Response(stored.json, media_type=MEDIA_TYPES[format])
        rendered = stored.html if format is ReportFormat.html else stored.markdown
        if rendered is None:
            raise ApiError(
                406, "format_unavailable", f"this build cannot render {format.value}; ask for format=json"
            )
        return Response(rendered, media_type=MEDIA_TYPES[format])

    return app


def _not_found(story_id: str) -> ApiError:
    return ApiError(404, "not_found", f"no story {story_id!r}")


def _validation_message(errors: Sequence[Any]) -> str:
    parts = []
    for error in list(errors)[:5]:
        location = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
        parts.append(
            f"{location}: {error.get('msg', 'invalid')}" if location else str(error.get("msg", "invalid"))
        )
    return "; ".join(parts) or "invalid request"


def _documents_from_json(body: bytes, max_documents: int) -> list[Document]:
    from consilience.ingest.readers import document_from_record

    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise ApiError(422, "invalid_json", f"the body is not valid JSON: {error}") from None
    if (
        isinstance(data, dict)
        and isinstance(data.get("documents"), list)
        and len(data["documents"]) > max_documents
    ):
        raise ApiError(
            413,
            "too_many_documents",
            f"{len(data['documents'])} documents in one request; the limit is {max_documents} (split the upload)",
        )
    try:
        upload = DocumentsIn.model_validate(data)
    except ValidationError as error:
        raise ApiError(422, "invalid_request", _validation_message(error.errors())) from None
    docs = []
    for i, record in enumerate(upload.documents):
        default_id = f"doc-{repo.content_hash(record.text)[:12]}"
        try:
            docs.append(document_from_record(record.model_dump(), f"documents[{i}]", default_id=default_id))
        except InputError as error:
            raise ApiError(422, "invalid_document", str(error)) from None
    return docs


async def _documents_from_form(request: Request, max_documents: int) -> list[Document]:
    from consilience.ingest.readers import read_bytes

    form = await request.form(max_files=max_documents, max_fields=max_documents)
    files = [value for _, value in form.multi_items() if isinstance(value, UploadFile)]
    if not files:
        raise ApiError(422, "no_files", "the multipart body has no files (send them as 'files')")
    docs: list[Document] = []
    for upload in files:
        name = upload.filename or "upload.txt"
        data = await upload.read()
        try:
            docs.extend(read_bytes(name, data, source=name))
        except InputError as error:
            raise ApiError(422, "invalid_document", str(error)) from None
        if len(docs) > max_documents:
            raise ApiError(
                413,
                "too_many_documents",
                f"more than {max_documents} documents in one request (split the upload)",
            )
    return docs
