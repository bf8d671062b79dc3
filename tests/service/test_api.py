"""The HTTP API on real SQLite and PostgreSQL (no analysis here): keys, tenants, uploads, limits."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from consilience.service.app import create_app
from consilience.service.settings import Limits, Settings
from consilience.store import repository as repo

LIMITS = Limits(
    max_body_bytes=20_000,
    max_documents_per_request=3,
    max_document_chars=2_000,
    max_documents_per_story=5,
    rate_per_second=1.0,
    rate_burst=60,
)
TEXT_A = "The council approved the budget on Monday, the mayor said."
TEXT_B = "Council members voted 7-2 to approve the budget, according to a statement."


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    app = create_app(Settings(db_url=db_url, limits=LIMITS, worker=False))
    with TestClient(app) as test_client:
        yield test_client


def _key(client: TestClient, tenant: str) -> dict[str, str]:
    with client.app.state.engine.begin() as conn:  # type: ignore[attr-defined]
        return {"Authorization": f"Bearer {repo.create_api_key(conn, tenant)}"}


def _story(client: TestClient, auth: dict[str, str], title: str = "budget vote") -> str:
    response = client.post("/v1/stories", json={"title": title}, headers=auth)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def test_requests_without_a_valid_key_are_401(client: TestClient) -> None:
    auth = _key(client, "north")
    story = _story(client, auth)
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic dXNlcjpwYXNz"}):
        response = client.get(f"/v1/stories/{story}", headers=headers)
        assert response.status_code == 401
        assert response.json()["error"] == "unauthorized" and response.json()["message"]
    assert client.get("/v1/stories").status_code == 401
    assert client.get("/healthz").json()["database"] == "ok"  # health needs no key


def test_a_tenant_sees_only_its_own_stories(client: TestClient) -> None:
    north, south = _key(client, "north"), _key(client, "south")
    story = _story(client, north)
    upload = {"documents": [{"id": "a", "text": TEXT_A}]}
    assert client.post(f"/v1/stories/{story}/documents", json=upload, headers=north).status_code == 201
    for method, path in (
        ("GET", f"/v1/stories/{story}"),
        ("GET", f"/v1/stories/{story}/status"),
        ("GET", f"/v1/stories/{story}/report"),
        ("GET", f"/v1/stories/{story}/documents"),
        ("POST", f"/v1/stories/{story}/analyze"),
        ("DELETE", f"/v1/stories/{story}"),
    ):
        response = client.request(method, path, headers=south)
        assert response.status_code == 404, (method, path)
        assert response.json()["error"] == "not_found"
    assert client.post(f"/v1/stories/{story}/documents", json=upload, headers=south).status_code == 404
    assert client.get("/v1/stories", headers=south).json() == {"stories": []}
    assert [s["id"] for s in client.get("/v1/stories", headers=north).json()["stories"]] == [story]
    assert client.get(f"/v1/stories/{story}/documents", headers=north).json()["documents"][0]["id"] == "a"


def test_uploading_the_same_document_twice_is_idempotent(client: TestClient) -> None:
    auth = _key(client, "north")
    story = _story(client, auth)
    upload = {"documents": [{"id": "a", "text": TEXT_A}, {"text": TEXT_B, "outlet": "Wire"}]}
    first = client.post(f"/v1/stories/{story}/documents", json=upload, headers=auth)
    assert first.status_code == 201
    created = first.json()["created"]
    assert created[0] == "a" and len(created) == 2 and first.json()["status"]["state"] == "pending"
    again = client.post(f"/v1/stories/{story}/documents", json=upload, headers=auth)
    assert again.status_code == 200
    assert again.json()["created"] == [] and sorted(again.json()["duplicates"]) == sorted(created)
    assert again.json()["revision"] == first.json()["revision"]
    changed = client.post(
        f"/v1/stories/{story}/documents", json={"documents": [{"id": "a", "text": TEXT_B}]}, headers=auth
    )
    assert changed.status_code == 409 and "a" in changed.json()["message"]
    docs = client.get(f"/v1/stories/{story}/documents", headers=auth).json()["documents"]
    assert [d["content_hash"] for d in docs] == [
        hashlib.sha256(t.encode()).hexdigest() for t in (TEXT_A, TEXT_B)
    ]


def test_files_can_be_uploaded_as_multipart(client: TestClient) -> None:
    auth = _key(client, "north")
    story = _story(client, auth)
    files = [
        ("files", ("council.txt", TEXT_A.encode(), "text/plain")),
        ("files", ("wire.jsonl", b'{"id": "w1", "text": "%s"}\n' % TEXT_B.encode(), "application/jsonl")),
    ]
    response = client.post(f"/v1/stories/{story}/documents", files=files, headers=auth)
    assert response.status_code == 201, response.text
    assert sorted(response.json()["created"]) == ["council", "w1"]
    bad = client.post(
        f"/v1/stories/{story}/documents",
        files=[("files", ("x.txt", b"\xff\xfe\x00\x00" * 50, "text/plain"))],
        headers=auth,
    )
    assert bad.status_code == 422 and bad.json()["message"]


def test_report_is_not_ready_until_analysed(client: TestClient) -> None:
    auth = _key(client, "north")
    story = _story(client, auth)
    empty = client.get(f"/v1/stories/{story}/report", headers=auth)
    assert empty.status_code == 409 and empty.json()["error"] == "no_documents"
    client.post(
        f"/v1/stories/{story}/documents", json={"documents": [{"id": "a", "text": TEXT_A}]}, headers=auth
    )
    waiting = client.get(f"/v1/stories/{story}/report?format=html", headers=auth)
    assert waiting.status_code == 202 and waiting.json()["state"] == "pending"
    assert client.get(f"/v1/stories/{story}/report?format=pdf", headers=auth).status_code == 422
    assert client.delete(f"/v1/stories/{story}", headers=auth).status_code == 204
    assert client.get(f"/v1/stories/{story}/status", headers=auth).status_code == 404


def test_limits_are_refused_with_a_clear_4xx(client: TestClient) -> None:
    auth = _key(client, "north")
    story = _story(client, auth)
    url = f"/v1/stories/{story}/documents"

    def refused(response: object, status: int) -> str:
        assert response.status_code == status, response.text  # type: ignore[attr-defined]
        body = response.json()  # type: ignore[attr-defined]
        assert body["error"] and body["message"]
        return str(body["message"])

    too_big = {"documents": [{"id": "a", "text": "x" * 30_000}]}
    assert "bytes" in refused(client.post(url, json=too_big, headers=auth), 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
        yield b'{"documents": [{"id": "a", "text": "'
        for _ in range(30):
            yield b"y" * 1000
        yield b'"}]}'

    streamed = client.post(url, content=chunks(), headers={**auth, "Content-Type": "application/json"})
    assert "bytes" in refused(streamed, 413)
    four = {"documents": [{"id": str(i), "text": TEXT_A + str(i)} for i in range(4)]}
    assert "limit is 3" in refused(client.post(url, json=four, headers=auth), 413)
    long_doc = {"documents": [{"id": "a", "text": "z" * 3_000}]}
    assert "2000" in refused(client.post(url, json=long_doc, headers=auth), 413)
    assert refused(client.post(url, json={"documents": [{"id": "a"}]}, headers=auth), 422)
    assert refused(
        client.post(url, content=b"{not json", headers={**auth, "Content-Type": "application/json"}), 422
    )
    assert refused(client.post(url, json={"documents": [{"id": "a", "text": "nul\x00"}]}, headers=auth), 422)
    assert refused(client.post("/v1/stories", json={"title": ""}, headers=auth), 422)
    for batch in range(2):  # the story's own limit: 5 documents
        docs = [{"id": f"{batch}-{i}", "text": f"{TEXT_B} {batch} {i}"} for i in range(3)]
        response = client.post(url, json={"documents": docs}, headers=auth)
    assert "at most 5" in refused(response, 413)
    assert client.get(f"/v1/stories/{story}/documents", headers=auth).json()["documents"][2]["id"] == "0-2"


def test_a_key_past_its_rate_is_429_with_retry_after(db_url: str) -> None:
    limits = Limits(rate_per_second=0.5, rate_burst=3)
    app = create_app(Settings(db_url=db_url, limits=limits, worker=False))
    with TestClient(app) as client:
        north, south = _key(client, "north"), _key(client, "south")
        codes = [client.get("/v1/stories", headers=north).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        refused = client.get("/v1/stories", headers=north)
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
        assert "retry" in refused.json()["message"]
        assert client.get("/v1/stories", headers=south).status_code == 200  # per key, not global
