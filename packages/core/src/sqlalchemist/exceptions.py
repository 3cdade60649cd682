"""The sqlalchemist exception hierarchy, rooted at :class:`SQLAlchemistError`.

Driver and SQLAlchemy errors are translated into these in one place, so callers and adapters only ever see
these types (an adapter maps ``NotFoundError`` to 404, ``IntegrityError`` to 409, ``FilterError`` to 400).
"""

from __future__ import annotations

from typing import Any

__all__ = (
    "CheckConstraintError",
    "DuplicateKeyError",
    "FilterError",
    "ForeignKeyError",
    "ImproperConfigurationError",
    "IntegrityError",
    "MissingDependencyError",
    "MultipleResultsFoundError",
    "NotFoundError",
    "RepositoryError",
    "SQLAlchemistError",
    "SerializationError",
)


class SQLAlchemistError(Exception):
    """Base of every error sqlalchemist raises."""

    def __init__(self, *args: Any, detail: str = "") -> None:
        super().__init__(*args, detail) if detail and not args else super().__init__(*args)
        self.detail = detail or (str(args[0]) if args else "")

    def __str__(self) -> str:
        return self.detail or super().__str__()


class ImproperConfigurationError(SQLAlchemistError):
    """A configuration is contradictory or incomplete; the message names the fix."""


class MissingDependencyError(SQLAlchemistError, ImportError):
    """An optional dependency is needed for this feature; the message gives the install command."""

    def __init__(self, package: str, *, install: str | None = None, feature: str | None = None) -> None:
        command = install or f'pip install "{package}"'
        what = f" for {feature}" if feature else ""
        super().__init__(f"{package!r} is required{what} but is not installed; install it with: {command}")
        self.package = package


class SerializationError(SQLAlchemistError):
    """A value could not be converted to or from a schema type."""


class FilterError(SQLAlchemistError):
    """A filter was given input it cannot apply (unknown field, bad operator, bad value)."""


class RepositoryError(SQLAlchemistError):
    """A repository operation failed."""


class NotFoundError(RepositoryError):
    """No row matched where one was required."""


class MultipleResultsFoundError(RepositoryError):
    """More than one row matched where at most one was expected."""


class IntegrityError(RepositoryError):
    """The database refused a write because it breaks an integrity constraint."""

    def __init__(
        self,
        *args: Any,
        detail: str = "",
        table: str | None = None,
        constraint: str | None = None,
        columns: tuple[str, ...] = (),
        value: str | None = None,
    ) -> None:
        super().__init__(*args, detail=detail)
        self.table = table
        self.constraint = constraint
        self.columns = columns
        self.value = value


class DuplicateKeyError(IntegrityError):
    """A unique or primary key constraint was violated."""


class ForeignKeyError(IntegrityError):
    """A foreign key constraint was violated (missing parent, or a child still refers to the row)."""


class CheckConstraintError(IntegrityError):
    """A CHECK constraint was violated."""
