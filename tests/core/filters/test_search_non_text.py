"""Searching fields that are not text: integers, dates, enums and UUIDs are matched on their text form everywhere."""

from __future__ import annotations

import enum
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Date, Enum, Integer, LargeBinary, String, TypeDecorator, Uuid, insert, select
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from sqlalchemist.exceptions import FilterError
from sqlalchemist.filters import ComparisonFilter, NotInSearchFilter, SearchFilter, StatementFilter
from sqlalchemist.repository import SQLAlchemyAsyncRepository, SQLAlchemySyncRepository
from sqlalchemist.types import GUID


class _Trimmed(TypeDecorator[str]):
    """A text type behind a TypeDecorator: still text, so never cast."""

    impl = String(40)
    cache_ok = True


class _Packed(TypeDecorator[bytes]):
    """Bytes behind a TypeDecorator: found to be binary only when compiled for a dialect."""

    impl = LargeBinary
    cache_ok = True


class _UuidText(TypeDecorator[uuid.UUID]):
    """UUIDs kept as their 36-character text: searched as the text it is."""

    impl = String(36)
    cache_ok = True

    @property
    def python_type(self) -> type[uuid.UUID]:
        """Values are UUIDs."""
        return uuid.UUID


class FltNtBase(DeclarativeBase):
    pass


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


def _values(members: type[Color]) -> list[str]:
    return [member.value for member in members]


class FltNtItem(FltNtBase):
    __tablename__ = "flt_nt_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    label: Mapped[str] = mapped_column(String(40))
    trimmed: Mapped[str] = mapped_column(_Trimmed)
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    day: Mapped[date] = mapped_column(Date)
    color: Mapped[Color] = mapped_column(Enum(Color, name="flt_nt_color", values_callable=_values))
    shade: Mapped[Color] = mapped_column(Enum(Color, native_enum=False, length=10, values_callable=_values))
    guid: Mapped[uuid.UUID] = mapped_column(GUID)
    guid_chars: Mapped[uuid.UUID] = mapped_column(GUID(binary=False))
    uid: Mapped[uuid.UUID] = mapped_column(Uuid)
    blob: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    packed: Mapped[bytes | None] = mapped_column(_Packed, nullable=True)
    uuid_text: Mapped[uuid.UUID | None] = mapped_column(_UuidText, nullable=True)


