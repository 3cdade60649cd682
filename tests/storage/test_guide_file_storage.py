"""The guide's "File Object Storage" block, imports mapped, run as-is against a local S3 server on port 9000.

Needs ``moto[server]`` (skipped with that hint otherwise) and a free port 9000, the endpoint the guide hard-codes.
The block runs in a subprocess so its ``document`` table and models stay out of this process's metadata.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.docs._guide import section_blocks

moto_server = pytest.importorskip(
    "moto.server", reason='the guide test needs a local S3 server: add "moto[server]" to the test environment'
)
boto3 = pytest.importorskip("boto3", reason='the guide test needs boto3 (installed with "moto[server]")')

DRIVER = textwrap.dedent(
    """
    import httpx
    from litestar.testing import TestClient

    with TestClient(app=app) as client:
        created = client.post(
            "/documents/", data={"name": "contract"}, files={"file": ("contract.pdf", b"%PDF first", "application/pdf")}
        )
        assert created.status_code == 201, created.text
        doc_id = created.json()["id"]
        url = created.json()["file_url"]
        assert httpx.get(url).content == b"%PDF first"

        listed = client.get("/documents/", params={"searchString": "CONTRACT"})
        assert listed.status_code == 200, listed.text
        assert listed.json()["total"] == 1

        patched = client.patch(
            f"/documents/{doc_id}", files={"file": ("v2.pdf", b"%PDF second", "application/pdf")}
        )
        assert patched.status_code == 200, patched.text
        assert httpx.get(patched.json()["file_url"]).content == b"%PDF second"
        assert len(s3_backend.list_paths()) == 1

        assert client.delete(f"/documents/{doc_id}").status_code == 204
        assert s3_backend.list_paths() == []
    print("GUIDE-OK")
    """
)


@pytest.fixture
def s3_on_port_9000() -> Iterator[None]:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", 9000)) == 0:
            pytest.skip("port 9000 is in use; the guide's block hard-codes http://localhost:9000")
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=9000, verbose=False)
    server.start()
    boto3.client(
        "s3",
        endpoint_url="http://127.0.0.1:9000",
        aws_access_key_id="minioadmin",
        aws_secret_access_key="minioadmin",
        region_name="us-east-1",
    ).create_bucket(Bucket="static-files")
    yield
    server.stop()


def test_guide_block_runs_end_to_end(s3_on_port_9000: None, tmp_path: Path) -> None:
    [block] = section_blocks("File Object Storage")
    script = tmp_path / "guide_file_storage.py"
    script.write_text(block + "\n" + DRIVER, encoding="utf-8")
    env = {"AWS_REGION": "us-east-1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert "GUIDE-OK" in result.stdout, result.stderr[-3000:]
