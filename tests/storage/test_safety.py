"""Paths cannot leave the backend root; columns enforce size and content-type limits."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from sqlalchemist_storage import (
    ContentTypeNotAllowedError,
    FileObject,
    FileTooLargeError,
    StorageBackend,
    StoredObject,
    UnsafePathError,
)

from .conftest import STORE_KEY
from .models import StorAvatar


@pytest.mark.parametrize(
    ("filename", "reason"),
    [
        ("../secret.txt", "contains '..'"),
        ("a/../../secret.txt", "contains '..'"),
        ("..\\..\\secret.txt", "contains '..'"),
        ("/etc/passwd", "is absolute"),
        ("C:\\Windows\\win.ini", "is absolute"),
        ("", "must be a non-empty string"),
        ("./", "names no file"),
    ],
)
def test_filenames_that_escape_the_root_are_refused(filename: str, reason: str) -> None:
    with pytest.raises(UnsafePathError, match=reason):
        FileObject(STORE_KEY, filename, content=b"x")


def test_paths_that_escape_the_root_are_refused() -> None:
    with pytest.raises(UnsafePathError, match=r"path '\.\./x' contains '\.\.'"):
        FileObject(STORE_KEY, "x", path="../x", content=b"x")


def test_paths_are_normalised() -> None:
    assert FileObject(STORE_KEY, "a.txt", path="./docs//a.txt").path == "docs/a.txt"


def test_traversal_never_reaches_the_store(store: StorageBackend) -> None:
    with pytest.raises(UnsafePathError):
        FileObject(STORE_KEY, "../../escape.txt", content=b"x").save()
    assert store.list_paths() == []


def test_size_limit_on_assignment_names_the_limit() -> None:
    with pytest.raises(
        FileTooLargeError,
        match=r"file 'big.png' is 11 bytes; column stor_avatar.image allows at most 10 bytes \(max_size\)",
    ):
        StorAvatar(image=FileObject(STORE_KEY, "big.png", content=b"x" * 11))


def test_content_type_limit_on_assignment_names_the_limit() -> None:
    avatar = StorAvatar()
    with pytest.raises(
        ContentTypeNotAllowedError,
        match=r"file 'a.pdf' has content type 'application/pdf'; column stor_avatar.image allows only \['image/\*'\]",
    ):
        avatar.image = FileObject(STORE_KEY, "a.pdf", content=b"x")


def test_files_within_the_limits_are_accepted() -> None:
    avatar = StorAvatar(image=FileObject(STORE_KEY, "ok.png", content=b"x" * 10))
    assert avatar.image is not None


def test_validate_directly_without_a_column_name() -> None:
    column = StoredObject(STORE_KEY, content_types=["text/plain"])
    with pytest.raises(ContentTypeNotAllowedError, match="this StoredObject column allows only"):
        column.validate(FileObject(STORE_KEY, "a.png", content=b"x"))


def test_bad_column_settings_fail_on_construction() -> None:
    with pytest.raises(ValueError, match="max_size must be a positive number of bytes, got 0"):
        StoredObject(STORE_KEY, max_size=0)
    with pytest.raises(TypeError, match="backend must be a backend key or a StorageBackend, got 3"):
        StoredObject(3)  # type: ignore[arg-type]


@pytest.mark.backends("sqlite", "postgres")
async def test_limits_are_checked_before_saving_on_flush(
    async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]], store: StorageBackend
) -> None:
    await async_tables(StorAvatar)
    async with AsyncSession(async_engine) as session:
        avatar = StorAvatar()
        session.add(avatar)
        file = FileObject(STORE_KEY, "ok.png", content=b"x")
        avatar.image = file
        file._content = b"x" * 50  # changed after assignment: the flush check still catches it
        with pytest.raises(FileTooLargeError, match="is 50 bytes"):
            await session.flush()
    assert store.list_paths() == []
