"""Keyset pages forwards and backwards over ties and NULLs, on every backend, async and sync."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable, Sequence
from functools import cmp_to_key
from typing import Any

import pytest
from sqlalchemy import String, insert, select
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from sqlalchemist.exceptions import FilterError
from sqlalchemist.pagination import CursorPage, CursorPagination, paginate, paginate_async


class SvcKeysetBase(DeclarativeBase):
    pass


class SvcKeysetItem(SvcKeysetBase):
    __tablename__ = "svc_keyset_item"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str | None] = mapped_column(String(20))
    score: Mapped[int]
    day: Mapped[datetime.date | None]


NAMES = ["bob", None, "amy", "bob", "cat", None, "amy", "dan", "bob", "cat", None, "eve", "amy"]
ROWS: list[dict[str, Any]] = [
    {
        "id": i + 1,
        "name": name,
        "score": (i * 7) % 4,
        "day": None if i % 5 == 0 else datetime.date(2024, 1, 1 + (i % 3)),
    }
    for i, name in enumerate(NAMES)
]
ORDERINGS: list[list[Any]] = [
    [("name", "asc")],
    [("name", "desc")],
    [("name", "desc"), ("score", "asc")],
    [(SvcKeysetItem.score, "desc"), ("name", "asc")],
    [("day", "asc"), ("name", "desc")],
    [],
]


def expected_ids(order_by: Sequence[Any]) -> list[int]:
    """Sort the rows in Python: each key NULLs last whatever its direction, the primary key breaks ties."""
    keys = [(f if isinstance(f, str) else f.key, o == "desc") for f, o in order_by]

    def compare(a: dict[str, Any], b: dict[str, Any]) -> int:
        for field, descending in [*keys, ("id", False)]:
            x, y = a[field], b[field]
            if x == y:
                continue
            if x is None or y is None:
                return 1 if x is None else -1
            return (1 if x > y else -1) * (-1 if descending else 1)
        return 0

    return [int(r["id"]) for r in sorted(ROWS, key=cmp_to_key(compare))]


def test_expected_order_helper_puts_nulls_last_in_both_directions() -> None:
    asc = expected_ids([("name", "asc")])
    desc = expected_ids([("name", "desc")])
    assert asc[:3] == [3, 7, 13]
    assert desc[:1] == [12]
    assert asc[-3:] == desc[-3:] == [2, 6, 11]


def _ids(page: CursorPage[SvcKeysetItem]) -> list[int]:
    return [item.id for item in page.items]


async def _walk_async(
    fetch: Callable[[CursorPagination], Awaitable[CursorPage[SvcKeysetItem]]], order_by: list[Any], limit: int
) -> tuple[list[int], list[int]]:
    forward: list[int] = []
    page = await fetch(CursorPagination(limit, order_by=order_by))
    assert page.has_prev is False
    assert page.prev_cursor is None
    while True:
        forward.extend(_ids(page))
        if not page.has_next:
            assert page.next_cursor is None
            break
        assert len(page.items) == limit
        page = await fetch(CursorPagination(limit, order_by=order_by, cursor=page.next_cursor))
    backward: list[int] = []
    while True:
        backward[:0] = _ids(page)
        if not page.has_prev:
            break
        page = await fetch(CursorPagination(limit, order_by=order_by, cursor=page.prev_cursor))
    return forward, backward


@pytest.mark.parametrize("limit", [1, 3, 13, 20])
@pytest.mark.parametrize("order_by", ORDERINGS)
async def test_async_pages_forwards_and_backwards(
    async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]], order_by: list[Any], limit: int
) -> None:
    await async_tables(SvcKeysetItem)
    async with AsyncSession(async_engine) as session:
        await session.execute(insert(SvcKeysetItem), ROWS)

        async def fetch(pagination: CursorPagination) -> CursorPage[SvcKeysetItem]:
            return await paginate_async(session, select(SvcKeysetItem), pagination)

        forward, backward = await _walk_async(fetch, order_by, limit)
    assert forward == expected_ids(order_by)
    assert backward == expected_ids(order_by)


@pytest.mark.parametrize("limit", [1, 4, 13])
@pytest.mark.parametrize("order_by", ORDERINGS)
def test_sync_pages_forwards_and_backwards(
    sync_engine: Engine, sync_tables: Callable[..., None], order_by: list[Any], limit: int
) -> None:
    sync_tables(SvcKeysetItem)
    with Session(sync_engine) as session:
        session.execute(insert(SvcKeysetItem), ROWS)
        forward: list[int] = []
        page = paginate(session, SvcKeysetItem, CursorPagination(limit, order_by=order_by))
        forward.extend(_ids(page))
        while page.has_next:
            page = paginate(session, SvcKeysetItem, CursorPagination(limit, order_by=order_by, cursor=page.next_cursor))
            forward.extend(_ids(page))
        backward = _ids(page)
        while page.has_prev:
            page = paginate(session, SvcKeysetItem, CursorPagination(limit, order_by=order_by, cursor=page.prev_cursor))
            backward[:0] = _ids(page)
    assert forward == expected_ids(order_by)
    assert backward == expected_ids(order_by)


async def test_last_page_first_with_direction_prev_and_totals(
    async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]
) -> None:
    await async_tables(SvcKeysetItem)
    order_by: list[Any] = [("name", "asc")]
    everything = expected_ids(order_by)
    async with AsyncSession(async_engine) as session:
        await session.execute(insert(SvcKeysetItem), ROWS)
        last = await paginate_async(
            session, select(SvcKeysetItem), CursorPagination(5, order_by=order_by, direction="prev"), with_total=True
        )
        assert _ids(last) == everything[-5:]
        assert (last.has_next, last.has_prev, last.next_cursor, last.total) == (False, True, None, 13)
        before = await paginate_async(
            session, select(SvcKeysetItem), CursorPagination(5, order_by=order_by, cursor=last.prev_cursor)
        )
        assert _ids(before) == everything[3:8]
        assert before.total is None
        filtered = await paginate_async(
            session,
            select(SvcKeysetItem).where(SvcKeysetItem.score > 1).order_by(SvcKeysetItem.id.desc()),
            CursorPagination(100, order_by=order_by),
            with_total=True,
        )
        wanted = [i for i in everything if ROWS[i - 1]["score"] > 1]
        assert (_ids(filtered), filtered.total, filtered.has_next) == (wanted, len(wanted), False)


def test_empty_table_and_a_cursor_past_the_end(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(SvcKeysetItem)
    with Session(sync_engine) as session:
        empty = paginate(session, SvcKeysetItem, CursorPagination(5), with_total=True)
        assert (empty.items, empty.has_next, empty.has_prev, empty.total) == ([], False, False, 0)
        session.execute(insert(SvcKeysetItem), ROWS[:2])
        first = paginate(session, SvcKeysetItem, CursorPagination(1))
        second = paginate(session, SvcKeysetItem, CursorPagination(1, cursor=first.next_cursor))
        assert (_ids(first), _ids(second), second.has_next) == ([1], [2], False)
        session.execute(insert(SvcKeysetItem), [{**ROWS[2], "id": 30}])
        more = paginate(session, SvcKeysetItem, CursorPagination(1, cursor=second.prev_cursor))
        assert _ids(more) == [1]


def _first_page(session: Session, **options: Any) -> CursorPage[SvcKeysetItem]:
    return paginate(session, SvcKeysetItem, CursorPagination(2, order_by=[("name", "asc")], **options))


def _tampered(token: str) -> str:
    payload, mac = token.split(".")
    return f"{payload[:-2]}{'A' if payload[-2] != 'A' else 'B'}{payload[-1]}.{mac}"


@pytest.mark.parametrize(
    ("make_cursor", "message"),
    [
        pytest.param(
            _tampered,
            "invalid pagination cursor: it was altered, or it was made for another model, ordering or secret",
            id="tampered",
        ),
        pytest.param(
            lambda token: "not a cursor",
            "invalid pagination cursor: it is not a cursor issued by this listing",
            id="garbage",
        ),
        pytest.param(lambda token: "%%%.???", "invalid pagination cursor: it is not valid base64url", id="bad-base64"),
        pytest.param(
            lambda token: token.split(".")[0] + "." + token.split(".")[0],
            "invalid pagination cursor: it was altered, or it was made for another model, ordering or secret",
            id="wrong-mac",
        ),
        pytest.param(
            lambda token: "x" * 5000,
            "invalid pagination cursor: it is not a cursor issued by this listing",
            id="too-long",
        ),
    ],
)
def test_bad_cursors_are_filter_errors_not_sql_errors(
    sync_engine: Engine, sync_tables: Callable[..., None], make_cursor: Callable[[str], str], message: str
) -> None:
    sync_tables(SvcKeysetItem)
    with Session(sync_engine) as session:
        session.execute(insert(SvcKeysetItem), ROWS)
        token = _first_page(session).next_cursor
        assert token is not None
        with pytest.raises(FilterError) as info:
            _first_page(session, cursor=make_cursor(token))
        assert str(info.value) == message


def test_foreign_cursors_are_refused(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(SvcKeysetItem)
    foreign = "invalid pagination cursor: it was altered, or it was made for another model, ordering or secret"
    with Session(sync_engine) as session:
        session.execute(insert(SvcKeysetItem), ROWS)
        token = _first_page(session, secret="s3cret").next_cursor
        assert _ids(_first_page(session, secret=b"s3cret", cursor=token)) == expected_ids([("name", "asc")])[2:4]
        for options in ({}, {"secret": "other"}):
            with pytest.raises(FilterError) as info:
                _first_page(session, cursor=token, **options)
            assert str(info.value) == foreign
        other_order = CursorPagination(2, order_by=[("name", "desc")], cursor=token, secret="s3cret")
        with pytest.raises(FilterError) as info:
            paginate(session, SvcKeysetItem, other_order)
        assert str(info.value) == foreign


def test_a_forged_cursor_with_wrong_value_types_is_refused() -> None:
    from sqlalchemist.pagination._cursor import encode_cursor

    plan = CursorPagination(2, order_by=[("score", "asc")]).plan(SvcKeysetItem)
    fingerprint = plan._fingerprint
    forged = encode_cursor("next", ["high", 3], fingerprint=fingerprint, secret=None)
    with pytest.raises(FilterError) as info:
        CursorPagination(2, order_by=[("score", "asc")], cursor=forged).plan(SvcKeysetItem)
    assert str(info.value) == "invalid pagination cursor: score expects int, got str ('high')"
    forged = encode_cursor("next", [None, 3], fingerprint=fingerprint, secret=None)
    with pytest.raises(FilterError) as info:
        CursorPagination(2, order_by=[("score", "asc")], cursor=forged).plan(SvcKeysetItem)
    assert str(info.value) == "invalid pagination cursor: score cannot be NULL"
    forged = encode_cursor("next", [1], fingerprint=fingerprint, secret=None)
    with pytest.raises(FilterError) as info:
        CursorPagination(2, order_by=[("score", "asc")], cursor=forged).plan(SvcKeysetItem)
    assert str(info.value) == "invalid pagination cursor: expected a direction and 2 key value(s)"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"limit": 0}, "CursorPagination.limit must be an integer >= 1; got 0"),
        ({"limit": True}, "CursorPagination.limit must be an integer >= 1; got True"),
        ({"limit": 2, "direction": "up"}, "CursorPagination.direction must be 'next' or 'prev'; got 'up'"),
    ],
)
def test_invalid_options_are_refused_at_construction(options: dict[str, Any], message: str) -> None:
    with pytest.raises(FilterError) as info:
        CursorPagination(**options)
    assert str(info.value) == message


def test_unknown_ordering_fields_are_clear_errors() -> None:
    with pytest.raises(FilterError) as info:
        CursorPagination(2, order_by=[("nope", "asc")]).plan(SvcKeysetItem)
    assert str(info.value) == (
        "SvcKeysetItem has no column 'nope' to paginate on; its columns are: id, name, score, day"
    )
    with pytest.raises(FilterError) as info:
        CursorPagination(2, order_by=[("name", "up")]).plan(SvcKeysetItem)  # type: ignore[list-item]
    assert str(info.value) == "sort order must be 'asc' or 'desc'; got 'up' for 'name'"


def test_statement_uses_a_where_on_the_key_never_an_offset() -> None:
    first = CursorPagination(10, order_by=[("score", "desc")]).plan(SvcKeysetItem)
    rows = [SvcKeysetItem(id=i, name=None, score=5, day=None) for i in range(11)]
    token = first.page(rows).next_cursor
    statement = CursorPagination(10, order_by=[("score", "desc")], cursor=token).append_to_statement(
        select(SvcKeysetItem), SvcKeysetItem
    )
    sql = str(statement.compile(compile_kwargs={"literal_binds": True}))
    assert "OFFSET" not in sql
    assert "WHERE svc_keyset_item.score <= 5 AND (svc_keyset_item.score < 5 OR " in sql
    assert "ORDER BY svc_keyset_item.score DESC, svc_keyset_item.id ASC" in sql
    assert sql.rstrip().endswith("LIMIT 11")


def test_single_pair_order_by_is_accepted() -> None:
    assert CursorPagination(2, order_by=("name", "desc")).order_by == (("name", "desc"),)
    assert CursorPagination(2, order_by="name").order_by == ("name",)


def test_public_api() -> None:
    import sqlalchemist.pagination as pagination
    from sqlalchemist.filters import StatementFilter

    assert set(pagination.__all__) == {
        "CURSOR_VERSION",
        "CursorPage",
        "CursorPagination",
        "Direction",
        "KeysetPlan",
        "OrderItem",
        "SortOrder",
        "paginate",
        "paginate_async",
    }
    assert isinstance(CursorPagination(1), StatementFilter)


def test_a_repository_or_a_scoped_session_can_run_the_page(
    sync_engine: Engine, sync_tables: Callable[..., None]
) -> None:
    from sqlalchemy.orm import scoped_session, sessionmaker

    from sqlalchemist.repository import SQLAlchemySyncRepository

    class SvcKeysetRepo(SQLAlchemySyncRepository[SvcKeysetItem]):
        model_type = SvcKeysetItem

    sync_tables(SvcKeysetItem)
    scoped = scoped_session(sessionmaker(sync_engine))
    try:
        scoped.execute(insert(SvcKeysetItem), ROWS)
        by_scoped = paginate(scoped, SvcKeysetItem, CursorPagination(3))
        by_repository = paginate(SvcKeysetRepo(session=scoped()), SvcKeysetItem, CursorPagination(3))
        assert _ids(by_scoped) == _ids(by_repository) == [1, 2, 3]
    finally:
        scoped.remove()
    with pytest.raises(TypeError) as info:
        paginate(object(), SvcKeysetItem, CursorPagination(3))
    assert str(info.value).startswith("expected a Session or an object with a .session attribute holding one; got ")


def test_statements_must_select_one_entity() -> None:
    with Session() as session, pytest.raises(FilterError) as info:
        paginate(session, select(SvcKeysetItem.id), CursorPagination(3))
    assert str(info.value).startswith("keyset pagination needs a statement selecting one mapped class")


@pytest.mark.parametrize(
    ("dialect", "expected"),
    [
        ("postgresql", "ORDER BY svc_keyset_item.name DESC NULLS LAST, svc_keyset_item.id ASC"),
        ("sqlite", "ORDER BY svc_keyset_item.name DESC NULLS LAST, svc_keyset_item.id ASC"),
        (
            "mysql",
            "ORDER BY CASE WHEN (svc_keyset_item.name IS NULL) THEN 1 ELSE 0 END ASC, svc_keyset_item.name DESC, "
            "svc_keyset_item.id ASC",
        ),
    ],
)
def test_nullable_keys_order_natively_where_the_dialect_can(dialect: str, expected: str) -> None:
    dialects = {"postgresql": postgresql.dialect(), "sqlite": sqlite.dialect(), "mysql": mysql.dialect()}
    statement = CursorPagination(2, order_by=[("name", "desc")]).append_to_statement(
        select(SvcKeysetItem), SvcKeysetItem
    )
    sql = " ".join(str(statement.compile(dialect=dialects[dialect])).split())
    assert sql.split(" ORDER BY ", 1)[1].split(" LIMIT")[0] == expected.removeprefix("ORDER BY ")
