"""translate_exception and wrap_sqlalchemy_exception on errors built by hand: pass-through rules and message parsing."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import exc as sa_exc

import sqlalchemist.exceptions
from sqlalchemist.exceptions import (
    CheckConstraintError,
    DuplicateKeyError,
    FilterError,
    ForeignKeyError,
    IntegrityError,
    NotFoundError,
    RepositoryError,
    SQLAlchemistError,
    translate_exception,
    wrap_sqlalchemy_exception,
)


def _integrity(statement: str, orig: BaseException) -> sa_exc.IntegrityError:
    return sa_exc.IntegrityError(statement, {}, orig)


def test_public_names() -> None:
    assert set(sqlalchemist.exceptions.__all__) == {
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
    }


def test_sqlalchemist_error_passes_untouched() -> None:
    original = NotFoundError("Author with id=3 not found")
    with pytest.raises(NotFoundError) as info, wrap_sqlalchemy_exception():
        raise original
    assert info.value is original
    assert translate_exception(original) is original


def test_unrelated_error_passes_untouched() -> None:
    with pytest.raises(ValueError) as info, wrap_sqlalchemy_exception():
        raise ValueError("boom")
    assert str(info.value) == "boom"
    assert info.value.__cause__ is None


def test_translate_unrelated_error_uses_other_message() -> None:
    error = translate_exception(ValueError("boom"), model=sqlite3.Connection)
    assert type(error) is RepositoryError
    assert str(error) == "Connection: unexpected error: ValueError: boom"
    custom = translate_exception(KeyError("k"), error_messages={"other": "other: {detail}"})
    assert str(custom) == "other: k"


def test_no_error_is_a_no_op() -> None:
    with wrap_sqlalchemy_exception():
        value = 1
    assert value == 1


async def test_async_with_translates() -> None:
    with pytest.raises(NotFoundError) as info:
        async with wrap_sqlalchemy_exception():
            raise sa_exc.NoResultFound("No row was found when one was required")
    assert str(info.value) == "no row found"


def test_raw_driver_error_is_translated() -> None:
    with pytest.raises(DuplicateKeyError) as info, wrap_sqlalchemy_exception(dialect_name="sqlite"):
        raise sqlite3.IntegrityError("UNIQUE constraint failed: err_tr_book.title")
    assert str(info.value) == "duplicate value for err_tr_book.title"
    assert isinstance(info.value.__cause__, sqlite3.IntegrityError)


@pytest.mark.parametrize(
    ("message", "statement", "error_type", "expected", "table", "columns", "constraint"),
    [
        (
            "UNIQUE constraint failed: err_tr_book.author, err_tr_book.title",
            "INSERT INTO err_tr_book (author, title) VALUES (?, ?)",
            DuplicateKeyError,
            "duplicate value for err_tr_book.(author, title)",
            "err_tr_book",
            ("author", "title"),
            None,
        ),
        (
            "FOREIGN KEY constraint failed",
            'UPDATE "err_tr_book" SET author_id=? WHERE id = ?',
            ForeignKeyError,
            "foreign key violation on err_tr_book",
            "err_tr_book",
            (),
            None,
        ),
        (
            "CHECK constraint failed: ck_err_tr_pages",
            "INSERT OR REPLACE INTO err_tr_book (pages) VALUES (?)",
            CheckConstraintError,
            "check constraint ck_err_tr_pages violated on err_tr_book",
            "err_tr_book",
            (),
            "ck_err_tr_pages",
        ),
        (
            "NOT NULL constraint failed: err_tr_book.title",
            "INSERT INTO err_tr_book (title) VALUES (?)",
            IntegrityError,
            "expected a value for err_tr_book.title (NOT NULL), got NULL",
            "err_tr_book",
            ("title",),
            None,
        ),
    ],
)
def test_sqlite_messages_without_error_codes(
    message: str,
    statement: str,
    error_type: type[IntegrityError],
    expected: str,
    table: str,
    columns: tuple[str, ...],
    constraint: str | None,
) -> None:
    error = translate_exception(_integrity(statement, sqlite3.IntegrityError(message)))
    assert type(error) is error_type
    assert isinstance(error, IntegrityError)
    assert (str(error), error.table, error.columns, error.constraint) == (expected, table, columns, constraint)


class _MySQLError(Exception):
    """Shaped like pymysql's errors: ``args == (errno, message)``."""


