"""The demo app (``examples/demo.py``), run in a child process so its ``author``/``book`` models stay out of ours."""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]

DRIVER = """
import json
from litestar.testing import TestClient
from examples.demo import create_app

out = {}
with TestClient(create_app()) as client:
    ann = client.post("/authors", json={"name": "Ann Lee", "dob": "1990-01-02"}).json()
    client.post("/authors", json={"name": "Bob Ray"})
    client.post("/authors", json={"name": "Cy Annan"})
    out["page"] = client.get("/authors", params={"pageSize": 2, "currentPage": 2}).json()
    out["search"] = sorted(a["name"] for a in client.get("/authors", params={"searchString": "ANN"}).json()["items"])
    out["by_id"] = [a["name"] for a in client.get("/authors", params={"ids": ann["id"]}).json()["items"]]
    out["patched"] = client.patch(f"/authors/{ann['id']}", json={"name": "Ann B"}).json()["name"]
    book = client.post("/books", json={"title": "T", "author_id": ann["id"]})
    out["book"] = [book.status_code, book.json()["title"]]
    missing = client.get("/authors/00000000-0000-0000-0000-000000000000")
    out["missing"] = [missing.status_code, missing.json()]
    bad = client.get("/authors", params={"ids": "nope"})
    out["bad_id"] = [bad.status_code, bad.json()["extra"]]
    out["swagger"] = client.get("/schema/swagger").status_code
    schema = client.get("/schema/openapi.json").json()
    out["openapi_paths"] = sorted(schema["paths"])
    out["list_params"] = sorted(p["name"] for p in schema["paths"]["/authors"]["get"]["parameters"])
print(json.dumps(out))
"""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'demo.sqlite'}", **extra}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return env


def test_demo_api(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", DRIVER], cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["page"]["total"] == 3
    assert (out["page"]["limit"], out["page"]["offset"], len(out["page"]["items"])) == (2, 2, 1)
    assert out["search"] == ["Ann Lee", "Cy Annan"]
    assert out["by_id"] == ["Ann Lee"]
    assert out["patched"] == "Ann B"
    assert out["book"] == [201, "T"]
    assert out["missing"] == [
        404,
        {"status_code": 404, "detail": "AuthorModel with id=00000000-0000-0000-0000-000000000000 not found"},
    ]
    assert out["bad_id"] == [400, [{"message": "Invalid UUID", "key": "ids", "source": "query"}]]
    assert out["swagger"] == 200
    assert out["openapi_paths"] == ["/authors", "/authors/{author_id}", "/books"]
    assert out["list_params"] == ["currentPage", "ids", "pageSize", "searchIgnoreCase", "searchString"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.skipif(importlib.util.find_spec("uvicorn") is None, reason="uvicorn is not installed in this environment")
def test_demo_serves_with_uvicorn_and_prints_where(tmp_path: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "examples.demo"],
        cwd=ROOT,
        env=_env(tmp_path, PORT=str(port)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        response = None
        for _ in range(120):
            try:
                response = httpx.post(f"{url}/authors", json={"name": "Ann"})
                break
            except httpx.TransportError:
                time.sleep(0.25)
        assert response is not None, "the demo did not start listening"
        assert response.status_code == 201
        assert httpx.get(f"{url}/authors").json()["total"] == 1
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert f"sqlalchemist demo on {url}" in output
    assert f"OpenAPI UI: {url}/schema/swagger" in output
    assert (tmp_path / "demo.sqlite").exists()