G1 = uuid.UUID("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
G2 = uuid.UUID("ffffffff-0000-4000-8000-abcdefabcdef")
G3 = uuid.UUID("12312312-aaaa-4bbb-8ccc-dddddddddddd")


def _row(ident: int, number: int | None, day: date, color: Color, guid: uuid.UUID) -> dict[str, Any]:
    label = f"item {ident}"
    return {
        "id": ident,
        "label": label,
        "trimmed": label,
        "number": number,
        "day": day,
        "color": color,
        "shade": color,
        "guid": guid,
        "guid_chars": guid,
        "uid": guid,
        "blob": None,
        "packed": None,
        "uuid_text": str(guid),
    }


ROWS = [
    _row(1, 120, date(2024, 3, 15), Color.RED, G1),
    _row(2, 312, date(2023, 12, 1), Color.GREEN, G2),
    _row(3, 45, date(2024, 11, 30), Color.GREEN, G3),
    _row(4, None, date(2022, 1, 12), Color.RED, G1),
]

UUID_FIELDS = ("guid", "guid_chars", "uid", "uuid_text")

CASES: dict[str, tuple[StatementFilter, list[int]]] = {
    "int_contains": (SearchFilter("number", "12"), [1, 2]),
    "int_ignore_case": (SearchFilter("number", "45", ignore_case=True), [3]),
    "int_no_match": (SearchFilter("number", "7"), []),
    "int_percent_is_literal": (SearchFilter("number", "%"), []),
    "int_and_text_fields": (SearchFilter(["label", "number"], "3"), [2, 3]),
    "not_in_int": (NotInSearchFilter("number", "12"), [3]),
    "not_in_int_ignore_case": (NotInSearchFilter(["number", "label"], "4", ignore_case=True), [1, 2]),
    "date_year_month": (SearchFilter("day", "2024-03"), [1]),
    "date_day": (SearchFilter("day", "-12"), [2, 4]),
    "date_ignore_case": (SearchFilter("day", "2024", ignore_case=True), [1, 3]),
    "not_in_date": (NotInSearchFilter("day", "2024"), [2, 4]),
    "enum_native": (SearchFilter("color", "ee"), [2, 3]),
    "enum_native_ignore_case": (SearchFilter("color", "RE", ignore_case=True), [1, 2, 3, 4]),
    "enum_as_string": (SearchFilter("shade", "re", ignore_case=True), [1, 2, 3, 4]),
    "enum_and_int": (SearchFilter({"color", "number"}, "5"), [3]),
    "cmp_int_startswith": (ComparisonFilter("number", "startswith", "12"), [1]),
    "cmp_int_istartswith": (ComparisonFilter("number", "istartswith", "3"), [2]),
    "cmp_int_endswith": (ComparisonFilter("number", "endswith", "12"), [2]),
    "cmp_int_iendswith": (ComparisonFilter("number", "iendswith", "5"), [3]),
    "cmp_int_like": (ComparisonFilter("number", "like", "1_0"), [1]),
    "cmp_int_ilike": (ComparisonFilter("number", "ilike", "%1%"), [1, 2]),
    "cmp_int_contains": (ComparisonFilter("number", "contains", "4"), [3]),
    "cmp_date_startswith": (ComparisonFilter("day", "startswith", "2023"), [2]),
    "cmp_date_like": (ComparisonFilter("day", "like", "2024-__-__"), [1, 3]),
    "cmp_enum_ilike": (ComparisonFilter("color", "ilike", "G%"), [2, 3]),
    **{
        f"{field}_{name}": case
        for field in UUID_FIELDS
        for name, case in {
            "fragment": (SearchFilter(field, "4e5f"), [1, 4]),
            "across_hyphen": (SearchFilter(field, "ffff-0000-4000"), [2]),
            "ignore_case": (SearchFilter(field, "ABCDEF", ignore_case=True), [2]),
            "whole": (SearchFilter(field, str(G3)), [3]),
            "hex_digits_do_not_span_hyphens": (SearchFilter(field, G3.hex), []),
            "not_in": (NotInSearchFilter(field, "aaaa"), [1, 2, 4]),
            "startswith": (ComparisonFilter(field, "startswith", "1231"), [3]),
            "iendswith": (ComparisonFilter(field, "iendswith", "1A2B3C4D"), [1, 4]),
        }.items()
    },
}


def _statement(item: StatementFilter) -> Any:
    return item.append_to_statement(select(FltNtItem.id), FltNtItem).order_by(FltNtItem.id)


def _expected() -> dict[str, list[int]]:
    return {name: expected for name, (_, expected) in CASES.items()}


@pytest.fixture
async def async_items(async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]) -> AsyncIterator[None]:
    """Fill the table; drop it with its PostgreSQL enum type afterwards (dropping the table leaves the type)."""
    async with async_engine.begin() as conn:
        await conn.run_sync(FltNtBase.metadata.drop_all)
    await async_tables(FltNtItem)
    async with async_engine.begin() as conn:
        await conn.execute(insert(FltNtItem), ROWS)
    yield
    async with async_engine.begin() as conn:
        await conn.run_sync(FltNtBase.metadata.drop_all)


@pytest.fixture
def sync_items(sync_engine: Engine, sync_tables: Callable[..., None]) -> Iterator[None]:
    """Fill the table; drop it with its PostgreSQL enum type afterwards (dropping the table leaves the type)."""
    with sync_engine.begin() as conn:
        FltNtBase.metadata.drop_all(conn)
    sync_tables(FltNtItem)
    with sync_engine.begin() as conn:
        conn.execute(insert(FltNtItem), ROWS)
    yield
    with sync_engine.begin() as conn:
        FltNtBase.metadata.drop_all(conn)