@pytest.mark.parametrize(
    ("errno", "message", "error_type", "expected"),
    [
        (
            1062,
            "Duplicate entry 'x' for key 'err_tr_book.uq_err_tr_title'",
            DuplicateKeyError,
            "duplicate value for err_tr_book (key uq_err_tr_title) ('x')",
        ),
        (
            3819,
            "Check constraint 'ck_err_tr_pages' is violated.",
            CheckConstraintError,
            "check constraint ck_err_tr_pages violated on err_tr_book",
        ),
        (
            1364,
            "Field 'title' doesn't have a default value",
            IntegrityError,
            "expected a value for err_tr_book.title (NOT NULL), got NULL",
        ),
        (1205, "Lock wait timeout exceeded", IntegrityError, "integrity error: (1205, 'Lock wait timeout exceeded')"),
    ],
)
def test_mysql_messages(errno: int, message: str, error_type: type[IntegrityError], expected: str) -> None:
    orig = _MySQLError(errno, message)
    error = translate_exception(_integrity("INSERT INTO err_tr_book (title) VALUES (%s)", orig), dialect_name="mariadb")
    assert type(error) is error_type
    assert str(error) == expected


def test_unparsed_operational_error_is_repository_error() -> None:
    orig = _MySQLError(2013, "Lost connection to MySQL server during query")
    error = translate_exception(sa_exc.OperationalError("SELECT 1", {}, orig), dialect_name="mysql")
    assert type(error) is RepositoryError
    assert str(error) == "database error: (2013, 'Lost connection to MySQL server during query')"


def test_plain_sqlalchemy_error_is_repository_error() -> None:
    error = translate_exception(sa_exc.InvalidRequestError("This session is in 'prepared' state"))
    assert type(error) is RepositoryError
    assert str(error) == "database error: This session is in 'prepared' state"


def test_message_template_with_bad_format_is_used_verbatim() -> None:
    error = translate_exception(sa_exc.NoResultFound("none"), error_messages={"not_found": "missing {0}"})
    assert str(error) == "missing {0}"


def test_root_of_hierarchy() -> None:
    assert issubclass(DuplicateKeyError, SQLAlchemistError)
    assert ForeignKeyError("x", related_table="err_tr_author").related_table == "err_tr_author"


@pytest.mark.parametrize(
    ("statement", "params", "value"),
    [
        ("INSERT INTO err_tr_book (id, title) VALUES (?, ?)", (1, "Dune"), "Dune"),
        ("INSERT INTO err_tr_book (id, title) VALUES (%(id)s, %(title)s)", {"id": 1, "title": "Dune"}, "Dune"),
        ("INSERT INTO err_tr_book (id, title) VALUES (:id, :title) RETURNING id", {"id": 1, "title": "Dune"}, "Dune"),
        ("INSERT INTO err_tr_book (id, title) VALUES (?, CURRENT_TIMESTAMP)", (1,), None),
        ("INSERT INTO err_tr_book (id, title) VALUES (?, ?), (?, ?)", (1, "Dune", 2, "Emma"), None),
        ("INSERT INTO err_tr_book (id, title) VALUES (?, ?)", [(1, "Dune"), (2, "Emma")], None),
        ("UPDATE err_tr_book SET title=? WHERE id = ?", ("Dune", 1), None),
    ],
)
def test_value_taken_from_single_row_insert(statement: str, params: object, value: str | None) -> None:
    orig = sqlite3.IntegrityError("UNIQUE constraint failed: err_tr_book.title")
    error = translate_exception(sa_exc.IntegrityError(statement, params, orig))  # type: ignore[arg-type]
    assert isinstance(error, DuplicateKeyError)
    assert error.value == value


def test_sqlalchemist_error_wrapped_by_sqlalchemy_is_unwrapped() -> None:
    inner = FilterError("unknown field 'colour' for Book; expected one of: id, title")
    with pytest.raises(FilterError) as info, wrap_sqlalchemy_exception():
        raise sa_exc.StatementError("bind failed", "SELECT 1", {}, inner)
    assert info.value is inner
    assert isinstance(info.value.__cause__, sa_exc.StatementError)
