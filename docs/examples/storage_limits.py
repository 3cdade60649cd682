"""Column limits and path safety: oversized files, wrong content types and ``../`` filenames are refused."""

from __future__ import annotations

from sqlalchemy.orm import Mapped, mapped_column

from sqlalchemist.base import UUIDBase
from sqlalchemist_storage import (
    ContentTypeNotAllowedError,
    FileObject,
    FileTooLargeError,
    MemoryBackend,
    StoredObject,
    UnsafePathError,
    storages,
)

EXPECTED = [
    "file 'huge.png' is 2048 bytes; column stor_example_avatar.image allows at most 1024 bytes (max_size)",
    "file 'cv.pdf' has content type 'application/pdf'; column stor_example_avatar.image allows only ['image/*'] "
    "(content_types)",
    "filename '../../etc/passwd' contains '..' and could escape the backend root",
    "saved 1 file(s): ['face.png']",
]


class StorExampleAvatar(UUIDBase):
    """An avatar: images only, at most 1 KiB."""

    __tablename__ = "stor_example_avatar"

    image: Mapped[FileObject | None] = mapped_column(
        StoredObject(backend="stor_avatars", max_size=1024, content_types=["image/*"]), nullable=True
    )


def main() -> list[str]:
    """Try three bad files and one good one; return the error messages and what was stored."""
    backend = storages.register_backend(MemoryBackend(key="stor_avatars"), replace=True)
    messages: list[str] = []
    try:
        StorExampleAvatar(image=FileObject(backend="stor_avatars", filename="huge.png", content=b"x" * 2048))
    except FileTooLargeError as exc:
        messages.append(str(exc))
    try:
        StorExampleAvatar(image=FileObject(backend="stor_avatars", filename="cv.pdf", content=b"%PDF"))
    except ContentTypeNotAllowedError as exc:
        messages.append(str(exc))
    try:
        FileObject(backend="stor_avatars", filename="../../etc/passwd", content=b"root")
    except UnsafePathError as exc:
        messages.append(str(exc))
    avatar = StorExampleAvatar(image=FileObject(backend="stor_avatars", filename="face.png", content=b"\x89PNG"))
    assert avatar.image is not None
    avatar.image.save()  # in an application the session saves it on commit
    names = [path.rsplit("/", 1)[-1] for path in backend.list_paths()]
    messages.append(f"saved {len(names)} file(s): {names}")
    storages.unregister_backend("stor_avatars")
    return messages


if __name__ == "__main__":
    print("\n".join(main()))