@pytest.mark.usefixtures("async_items")
async def test_non_text_search_async(async_engine: AsyncEngine) -> None:
    got: dict[str, list[int]] = {}
    async with async_engine.connect() as conn:
        for name, (item, _) in CASES.items():
            got[name] = list((await conn.execute(_statement(item))).scalars())
    assert got == _expected()


@pytest.mark.usefixtures("sync_items")
def test_non_text_search_sync(sync_engine: Engine) -> None:
    got: dict[str, list[int]] = {}
    with sync_engine.connect() as conn:
        for name, (item, _) in CASES.items():
            got[name] = list(conn.execute(_statement(item)).scalars())
    assert got == _expected()


class _AsyncItemRepo(SQLAlchemyAsyncRepository[FltNtItem]):
    model_type = FltNtItem


class _SyncItemRepo(SQLAlchemySyncRepository[FltNtItem]):
    model_type = FltNtItem


@pytest.mark.usefixtures("async_items")
async def test_repository_list_searches_non_text_async(async_engine: AsyncEngine) -> None:
    async with AsyncSession(async_engine) as session:
        repo = _AsyncItemRepo(session=session)
        by_number = await repo.list(SearchFilter("number", "12"))
        by_guid = await repo.list(SearchFilter(["label", "guid"], "4E5F", ignore_case=True))
        not_by_number = await repo.list(NotInSearchFilter("number", "12"))
    assert sorted(item.id for item in by_number) == [1, 2]
    assert sorted(item.id for item in by_guid) == [1, 4]
    assert [item.id for item in not_by_number] == [3]


@pytest.mark.usefixtures("sync_items")
def test_repository_list_searches_non_text_sync(sync_engine: Engine) -> None:
    with Session(sync_engine) as session:
        repo = _SyncItemRepo(session=session)
        by_day = repo.list(SearchFilter("day", "2024"))
        by_color = repo.list(ComparisonFilter("color", "endswith", "een"))
    assert sorted(item.id for item in by_day) == [1, 3]
    assert sorted(item.id for item in by_color) == [2, 3]


DIALECTS = {"postgresql": postgresql.dialect(), "sqlite": sqlite.dialect(), "mysql": mysql.dialect()}


def _where(item: StatementFilter, dialect: str) -> str:
    statement = item.append_to_statement(select(FltNtItem.id), FltNtItem)
    text = re.sub(r"::[A-Z]+", "", " ".join(str(statement.compile(dialect=DIALECTS[dialect])).split()))
    text = re.sub(r"%\(\w+\)s", "%(p)s", text)
    return text.split(" WHERE ", 1)[1]


@pytest.mark.parametrize(
    ("item", "sql"),
    [
        (SearchFilter("label", "al"), "flt_nt_item.label LIKE %(p)s ESCAPE '/'"),
        (SearchFilter("label", "al", ignore_case=True), "flt_nt_item.label ILIKE %(p)s ESCAPE '/'"),
        (SearchFilter("trimmed", "al"), "flt_nt_item.trimmed LIKE %(p)s ESCAPE '/'"),
        (SearchFilter("shade", "re"), "flt_nt_item.shade LIKE %(p)s ESCAPE '/'"),
        (NotInSearchFilter("label", "al"), "flt_nt_item.label NOT LIKE %(p)s ESCAPE '/'"),
        (ComparisonFilter("label", "istartswith", "al"), "flt_nt_item.label ILIKE %(p)s ESCAPE '/'"),
        (ComparisonFilter("label", "like", "a%"), "flt_nt_item.label LIKE %(p)s"),
    ],
)
def test_text_fields_are_not_cast(item: StatementFilter, sql: str) -> None:
    assert _where(item, "postgresql") == sql


