"""The sqlalchemist exception hierarchy, rooted at :class:`SQLAlchemistError`.

Driver and SQLAlchemy errors are translated into these in one place, so callers and adapters only ever see
these types (an adapter maps ``NotFoundError`` to 404, ``IntegrityError`` to 409, ``FilterError`` to 400).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypedDict

from sqlalchemy import exc as sa_exc

from sqlalchemist._error_translation import (
    Violation,
    default_message,
    driver_error,
    parse_violation,
    resolve_with_model,
    value_from_parameters,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import TracebackType

    from sqlalchemy import MetaData

__all__ = (
    "CheckConstraintError",
    "DuplicateKeyError",
    "ErrorMessages",
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
    "translate_exception",
    "wrap_sqlalchemy_exception",
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
    """A foreign key constraint was violated (missing parent, or a child still refers to the row).

    ``related_table`` is the other side of the key: the missing parent's table, or the referencing child's table.
    """

    def __init__(
        self,
        *args: Any,
        detail: str = "",
        table: str | None = None,
        constraint: str | None = None,
        columns: tuple[str, ...] = (),
        value: str | None = None,
        related_table: str | None = None,
    ) -> None:
        super().__init__(*args, detail=detail, table=table, constraint=constraint, columns=columns, value=value)
        self.related_table = related_table


class CheckConstraintError(IntegrityError):
    """A CHECK constraint was violated."""


MessageTemplate: TypeAlias = str | Callable[[BaseException], str]


class ErrorMessages(TypedDict, total=False):
    """Messages that replace the defaults, per kind of error.

    Each is a ``str.format`` template (placeholders ``{model}``, ``{table}``, ``{column}``, ``{columns}``,
    ``{constraint}``, ``{value}``, ``{related_table}``, ``{detail}``) or a callable given the original exception.
    """

    duplicate_key: MessageTemplate
    integrity: MessageTemplate
    foreign_key: MessageTemplate
    check_constraint: MessageTemplate
    not_null: MessageTemplate
    not_found: MessageTemplate
    multiple_rows: MessageTemplate
    repository: MessageTemplate
    other: MessageTemplate


_MessageKey = Literal[
    "duplicate_key",
    "integrity",
    "foreign_key",
    "check_constraint",
    "not_null",
    "not_found",
    "multiple_rows",
    "repository",
    "other",
]

_MESSAGE_KEYS: dict[str, tuple[_MessageKey, ...]] = {
    "duplicate_key": ("duplicate_key",),
    "foreign_key_missing": ("foreign_key",),
    "foreign_key_referenced": ("foreign_key",),
    "foreign_key": ("foreign_key",),
    "check_constraint": ("check_constraint",),
    "not_null": ("not_null", "integrity"),
    "integrity": ("integrity",),
}

_VIOLATION_TYPES: dict[str, type[IntegrityError]] = {
    "duplicate_key": DuplicateKeyError,
    "foreign_key_missing": ForeignKeyError,
    "foreign_key_referenced": ForeignKeyError,
    "foreign_key": ForeignKeyError,
    "check_constraint": CheckConstraintError,
}


class _Fields(dict[str, str]):
    """Template values; a placeholder with no value renders as an empty string."""

    def __missing__(self, key: str) -> str:
        return ""


def _render(template: MessageTemplate, exc: BaseException, fields: _Fields) -> str:
    if callable(template):
        return template(exc)
    try:
        return template.format_map(fields)
    except (ValueError, IndexError, AttributeError):
        return template


def _model_name(model: type | None) -> str:
    return model.__name__ if model is not None else ""


def _with_model(message: str, model: type | None) -> str:
    return f"{model.__name__}: {message}" if model is not None else message


def _pick(error_messages: ErrorMessages | None, keys: tuple[_MessageKey, ...]) -> MessageTemplate | None:
    if not error_messages:
        return None
    for key in keys:
        template = error_messages.get(key)
        if template is not None:
            return template
    return None


def _error_detail(exc: BaseException) -> str:
    orig = driver_error(exc)
    if orig is not None:
        text = str(orig).strip()
        return text or type(orig).__name__
    if exc.args and isinstance(exc.args[0], str):
        return exc.args[0]
    return str(exc) or type(exc).__name__


def _integrity_error(
    exc: BaseException,
    violation: Violation,
    model: type | None,
    error_messages: ErrorMessages | None,
    metadata: MetaData | Sequence[MetaData] | None,
) -> IntegrityError:
    violation = resolve_with_model(violation, model, metadata)
    violation = value_from_parameters(violation, getattr(exc, "statement", None), getattr(exc, "params", None), model)
    template = _pick(error_messages, _MESSAGE_KEYS[violation.kind])
    if template is None:
        message = _with_model(default_message(violation), model)
    else:
        fields = _Fields(
            model=_model_name(model),
            table=violation.table or "",
            column=", ".join(violation.columns),
            columns=", ".join(violation.columns),
            constraint=violation.constraint or "",
            value=violation.value if violation.value is not None else "",
            related_table=violation.related_table or "",
            detail=violation.detail,
        )
        message = _render(template, exc, fields)
    error_type = _VIOLATION_TYPES.get(violation.kind, IntegrityError)
    options: dict[str, Any] = {
        "table": violation.table,
        "constraint": violation.constraint,
        "columns": violation.columns,
        "value": violation.value,
    }
    if error_type is ForeignKeyError:
        options["related_table"] = violation.related_table
    return error_type(message, **options)


def _simple_error(
    error_type: type[RepositoryError],
    key: _MessageKey,
    default: str,
    exc: BaseException,
    *,
    model: type | None,
    error_messages: ErrorMessages | None,
) -> RepositoryError:
    template = _pick(error_messages, (key,))
    if template is None:
        return error_type(_with_model(default, model))
    table = getattr(getattr(model, "__table__", None), "name", "")
    fields = _Fields(model=_model_name(model), table=str(table or ""), detail=_error_detail(exc))
    return error_type(_render(template, exc, fields))


def translate_exception(
    exc: BaseException,
    *,
    model: type | None = None,
    error_messages: ErrorMessages | None = None,
    dialect_name: str | None = None,
    metadata: MetaData | Sequence[MetaData] | None = None,
) -> SQLAlchemistError:
    """Return the sqlalchemist error for a SQLAlchemy or driver error; sqlalchemist errors come back unchanged.

    Without a ``model``, ``metadata`` (the application's tables) fills what the driver's message leaves out.

    Example: ``translate_exception(err, model=Author)`` gives ``DuplicateKeyError("Author: duplicate value for
    author.email ('a@b.c')")`` for a unique violation on any supported driver.
    """
    if isinstance(exc, SQLAlchemistError):
        return exc
    orig = getattr(exc, "orig", None)
    if isinstance(orig, SQLAlchemistError):
        return orig
    if isinstance(exc, sa_exc.NoResultFound):
        return _simple_error(
            NotFoundError, "not_found", "no row found", exc, model=model, error_messages=error_messages
        )
    if isinstance(exc, sa_exc.MultipleResultsFound):
        default = "multiple rows found where at most one was expected"
        return _simple_error(
            MultipleResultsFoundError, "multiple_rows", default, exc, model=model, error_messages=error_messages
        )
    violation = parse_violation(exc, dialect_name=dialect_name)
    if violation is None and isinstance(exc, sa_exc.IntegrityError):
        violation = Violation("integrity", _error_detail(exc))
    if violation is not None:
        return _integrity_error(exc, violation, model, error_messages, metadata)
    detail = _error_detail(exc)
    if _is_database_error(exc):
        return _simple_error(
            RepositoryError, "repository", f"database error: {detail}", exc, model=model, error_messages=error_messages
        )
    default = f"unexpected error: {type(exc).__name__}: {detail}"
    return _simple_error(RepositoryError, "other", default, exc, model=model, error_messages=error_messages)


def _is_database_error(exc: BaseException) -> bool:
    return isinstance(exc, sa_exc.SQLAlchemyError) or driver_error(exc) is not None


class _ExceptionTranslator:
    """Context manager that re-raises database errors as sqlalchemist errors; see wrap_sqlalchemy_exception."""

    __slots__ = ("dialect_name", "error_messages", "metadata", "model")

    def __init__(
        self,
        model: type | None,
        error_messages: ErrorMessages | None,
        dialect_name: str | None,
        metadata: MetaData | Sequence[MetaData] | None = None,
    ) -> None:
        self.model = model
        self.error_messages = error_messages
        self.dialect_name = dialect_name
        self.metadata = metadata

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc is None or isinstance(exc, SQLAlchemistError) or not _is_database_error(exc):
            return
        translated = translate_exception(
            exc,
            model=self.model,
            error_messages=self.error_messages,
            dialect_name=self.dialect_name,
            metadata=self.metadata,
        )
        raise translated from exc

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.__exit__(exc_type, exc, tb)


def wrap_sqlalchemy_exception(
    *,
    model: type | None = None,
    error_messages: ErrorMessages | None = None,
    dialect_name: str | None = None,
    metadata: MetaData | Sequence[MetaData] | None = None,
) -> _ExceptionTranslator:
    """Re-raise SQLAlchemy and driver errors raised in the block as sqlalchemist errors (``raise ... from exc``).

    Example: ``with wrap_sqlalchemy_exception(model=Author): await session.flush()``; other exceptions pass through.
    Where no single model is concerned (a commit), ``metadata`` lets messages name columns the driver left out.
    """
    return _ExceptionTranslator(model, error_messages, dialect_name, metadata)
