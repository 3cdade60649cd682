"""ObstoreBackend against a local S3 server (moto's server mode): presigned GET/PUT URLs and multipart uploads.

Needs ``moto[server]`` in the test environment; skipped with that hint when it is missing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from sqlalchemist_storage import FileObject, storages
from sqlalchemist_storage.backends.obstore import ObstoreBackend

from .models import STORE_KEY, StorDocument

moto_server = pytest.importorskip(
    "moto.server", reason='the S3 tests need a local S3 server: add "moto[server]" to the test environment'
)
boto3 = pytest.importorskip("boto3", reason='the S3 tests need boto3 (installed with "moto[server]")')

ACCESS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "aws_region": "us-east-1"}


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint: str) -> Iterator[ObstoreBackend]:
    bucket = f"stor-{uuid.uuid4().hex[:12]}"
    boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    ).create_bucket(Bucket=bucket)
    backend = ObstoreBackend(key=STORE_KEY, fs=f"s3://{bucket}/", aws_endpoint=s3_endpoint, **ACCESS)
    storages.register_backend(backend, replace=True)
    yield backend
    storages.unregister_backend(STORE_KEY)


def test_round_trip_and_metadata(s3: ObstoreBackend) -> None:
    file = FileObject(STORE_KEY, "hello.txt", content=b"hello s3").save()
    assert file.etag
    assert s3.list_paths() == [file.path]
    assert file.get_content() == b"hello s3"
    file.delete()
    assert s3.list_paths() == []


async def test_presigned_get_and_put_urls_work(s3: ObstoreBackend) -> None:
    file = await FileObject(STORE_KEY, "doc.txt", content=b"signed bytes").save_async()
    url = await file.sign_async(expires_in=60)
    assert "X-Amz-Expires=60" in url
    async with httpx.AsyncClient() as client:
        response = await client.get(url)
        assert response.status_code == 200
        assert response.content == b"signed bytes"

        upload = FileObject(STORE_KEY, "upload.bin", path="uploads/upload.bin")
        put_url = upload.sign(for_upload=True, expires_in=60)
        response = await client.put(put_url, content=b"uploaded directly")
        assert response.status_code == 200
    assert await upload.get_content_async() == b"uploaded directly"


def test_large_source_files_are_uploaded_in_parts(s3: ObstoreBackend, tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    payload = bytes(range(256)) * (12 * 1024 * 1024 // 256)  # 12 MiB: more than two 5 MiB parts
    source.write_bytes(payload)
    file = FileObject(STORE_KEY, "big.bin", source_path=source).save()
    assert file.size == len(payload)
    assert file.etag is not None
    assert file.etag.endswith("-3")  # S3 multipart ETags end with the number of parts
    assert file.get_content() == payload


async def test_session_lifecycle_on_s3(s3: ObstoreBackend, tmp_path: Path) -> None:

    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 's3.sqlite'}")
    async with engine.begin() as conn:
        await conn.run_sync(StorDocument.metadata.create_all, tables=[StorDocument.__table__])
    async with AsyncSession(engine, expire_on_commit=False) as session:
        doc = StorDocument(name="a", file=FileObject(STORE_KEY, "a.txt", content=b"a"))
        session.add(doc)
        await session.commit()
        [first] = await s3.list_paths_async()
        doc.file = FileObject(STORE_KEY, "b.txt", content=b"b")
        await session.commit()
        [second] = await s3.list_paths_async()
        assert second != first
        await session.delete((await session.execute(select(StorDocument))).scalar_one())
        await session.commit()
    assert await s3.list_paths_async() == []
    await engine.dispose()
