"""A server killed (SIGKILL) in the middle of an analysis loses nothing: restarted, it finishes the job."""

from __future__ import annotations

import hashlib
import subprocess
import time
from pathlib import Path

import httpx
import orjson
import pytest
from service_servers import CONSILIENCE, ServeProcess

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("servers")]

DOCUMENTS = [
    {
        "id": "river-wire",
        "outlet": "Valley Wire",
        "text": "The River Ost burst its banks at Kellen on Sunday, flooding 300 homes, the district office said. "
        "About 1,200 residents were evacuated overnight, according to the fire service.",
    },
    {
        "id": "kellen-post",
        "outlet": "Kellen Post",
        "text": "Some 1,200 people left their homes in Kellen after the Ost flooded on Sunday. "
        '"We have never seen water this high," said mayor Petra Lindqvist.',
    },
    {
        "id": "radio-ost",
        "text": "Floodwater reached 300 houses in Kellen, officials said on Monday. The mayor, Petra Lindqvist, "
        "said the water was the highest ever seen.",
    },
]


def _children(pid: int) -> list[int]:
    task = Path(f"/proc/{pid}/task")
    if not task.is_dir():
        return []
    return [int(c) for t in task.iterdir() for c in (t / "children").read_text().split()]


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def test_a_killed_server_resumes_the_analysis_after_restart(db_url: str, tmp_path: Path) -> None:
    created = subprocess.run(
        [str(CONSILIENCE), "keys", "create", "--tenant", "newsroom", "--db", db_url],
        capture_output=True,
        text=True,
        check=True,
    )
    key = created.stdout.strip().splitlines()[-1]  # the key, alone on the last line
    auth = {"Authorization": f"Bearer {key}"}
    log = tmp_path / "serve.log"
    # No warm-up: the models load inside the first job, which keeps it running long enough to be killed.
    args = ("--no-warmup", "--job-lease", "2")
    first = ServeProcess(db_url, *args, log=log)
    try:
        first.wait_healthy()
        story = httpx.post(f"{first.url}/v1/stories", json={"title": "flood"}, headers=auth).json()["id"]
        upload = httpx.post(
            f"{first.url}/v1/stories/{story}/documents", json={"documents": DOCUMENTS}, headers=auth
        )
        assert upload.status_code == 201
        deadline = time.monotonic() + 30
        while httpx.get(f"{first.url}/v1/stories/{story}/status", headers=auth).json()["state"] != "running":
            assert time.monotonic() < deadline, "the analysis never started"
            time.sleep(0.02)
        children = _children(first.process.pid)
        assert children, "the analysis runs in a child process"
        first.kill()
    finally:
        first.stop()
    # the analysis child of the killed server notices and exits: no orphan keeps the CPU or the memory
    deadline = time.monotonic() + 15
    while any(Path(f"/proc/{pid}").exists() and not _zombie(pid) for pid in children):
        assert time.monotonic() < deadline, f"orphaned analysis processes: {children}"
        time.sleep(0.1)

    second = ServeProcess(db_url, *args, log=log)
    try:
        second.wait_healthy()
        base = second.url
        listed = httpx.get(f"{base}/v1/stories/{story}/documents", headers=auth).json()["documents"]
        assert [(d["id"], d["content_hash"]) for d in listed] == [
            (d["id"], hashlib.sha256(d["text"].encode()).hexdigest()) for d in DOCUMENTS
        ]
        deadline = time.monotonic() + 120
        while (report := httpx.get(f"{base}/v1/stories/{story}/report", headers=auth)).status_code == 202:
            assert time.monotonic() < deadline, f"not resumed:\n{log.read_text()[-3000:]}"
            time.sleep(0.1)
        assert report.status_code == 200, report.text
        assert [d["id"] for d in orjson.loads(report.content)["documents"]] == [d["id"] for d in DOCUMENTS]
        status = httpx.get(f"{base}/v1/stories/{story}/status", headers=auth).json()
        assert (
            status["state"] == "ready" and status["attempts"] == 2
        )  # the killed attempt, then the resumed one
    finally:
        second.stop()
