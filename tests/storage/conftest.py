"""Storage fixtures: ``store`` is a backend registered as ``stor_test``, parametrized over every store kind."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sqlalchemist_storage import MemoryBackend, StorageBackend, storages
from sqlalchemist_storage.backends.fsspec import FSSpecBackend
from sqlalchemist_storage.backends.obstore import ObstoreBackend

STORE_KEY = "stor_test"
STORE_KINDS = ("obstore_file", "obstore_memory", "fsspec_file", "fsspec_memory", "memory")


def make_backend(kind: str, tmp_path: Path, key: str = STORE_KEY) -> StorageBackend:
    """Build a fresh, empty backend of ``kind`` named ``key``."""
    if kind == "obstore_file":
        return ObstoreBackend(key=key, fs=(tmp_path / "obstore").as_uri())
    if kind == "obstore_memory":
        return ObstoreBackend(key=key, fs="memory://")
    if kind == "fsspec_file":
        return FSSpecBackend(key=key, fs="file", prefix=str(tmp_path / "fsspec"))
    if kind == "fsspec_memory":
        # fsspec's memory filesystem is shared by the process: give each test its own prefix.
        return FSSpecBackend(key=key, fs="memory", prefix=f"/stor_{uuid.uuid4().hex}")
    if kind == "memory":
        return MemoryBackend(key=key)
    raise AssertionError(kind)


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StorageBackend]:
    """A registered, empty backend of each kind under the key ``stor_test``."""
    backend = storages.register_backend(make_backend(request.param, tmp_path), replace=True)
    yield backend
    storages.unregister_backend(STORE_KEY)
