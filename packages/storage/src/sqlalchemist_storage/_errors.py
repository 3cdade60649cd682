"""Errors raised by sqlalchemist-storage, rooted at :class:`sqlalchemist.exceptions.SQLAlchemistError`."""

from __future__ import annotations

from sqlalchemist.exceptions import SQLAlchemistError

__all__ = (
    "BackendNotRegisteredError",
    "ContentTypeNotAllowedError",
    "FileTooLargeError",
    "FileValidationError",
    "SigningNotSupportedError",
    "StorageError",
    "StorageOperationError",
    "UnsafePathError",
)


class StorageError(SQLAlchemistError):
    """Base of every error raised by sqlalchemist-storage."""


class BackendNotRegisteredError(StorageError, KeyError):
    """A backend key was named (by a column or a FileObject) but no backend is registered under it."""


class UnsafePathError(StorageError, ValueError):
    """A filename or path would escape its backend's root (absolute, ``..``, or empty segments)."""


class FileValidationError(StorageError, ValueError):
    """A file breaks a limit of the column it is assigned to."""


class FileTooLargeError(FileValidationError):
    """A file is larger than the column's ``max_size``."""


class ContentTypeNotAllowedError(FileValidationError):
    """A file's content type is not among the column's ``content_types``."""


class SigningNotSupportedError(StorageError, NotImplementedError):
    """The backend cannot produce signed URLs (or upload URLs) for its store."""


class StorageOperationError(StorageError):
    """Saving, reading or deleting an object failed; the message names the backend and path(s)."""

    def __init__(self, message: str, *, paths: tuple[str, ...] = ()) -> None:
        """Keep the paths involved so callers can retry or report them."""
        super().__init__(message)
        self.paths = paths
