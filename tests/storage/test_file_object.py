"""FileObject on its own: metadata, content types, save/get/sign/delete against every store kind."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from sqlalchemist_storage import (
    FileObject,
    MemoryBackend,
    SigningNotSupportedError,
    StorageBackend,
    StorageOperationError,
)

from .conftest import STORE_KEY


def test_content_type_is_guessed_from_the_filename() -> None:
    assert FileObject(STORE_KEY, "photo.png", content=b"x").content_type == "image/png"
    assert FileObject(STORE_KEY, "notes.txt", content=b"x").content_type == "text/plain"
    assert FileObject(STORE_KEY, "blob", content=b"x").content_type == "application/octet-stream"
    assert FileObject(STORE_KEY, "photo.png", content_type="image/webp").content_type == "image/webp"


def test_new_content_gets_a_unique_path_and_existing_objects_keep_theirs() -> None:
    first = FileObject(STORE_KEY, "a.txt", content=b"1")
    second = FileObject(STORE_KEY, "a.txt", content=b"2")
    assert first.path != second.path
    assert first.path.endswith("/a.txt")
    assert FileObject(STORE_KEY, "a.txt").path == "a.txt"
    assert FileObject(STORE_KEY, "a.txt", path="docs/a.txt", content=b"1").path == "docs/a.txt"


def test_size_of_pending_content_and_source_path(tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(b"x" * 1234)
    assert FileObject(STORE_KEY, "a.txt", content=b"12345").size == 5
    assert FileObject(STORE_KEY, "big.bin", source_path=source).size == 1234
    with pytest.raises(ValueError, match="give content or source_path, not both"):
        FileObject(STORE_KEY, "a.txt", content=b"1", source_path=source)


def test_to_dict_and_from_dict_round_trip() -> None:
    file = FileObject(STORE_KEY, "a.txt", path="p/a.txt", size=3, etag="e", metadata={"owner": "ann"})
    data = file.to_dict()
    assert data == {
        "backend": STORE_KEY,
        "filename": "a.txt",
        "path": "p/a.txt",
        "content_type": "text/plain",
        "size": 3,
        "checksum": None,
        "etag": "e",
        "last_modified": None,
        "version": None,
        "metadata": {"owner": "ann"},
    }
    assert FileObject.from_dict(data) == file


async def test_save_get_delete_round_trip(store: StorageBackend) -> None:
    file = FileObject(STORE_KEY, "hello.txt", content=b"hello")
    assert file.has_pending_content
    file.save()
    assert not file.has_pending_content
    assert file.size == 5
    assert file.checksum == "5d41402abc4b2a76b9719d911017c592"
    assert isinstance(file.last_modified, datetime)
    assert store.list_paths() == [file.path]
    assert store.exists(file.path)
    assert FileObject(STORE_KEY, "hello.txt", path=file.path).get_content() == b"hello"
    assert await FileObject(STORE_KEY, "hello.txt", path=file.path).get_content_async() == b"hello"
    file.delete()
    assert store.list_paths() == []
    assert not store.exists(file.path)
    file.delete()  # deleting twice is fine


async def test_async_save_and_delete(store: StorageBackend, tmp_path: Path) -> None:
    source = tmp_path / "upload.bin"
    source.write_bytes(b"\x00" * 2048)
    file = await FileObject(STORE_KEY, "upload.bin", source_path=source).save_async()
    assert file.size == 2048
    assert await store.list_paths_async() == [file.path]
    assert await store.exists_async(file.path)
    assert await store.get_async(file.path) == b"\x00" * 2048
    await file.delete_async()
    assert await store.list_paths_async() == []


def test_reading_a_missing_object_names_backend_and_path(store: StorageBackend) -> None:
    file = FileObject(STORE_KEY, "missing.txt")
    with pytest.raises(StorageOperationError, match=r"could not read 'missing.txt' in storage backend 'stor_test'"):
        file.get_content()


def test_saving_without_content_is_an_error(store: StorageBackend) -> None:
    with pytest.raises(StorageOperationError, match="has no content to save"):
        FileObject(STORE_KEY, "a.txt").save()


async def test_local_and_memory_stores_cannot_sign(store: StorageBackend) -> None:
    file = FileObject(STORE_KEY, "a.txt", content=b"a").save()
    with pytest.raises(SigningNotSupportedError, match=r"cannot create signed URLs for '.*a.txt'"):
        file.sign()
    with pytest.raises(SigningNotSupportedError, match="cannot create upload URLs"):
        await file.sign_async(for_upload=True)


def test_base_url_gives_plain_urls() -> None:
    backend = MemoryBackend("stor_plain", base_url="https://cdn.example.com/files/")
    file = FileObject(backend, "a b.txt", path="x/a b.txt")
    assert file.sign(expires_in=timedelta(minutes=5)) == "https://cdn.example.com/files/x/a%20b.txt"
    with pytest.raises(ValueError, match="expires_in must be positive, got 0"):
        file.sign(expires_in=0)


def test_fileobject_with_backend_instance_needs_no_registration() -> None:
    backend = MemoryBackend("stor_unregistered")
    file = FileObject(backend, "a.txt", content=b"a").save()
    assert backend.list_paths() == [file.path]
    assert file.backend_key == "stor_unregistered"


def test_fsspec_backends_use_the_filesystems_sign() -> None:
    from fsspec.implementations.memory import MemoryFileSystem

    from sqlalchemist_storage.backends.fsspec import FSSpecBackend

    class SigningMemoryFileSystem(MemoryFileSystem):
        def sign(self, path: str, expiration: int = 100, **kwargs: object) -> str:
            return f"https://signed.example/{path}?expires={expiration}"

    backend = FSSpecBackend(key="stor_signing", fs=SigningMemoryFileSystem(), prefix="/stor_signing")
    file = FileObject(backend, "a.txt", path="a.txt")
    assert file.sign(expires_in=timedelta(minutes=2)) == "https://signed.example//stor_signing/a.txt?expires=120"
    with pytest.raises(SigningNotSupportedError, match="cannot create upload URLs"):
        file.sign(for_upload=True)


def test_backend_options_only_apply_to_urls() -> None:
    from obstore.store import MemoryStore

    from sqlalchemist_storage.backends.fsspec import FSSpecBackend
    from sqlalchemist_storage.backends.obstore import ObstoreBackend

    with pytest.raises(TypeError, match=r"options \['aws_region'\] only apply when fs is a URL"):
        ObstoreBackend(key="stor_x", fs=MemoryStore(), aws_region="eu-west-1")
    with pytest.raises(TypeError, match=r"options \['anon'\] only apply when fs is a protocol name"):
        FSSpecBackend(key="stor_x", fs=object(), anon=True)
    store = MemoryStore()
    assert ObstoreBackend(key="stor_x", fs=store).store is store