@pytest.mark.parametrize(
    ("item", "sql"),
    [
        (SearchFilter("number", "1"), "CAST(flt_nt_item.number AS VARCHAR) LIKE %(p)s ESCAPE '/'"),
        (SearchFilter("day", "1", ignore_case=True), "CAST(flt_nt_item.day AS VARCHAR) ILIKE %(p)s ESCAPE '/'"),
        (SearchFilter("color", "r"), "CAST(flt_nt_item.color AS VARCHAR) LIKE %(p)s ESCAPE '/'"),
        (SearchFilter("guid", "a"), "CAST(flt_nt_item.guid AS VARCHAR) LIKE %(p)s ESCAPE '/'"),
        (
            NotInSearchFilter("number", "1"),
            "CAST(flt_nt_item.number AS VARCHAR) NOT LIKE %(p)s ESCAPE '/'",
        ),
        (ComparisonFilter("number", "endswith", "1"), "CAST(flt_nt_item.number AS VARCHAR) LIKE %(p)s ESCAPE '/'"),
    ],
)
def test_non_text_fields_are_cast_on_postgresql(item: StatementFilter, sql: str) -> None:
    assert _where(item, "postgresql") == sql


def test_mixed_fields_cast_only_the_non_text_ones() -> None:
    assert _where(SearchFilter(["label", "number"], "1"), "postgresql") == (
        "flt_nt_item.label LIKE %(p)s ESCAPE '/' OR CAST(flt_nt_item.number AS VARCHAR) LIKE %(p)s ESCAPE '/'"
    )


def test_integer_is_cast_to_char_on_mysql() -> None:
    assert _where(SearchFilter("number", "1"), "mysql") == "CAST(flt_nt_item.number AS CHAR) LIKE %s ESCAPE '/'"


def test_enum_is_text_where_it_is_not_a_native_type() -> None:
    assert _where(SearchFilter("color", "r"), "sqlite") == "flt_nt_item.color LIKE ? ESCAPE '/'"
    assert _where(SearchFilter("color", "r"), "mysql") == "flt_nt_item.color LIKE %s ESCAPE '/'"


def test_binary_uuid_is_searched_as_canonical_text_built_from_hex() -> None:
    sql = _where(SearchFilter("guid", "ab"), "sqlite")
    spans = ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
    groups = " || '-' || ".join(f"substr(hex(flt_nt_item.guid), {start}, {size})" for start, size in spans)
    assert sql == f"lower({groups}) LIKE ? ESCAPE '/'"
    assert "CAST" not in _where(SearchFilter("guid", "ab"), "mysql")
    assert "hex(flt_nt_item.guid)" in _where(SearchFilter("guid", "ab"), "mysql")


def test_uuid_stored_as_characters_is_hyphenated_without_hex() -> None:
    sql = _where(SearchFilter("guid_chars", "ab"), "sqlite")
    assert sql.startswith("lower(substr(flt_nt_item.guid_chars, 1, 8) || '-' ||")
    assert "hex(" not in sql


@pytest.mark.parametrize("field", ["blob", FltNtItem.blob])
def test_binary_field_cannot_be_searched(field: Any) -> None:
    with pytest.raises(FilterError, match=r"^cannot search 'blob' as text: it is stored as binary data$"):
        SearchFilter(field, "ab").to_where_clause(FltNtItem)
    with pytest.raises(FilterError, match="stored as binary data"):
        NotInSearchFilter(["label", field], "ab").to_where_clause(FltNtItem)
    with pytest.raises(FilterError, match="stored as binary data"):
        ComparisonFilter(field, "contains", "ab").to_where_clause(FltNtItem)


@pytest.mark.parametrize("dialect", ["postgresql", "sqlite", "mysql"])
def test_binary_type_decorator_fails_when_compiled(dialect: str) -> None:
    message = rf"^cannot search 'packed' as text: it is stored as binary data on {dialect}$"
    with pytest.raises(FilterError, match=message):
        _where(SearchFilter("packed", "ab"), dialect)


def test_uuid_kept_as_other_text_is_not_sliced() -> None:
    assert _where(SearchFilter("uuid_text", "ab"), "sqlite") == "flt_nt_item.uuid_text LIKE ? ESCAPE '/'"


def test_unknown_field_error_is_unchanged() -> None:
    with pytest.raises(FilterError, match="FltNtItem has no column 'nope' to filter on"):
        SearchFilter(["number", "nope"], "1").to_where_clause(FltNtItem)
