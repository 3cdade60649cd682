"""Constraint violations provoked on every backend come back as sqlalchemist errors with exact messages and fields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import delete, insert, literal, select, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Session

from sqlalchemist.exceptions import (
    CheckConstraintError,
    DuplicateKeyError,
    ErrorMessages,
    ForeignKeyError,
    IntegrityError,
    MultipleResultsFoundError,
    NotFoundError,
    RepositoryError,
    SQLAlchemistError,
    wrap_sqlalchemy_exception,
)
from tests.core.errors._models import (
    SEED_CHILD,
    SEED_PARENT,
    ErrChild,
    ErrParent,
    ErrTag,
    enforce_sqlite_foreign_keys,
)

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from sqlalchemy.engine import Engine
    from sqlalchemy.sql import Executable

    from tests.conftest import Backend


@dataclass(frozen=True)
class Expected:
    type: type[IntegrityError]
    message: str
    table: str
    columns: tuple[str, ...] = ()
    constraint: str | None = None
    value: str | None = None
    related_table: str | None = None


CASES: dict[str, tuple[Executable, type]] = {
    "duplicate_unique": (insert(ErrParent).values(id=2, email="a@b.c", age=3), ErrParent),
    "duplicate_primary_key": (insert(ErrParent).values(id=1, email="x@b.c", age=3), ErrParent),
    "foreign_key_missing": (insert(ErrChild).values(id=2, parent_id=99), ErrChild),
    "foreign_key_referenced": (delete(ErrParent).where(ErrParent.id == 1), ErrParent),
    "check": (insert(ErrParent).values(id=3, email="y@b.c", age=-1), ErrParent),
    "not_null": (insert(ErrParent).values(id=4, email=None, age=3), ErrParent),
}

_CHECK = Expected(
    CheckConstraintError,
    "ErrParent: check constraint ck_err_parent_age violated on err_parent",
    "err_parent",
    constraint="ck_err_parent_age",
)
_NOT_NULL = Expected(
    IntegrityError, "ErrParent: expected a value for err_parent.email (NOT NULL), got NULL", "err_parent", ("email",)
)
_FK_MISSING = Expected(
    ForeignKeyError,
    "ErrChild: foreign key violation on err_child.parent_id ('99'): referenced row in err_parent does not exist"
    " (constraint fk_err_child_parent)",
    "err_child",
    ("parent_id",),
    "fk_err_child_parent",
    "99",
    "err_parent",
)
_FK_REFERENCED_NO_VALUE = Expected(
    ForeignKeyError,
    "ErrParent: foreign key violation on err_parent.id: row is still referenced from err_child"
    " (constraint fk_err_child_parent)",
    "err_parent",
    ("id",),
    "fk_err_child_parent",
    related_table="err_child",
)
_DUPLICATE_UNIQUE = Expected(
    DuplicateKeyError,
    "ErrParent: duplicate value for err_parent.email ('a@b.c')",
    "err_parent",
    ("email",),
    "uq_err_parent_email",
    "a@b.c",
)
_DUPLICATE_PK_MESSAGE = "ErrParent: duplicate value for err_parent.id ('1')"

EXPECTED: dict[str, dict[str, Expected]] = {
    "sqlite": {
        "duplicate_unique": _DUPLICATE_UNIQUE,
        "duplicate_primary_key": Expected(DuplicateKeyError, _DUPLICATE_PK_MESSAGE, "err_parent", ("id",), None, "1"),
        "foreign_key_missing": _FK_MISSING,
        "foreign_key_referenced": _FK_REFERENCED_NO_VALUE,
        "check": _CHECK,
        "not_null": _NOT_NULL,
    },
    "postgres": {
        "duplicate_unique": _DUPLICATE_UNIQUE,
        "duplicate_primary_key": Expected(
            DuplicateKeyError, _DUPLICATE_PK_MESSAGE, "err_parent", ("id",), "err_parent_pkey", "1"
        ),
        "foreign_key_missing": _FK_MISSING,
        "foreign_key_referenced": Expected(
            ForeignKeyError,
            "ErrParent: foreign key violation on err_parent.id ('1'): row is still referenced from err_child"
            " (constraint fk_err_child_parent)",
            "err_parent",
            ("id",),
            "fk_err_child_parent",
            "1",
            "err_child",
        ),
        "check": _CHECK,
        "not_null": _NOT_NULL,
    },
    "mariadb": {
        "duplicate_unique": _DUPLICATE_UNIQUE,
        "duplicate_primary_key": Expected(
            DuplicateKeyError, _DUPLICATE_PK_MESSAGE, "err_parent", ("id",), "PRIMARY", "1"
        ),
        "foreign_key_missing": _FK_MISSING,
        "foreign_key_referenced": _FK_REFERENCED_NO_VALUE,
        "check": _CHECK,
        "not_null": _NOT_NULL,
    },
}

WITHOUT_MODEL: dict[str, dict[str, tuple[str, tuple[str, ...], str | None]]] = {
    "sqlite": {
        "duplicate_unique": ("duplicate value for err_parent.email ('a@b.c')", ("email",), None),
        "foreign_key_missing": ("foreign key violation on err_child: referenced row does not exist", (), None),
        "foreign_key_referenced": ("foreign key violation on err_parent: row is still referenced", (), None),
    },
    "postgres": {
        "duplicate_unique": ("duplicate value for err_parent.email ('a@b.c')", ("email",), "uq_err_parent_email"),
        "foreign_key_missing": (
            "foreign key violation on err_child.parent_id ('99'): referenced row in err_parent does not exist"
            " (constraint fk_err_child_parent)",
            ("parent_id",),
            "fk_err_child_parent",
        ),
        "foreign_key_referenced": (
            "foreign key violation on err_parent.id ('1'): row is still referenced from err_child"
            " (constraint fk_err_child_parent)",
            ("id",),
            "fk_err_child_parent",
        ),
    },
    "mariadb": {
        "duplicate_unique": (
            "duplicate value for err_parent (key uq_err_parent_email) ('a@b.c')",
            (),
            "uq_err_parent_email",
        ),
        "foreign_key_missing": (
            "foreign key violation on err_child.parent_id ('99'): referenced row in err_parent does not exist"
            " (constraint fk_err_child_parent)",
            ("parent_id",),
            "fk_err_child_parent",
        ),
        "foreign_key_referenced": (
            "foreign key violation on err_parent.id: row is still referenced from err_child"
            " (constraint fk_err_child_parent)",
            ("id",),
            "fk_err_child_parent",
        ),
    },
}

OVERRIDES: list[tuple[str, ErrorMessages, str]] = [
    (
        "check",
        {"check_constraint": "{model}: rule {constraint} on {table} failed"},
        "ErrParent: rule ck_err_parent_age on err_parent failed",
    ),
    ("not_null", {"integrity": "{table}.{column} is required"}, "err_parent.email is required"),
    ("not_null", {"not_null": "{column} missing", "integrity": "unused"}, "email missing"),
    ("duplicate_unique", {"duplicate_key": lambda exc: f"taken ({type(exc).__name__})"}, "taken (IntegrityError)"),
    (
        "foreign_key_missing",
        {"foreign_key": "{model} needs an existing {related_table}"},
        "ErrChild needs an existing err_parent",
    ),
]


def assert_translated(error: SQLAlchemistError, expected: Expected) -> None:
    assert type(error) is expected.type
    assert str(error) == expected.message
    assert isinstance(error, IntegrityError)
    assert (error.table, error.columns, error.constraint, error.value) == (
        expected.table,
        expected.columns,
        expected.constraint,
        expected.value,
    )
    assert getattr(error, "related_table", None) == expected.related_table
    assert isinstance(error.__cause__, sa_exc.IntegrityError | sa_exc.OperationalError)


@pytest.fixture
async def err_async(async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]) -> AsyncEngine:
    enforce_sqlite_foreign_keys(async_engine.sync_engine)
    await async_tables(ErrParent, ErrChild)
    async with async_engine.begin() as conn:
        await conn.execute(insert(ErrParent), SEED_PARENT)
        await conn.execute(insert(ErrChild), SEED_CHILD)
    return async_engine


@pytest.fixture
def err_sync(sync_engine: Engine, sync_tables: Callable[..., None]) -> Engine:
    enforce_sqlite_foreign_keys(sync_engine)
    sync_tables(ErrParent, ErrChild)
    with sync_engine.begin() as conn:
        conn.execute(insert(ErrParent), SEED_PARENT)
        conn.execute(insert(ErrChild), SEED_CHILD)
    return sync_engine


async def _async_error(engine: AsyncEngine, statement: Executable, **options: Any) -> SQLAlchemistError:
    async with AsyncSession(engine) as session:
        with pytest.raises(SQLAlchemistError) as info, wrap_sqlalchemy_exception(**options):
            await session.execute(statement)
    return info.value


def _sync_error(engine: Engine, statement: Executable, **options: Any) -> SQLAlchemistError:
    with Session(engine) as session, pytest.raises(SQLAlchemistError) as info, wrap_sqlalchemy_exception(**options):
        session.execute(statement)
    return info.value


@pytest.mark.parametrize("case", sorted(CASES))
async def test_async_violation(case: str, err_async: AsyncEngine, async_backend: Backend) -> None:
    statement, model = CASES[case]
    error = await _async_error(err_async, statement, model=model, dialect_name=err_async.dialect.name)
    assert_translated(error, EXPECTED[async_backend.family][case])


@pytest.mark.parametrize("case", sorted(CASES))
def test_sync_violation(case: str, err_sync: Engine, sync_backend: Backend) -> None:
    statement, model = CASES[case]
    error = _sync_error(err_sync, statement, model=model)
    assert_translated(error, EXPECTED[sync_backend.family][case])


@pytest.mark.parametrize("case", sorted(WITHOUT_MODEL["sqlite"]))
async def test_async_violation_without_model(case: str, err_async: AsyncEngine, async_backend: Backend) -> None:
    error = await _async_error(err_async, CASES[case][0])
    message, columns, constraint = WITHOUT_MODEL[async_backend.family][case]
    assert isinstance(error, IntegrityError)
    assert (str(error), error.columns, error.constraint) == (message, columns, constraint)


@pytest.mark.parametrize("case", sorted(WITHOUT_MODEL["sqlite"]))
def test_sync_violation_without_model(case: str, err_sync: Engine, sync_backend: Backend) -> None:
    error = _sync_error(err_sync, CASES[case][0])
    message, columns, constraint = WITHOUT_MODEL[sync_backend.family][case]
    assert isinstance(error, IntegrityError)
    assert (str(error), error.columns, error.constraint) == (message, columns, constraint)


@pytest.mark.parametrize("case", sorted(WITHOUT_MODEL["sqlite"]))
async def test_async_violation_with_metadata_instead_of_model(
    case: str, err_async: AsyncEngine, async_backend: Backend
) -> None:
    # Where no single model is concerned (a commit), the application's tables fill what the driver left out: the
    # key's columns on MariaDB, the key of named columns elsewhere; the message is the one the model would give.
    statement, model = CASES[case]
    error = await _async_error(err_async, statement, metadata=[ErrTag.metadata])
    expected = EXPECTED[async_backend.family][case]
    assert isinstance(error, IntegrityError)
    assert (str(error), error.columns) == (expected.message.removeprefix(f"{model.__name__}: "), expected.columns)


async def test_async_orm_flush_duplicate(err_async: AsyncEngine, async_backend: Backend) -> None:
    async with AsyncSession(err_async) as session:
        session.add(ErrParent(id=2, email="a@b.c", age=5))
        with pytest.raises(DuplicateKeyError) as info:
            async with wrap_sqlalchemy_exception(model=ErrParent):
                await session.flush()
    expected = EXPECTED[async_backend.family]["duplicate_unique"]
    assert (str(info.value), info.value.columns) == (expected.message, ("email",))


def test_sync_orm_flush_foreign_key(err_sync: Engine, sync_backend: Backend) -> None:
    with Session(err_sync) as session:
        session.add(ErrChild(id=2, parent_id=99))
        with pytest.raises(ForeignKeyError) as info, wrap_sqlalchemy_exception(model=ErrChild):
            session.flush()
    assert str(info.value) == EXPECTED[sync_backend.family]["foreign_key_missing"].message


@pytest.mark.parametrize(("case", "messages", "message"), OVERRIDES)
async def test_async_error_messages_override(
    case: str, messages: ErrorMessages, message: str, err_async: AsyncEngine
) -> None:
    statement, model = CASES[case]
    error = await _async_error(err_async, statement, model=model, error_messages=messages)
    assert str(error) == message


@pytest.mark.parametrize(("case", "messages", "message"), OVERRIDES)
def test_sync_error_messages_override(case: str, messages: ErrorMessages, message: str, err_sync: Engine) -> None:
    statement, model = CASES[case]
    error = _sync_error(err_sync, statement, model=model, error_messages=messages)
    assert str(error) == message


def test_sync_unrelated_override_keeps_default(err_sync: Engine, sync_backend: Backend) -> None:
    error = _sync_error(err_sync, CASES["check"][0], model=ErrParent, error_messages={"duplicate_key": "unused"})
    assert str(error) == _CHECK.message


async def test_async_no_result_and_multiple_results(err_async: AsyncEngine) -> None:
    async with AsyncSession(err_async) as session:
        with pytest.raises(NotFoundError) as missing, wrap_sqlalchemy_exception(model=ErrParent):
            (await session.execute(select(ErrParent).where(ErrParent.id == 42))).scalar_one()
        with pytest.raises(MultipleResultsFoundError) as info, wrap_sqlalchemy_exception(model=ErrParent):
            (await session.execute(select(literal(1)).union_all(select(literal(1))))).scalar_one()
    assert str(missing.value) == "ErrParent: no row found"
    assert str(info.value) == "ErrParent: multiple rows found where at most one was expected"
    assert isinstance(info.value.__cause__, sa_exc.MultipleResultsFound)


def test_sync_no_result_with_override(err_sync: Engine) -> None:
    messages: ErrorMessages = {"not_found": "no {model} in {table}"}
    with (
        Session(err_sync) as session,
        pytest.raises(NotFoundError) as info,
        wrap_sqlalchemy_exception(model=ErrParent, error_messages=messages),
    ):
        session.execute(select(ErrParent).where(ErrParent.id == 42)).scalar_one()
    assert str(info.value) == "no ErrParent in err_parent"


async def test_async_other_database_error_is_repository_error(err_async: AsyncEngine) -> None:
    async with AsyncSession(err_async) as session:
        with pytest.raises(RepositoryError) as info, wrap_sqlalchemy_exception(model=ErrParent):
            await session.execute(text("SELECT missing_column FROM err_parent"))
    assert type(info.value) is RepositoryError
    assert str(info.value).startswith("ErrParent: database error: ")
    assert "missing_column" in str(info.value)
    assert isinstance(info.value.__cause__, sa_exc.DBAPIError)


def test_sync_repository_override_gets_detail(err_sync: Engine) -> None:
    messages: ErrorMessages = {"repository": "{model} failed"}
    with (
        Session(err_sync) as session,
        pytest.raises(RepositoryError) as info,
        wrap_sqlalchemy_exception(model=ErrParent, error_messages=messages),
    ):
        session.execute(text("SELECT missing_column FROM err_parent"))
    assert str(info.value) == "ErrParent failed"


UNNAMED_UNIQUE: dict[str, tuple[str, str | None, str | None]] = {
    "sqlite": ("ErrTag: duplicate value for err_tag.name ('red')", None, "red"),
    "postgres": ("ErrTag: duplicate value for err_tag.name ('red')", "err_tag_name_key", "red"),
    "mariadb": ("ErrTag: duplicate value for err_tag.name ('red')", "name", "red"),
}


async def test_async_unnamed_unique_key(
    async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]], async_backend: Backend
) -> None:
    await async_tables(ErrTag)
    async with AsyncSession(async_engine) as session:
        await session.execute(insert(ErrTag).values(id=1, name="red"))
        with pytest.raises(DuplicateKeyError) as info, wrap_sqlalchemy_exception(model=ErrTag):
            await session.execute(insert(ErrTag).values(id=2, name="red"))
    error = info.value
    assert (str(error), error.constraint, error.value) == UNNAMED_UNIQUE[async_backend.family]
    assert (error.table, error.columns) == ("err_tag", ("name",))


def test_sync_unnamed_unique_key(sync_engine: Engine, sync_tables: Callable[..., None], sync_backend: Backend) -> None:
    sync_tables(ErrTag)
    with Session(sync_engine) as session:
        session.execute(insert(ErrTag).values(id=1, name="red"))
        with pytest.raises(DuplicateKeyError) as info, wrap_sqlalchemy_exception(model=ErrTag):
            session.execute(insert(ErrTag).values(id=2, name="red"))
    error = info.value
    assert (str(error), error.constraint, error.value) == UNNAMED_UNIQUE[sync_backend.family]
    assert (error.table, error.columns) == ("err_tag", ("name",))
