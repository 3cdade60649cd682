"""The public names of sqlalchemist_storage and its backend modules, and lazy optional dependencies."""

from __future__ import annotations

import builtins
from typing import Any

import pytest

import sqlalchemist_storage
from sqlalchemist.exceptions import MissingDependencyError, SQLAlchemistError
from sqlalchemist_storage import StorageError, backends
from sqlalchemist_storage.backends import fsspec as fsspec_backends
from sqlalchemist_storage.backends import memory as memory_backends
from sqlalchemist_storage.backends import obstore as obstore_backends


def test_public_names() -> None:
    assert set(sqlalchemist_storage.__all__) == {
        "BackendNotRegisteredError",
        "DEFAULT_BACKEND",
        "ContentTypeNotAllowedError",
        "FileObject",
        "FileObjectList",
        "FileTooLargeError",
        "FileValidationError",
        "MemoryBackend",
        "ObjectInfo",
        "SigningNotSupportedError",
        "StorageBackend",
        "StorageError",
        "StorageOperationError",
        "StorageRegistry",
        "StoredObject",
        "UnsafePathError",
        "__version__",
        "storages",
    }
    assert sqlalchemist_storage.__version__ == "0.1.0"
    assert backends.__all__ == ("MemoryBackend", "ObjectInfo", "StorageBackend")
    assert obstore_backends.__all__ == ("ObstoreBackend",)
    assert fsspec_backends.__all__ == ("FSSpecBackend",)
    assert memory_backends.__all__ == ("MemoryBackend",)
    assert issubclass(StorageError, SQLAlchemistError)


@pytest.fixture
def without(monkeypatch: pytest.MonkeyPatch) -> Any:
    def block(*names: str) -> None:
        real_import = builtins.__import__

        def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
            if name.split(".", maxsplit=1)[0] in names:
                raise ImportError(f"No module named {name!r}")
            return real_import(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", fake_import)
        for module in list(__import__("sys").modules):
            if module.split(".")[0] in names:
                monkeypatch.delitem(__import__("sys").modules, module)

    return block


def test_missing_obstore_fails_on_first_use_with_the_install_command(without: Any) -> None:
    without("obstore")
    backend = obstore_backends.ObstoreBackend(key="stor_missing", fs="memory://")  # constructing is fine
    with pytest.raises(MissingDependencyError, match=r'pip install "sqlalchemist-storage\[obstore\]"'):
        backend.list_paths()


def test_missing_fsspec_fails_on_first_use_with_the_install_command(without: Any) -> None:
    without("fsspec")
    backend = fsspec_backends.FSSpecBackend(key="stor_missing", fs="memory")
    with pytest.raises(MissingDependencyError, match=r'pip install "sqlalchemist-storage\[fsspec\]"'):
        backend.exists("a.txt")
