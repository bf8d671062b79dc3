"""Uploads lead to reports: the real analysis runs in the background worker; failures are retryable."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import orjson
import pytest
from fastapi.testclient import TestClient

from consilience.service.app import create_app
from consilience.service.settings import Settings
from consilience.store import repository as repo

pytestmark = pytest.mark.xdist_group("analysis")

STORY = [
    {
        "id": "harbour-wire",
        "outlet": "Coastal Wire",
        "published": "2023-03-14",
        "text": "A fire broke out at the Port Lemmer grain terminal on Tuesday night, the harbour authority said. "
        "Two workers were injured and taken to hospital, according to the fire brigade. "
        '"The blaze is under control," said harbour master Ilse Vandenberg.',
    },
    {
        "id": "daily-herald",
        "outlet": "Daily Herald",
        "published": "2023-03-15",
        "text": "Two workers were hurt when fire swept through a grain terminal at Port Lemmer late on Tuesday. "
        "Harbour master Ilse Vandenberg told reporters the fire was under control by midnight. "
        "The cause of the fire is not yet known.",
    },
]
EXTRA = {
    "id": "radio-north",
    "text": "Three workers were injured in Tuesday's fire at the Port Lemmer terminal, Radio North reported. "
    "Investigators said the cause could not be verified.",
}


def _wait_for_report(client: TestClient, story: str, auth: dict[str, str], timeout: float = 90.0) -> bytes:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = client.get(f"/v1/stories/{story}/report", headers=auth)
        if response.status_code == 200:
            return response.content
        assert response.status_code == 202, response.text
        time.sleep(0.05)
    raise AssertionError(
        f"no report after {timeout} s: {client.get(f'/v1/stories/{story}/status', headers=auth).json()}"
    )


def test_an_upload_leads_to_a_report_of_every_document(db_url: str) -> None:
    app = create_app(Settings(db_url=db_url, warmup=False, poll_seconds=0.2))
    with TestClient(app) as client:
        with app.state.engine.begin() as conn:
            auth = {"Authorization": f"Bearer {repo.create_api_key(conn, 'north')}"}
        story = client.post("/v1/stories", json={"title": "terminal fire"}, headers=auth).json()["id"]
        assert (
            client.post(f"/v1/stories/{story}/documents", json={"documents": STORY}, headers=auth).status_code
            == 201
        )
        report = orjson.loads(_wait_for_report(client, story, auth))
        assert report["schema"] == "consilience.report/1"
        assert [d["id"] for d in report["documents"]] == ["harbour-wire", "daily-herald"]
        texts = {d["id"]: d["text"] for d in report["documents"]}
        assert texts["harbour-wire"] == STORY[0]["text"]  # the text is exactly what was uploaded
        assert report["claims"] and all(
            texts[c["doc"]][c["start"] : c["end"]] == c["text"] for c in report["claims"]
        )
        markdown = client.get(f"/v1/stories/{story}/report?format=md", headers=auth)
        assert markdown.status_code == 200 and markdown.headers["content-type"].startswith("text/markdown")
        html = client.get(f"/v1/stories/{story}/report?format=html", headers=auth)
        assert html.status_code == 200 and "<html" in html.text.lower()

        again = client.post(f"/v1/stories/{story}/documents", json={"documents": STORY}, headers=auth)
        assert (
            again.status_code == 200 and again.json()["status"]["state"] == "ready"
        )  # nothing new to analyse

        client.post(f"/v1/stories/{story}/documents", json={"documents": [EXTRA]}, headers=auth)
        report = orjson.loads(_wait_for_report(client, story, auth))
        assert [d["id"] for d in report["documents"]] == ["harbour-wire", "daily-herald", "radio-north"]
        status = client.get(f"/v1/stories/{story}/status", headers=auth).json()
        assert status["state"] == "ready" and status["revision"] == status["report_revision"] == 2


def _flaky(failures: int) -> Callable[[Sequence[repo.StoredDocument]], repo.StoredReport]:
    calls = {"n": 0}

    def analyze(documents: Sequence[repo.StoredDocument]) -> repo.StoredReport:
        calls["n"] += 1
        if calls["n"] <= failures:
            raise RuntimeError("the model could not be loaded")
        return repo.StoredReport(0, orjson.dumps({"documents": [d.doc_id for d in documents]}), None, None)

    return analyze


def test_a_failed_analysis_says_why_and_can_be_retried(db_url: str) -> None:
    # A fake analysis (fails once, then works) isolates the failure path from the models.
    app = create_app(
        Settings(db_url=db_url, warmup=False, max_attempts=1, poll_seconds=0.1), analyzer=_flaky(1)
    )
    with TestClient(app) as client:
        with app.state.engine.begin() as conn:
            auth = {"Authorization": f"Bearer {repo.create_api_key(conn, 'north')}"}
        story = client.post("/v1/stories", json={"title": "t"}, headers=auth).json()["id"]
        client.post(f"/v1/stories/{story}/documents", json={"documents": STORY[:1]}, headers=auth)
        deadline = time.monotonic() + 20
        while client.get(f"/v1/stories/{story}/status", headers=auth).json()["state"] != "failed":
            assert time.monotonic() < deadline
            time.sleep(0.05)
        failed = client.get(f"/v1/stories/{story}/report", headers=auth)
        assert failed.status_code == 409 and "could not be loaded" in failed.json()["message"]
        assert "/analyze" in failed.json()["message"]
        retry = client.post(f"/v1/stories/{story}/analyze", headers=auth)
        assert retry.status_code == 202 and retry.json()["state"] in ("pending", "running", "ready")
        assert orjson.loads(_wait_for_report(client, story, auth, timeout=20)) == {
            "documents": ["harbour-wire"]
        }
        # html was not rendered by this analysis: a clear refusal, not an error
        assert client.get(f"/v1/stories/{story}/report?format=html", headers=auth).status_code == 406
