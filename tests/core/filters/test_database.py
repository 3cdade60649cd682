"""Each filter returns exactly the expected rows on every backend."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import Select, and_, delete, insert, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine

from sqlalchemist.filters import (
    BeforeAfter,
    CollectionFilter,
    ComparisonFilter,
    ExistsFilter,
    FilterGroup,
    LimitOffset,
    NotExistsFilter,
    NotInCollectionFilter,
    NotInSearchFilter,
    NotNullFilter,
    NullFilter,
    OnBeforeAfter,
    OrderBy,
    SearchFilter,
    StatementFilter,
)
from tests.core.filters._models import PEOPLE, PETS, FltPerson, FltPet, utc

ALL = [1, 2, 3, 4, 5]

SEARCH: dict[str, tuple[list[StatementFilter], list[int]]] = {
    "search_ignore_case_lower": ([SearchFilter("name", "al", ignore_case=True)], [1, 3]),
    "search_ignore_case_upper": ([SearchFilter("name", "AL", ignore_case=True)], [1, 3]),
    "search_attribute": ([SearchFilter(FltPerson.name, "ob")], [2]),
    "search_percent_is_literal": ([SearchFilter("note", "50%")], [1]),
    "search_percent_as_wildcard": ([SearchFilter("note", "50%", escape=False)], [1, 2]),
    "search_underscore_is_literal": ([SearchFilter({"name", "note"}, "a_", ignore_case=True)], [4]),
    "search_underscore_as_wildcard": (
        [SearchFilter({"name", "note"}, "a_", ignore_case=True, escape=False)],
        [1, 3, 4],
    ),
    "search_escape_char_is_literal": ([SearchFilter("note", "b/c")], [4]),
    "search_empty_value": ([SearchFilter("name", "")], ALL),
    "search_fields_as_attributes": (
        [SearchFilter([FltPerson.name, FltPerson.note], "e", ignore_case=True)],
        [1, 2, 3, 5],
    ),
    "not_in_search": ([NotInSearchFilter("note", "50%")], [2, 4]),
    "not_in_search_fields": ([NotInSearchFilter({"name", "note"}, "A", ignore_case=True)], [2]),
}

MEMBERSHIP: dict[str, tuple[list[StatementFilter], list[int]]] = {
    "in": ([CollectionFilter("id", [1, 3])], [1, 3]),
    "in_empty": ([CollectionFilter("id", [])], []),
    "in_none": ([CollectionFilter[int]("id", None)], ALL),
    "not_in": ([NotInCollectionFilter("id", {1, 3})], [2, 4, 5]),
    "not_in_empty": ([NotInCollectionFilter("id", [])], ALL),
    "not_in_none": ([NotInCollectionFilter[int]("id", None)], ALL),
    "in_with_none": ([CollectionFilter("age", [25, None])], [2, 3, 5]),
    "in_only_none": ([CollectionFilter("age", [None])], [3, 5]),
    "not_in_leaves_nulls_out": ([NotInCollectionFilter("age", [25])], [1, 4]),
    "not_in_with_none": ([NotInCollectionFilter("age", [25, None])], [1, 4]),
    "not_in_only_none": ([NotInCollectionFilter("age", [None])], [1, 2, 4]),
    "before_after": ([BeforeAfter("created_at", before=utc(4), after=utc(2))], [3]),
    "after_only": ([BeforeAfter("created_at", before=None, after=utc(4))], [5]),
    "on_before_after": ([OnBeforeAfter("created_at", on_or_before=utc(4), on_or_after=utc(2))], [2, 3, 4]),
    "on_or_before_only": ([OnBeforeAfter(FltPerson.created_at, on_or_before=utc(2), on_or_after=None)], [1, 2]),
    "null": ([NullFilter("note")], [3, 5]),
    "not_null": ([NotNullFilter("age")], [1, 2, 4]),
    "exists": ([ExistsFilter([FltPet.owner_id == FltPerson.id, FltPet.kind == "cat"])], [1, 4]),
    "exists_or": (
        [
            ExistsFilter(
                [
                    and_(FltPet.owner_id == FltPerson.id, FltPet.kind == "dog"),
                    and_(FltPet.owner_id == FltPerson.id, FltPet.kind == "cat"),
                ],
                operator="or",
            )
        ],
        [1, 2, 4],
    ),
    "exists_on_model_only": ([ExistsFilter([FltPerson.age > 30])], [4]),
    "not_exists": ([NotExistsFilter([FltPet.owner_id == FltPerson.id])], [3, 5]),
    "not_exists_empty": ([NotExistsFilter([])], ALL),
}

COMPARISON: dict[str, tuple[list[StatementFilter], list[int]]] = {
    "eq": ([ComparisonFilter("name", "eq", "bob")], [2]),
    "eq_bool": ([ComparisonFilter("active", "eq", True)], [1, 3, 5]),
    "ne": ([ComparisonFilter("age", "ne", 30)], [2, 4]),
    "gt": ([ComparisonFilter("age", "gt", 30)], [4]),
    "ge": ([ComparisonFilter("age", "ge", 30)], [1, 4]),
    "lt": ([ComparisonFilter("age", "lt", 30)], [2]),
    "le": ([ComparisonFilter("age", "le", 30)], [1, 2]),
    "in": ([ComparisonFilter("age", "in", [25, 35])], [2, 4]),
    "notin": ([ComparisonFilter("age", "notin", (25,))], [1, 4]),
    "in_nothing": ([ComparisonFilter("age", "in", [])], []),
    "notin_nothing": ([ComparisonFilter("age", "notin", [])], ALL),
    "in_with_none": ([ComparisonFilter("age", "in", [None, 30])], [1, 3, 5]),
    "between": ([ComparisonFilter("age", "between", (25, 30))], [1, 2]),
    "between_dates": ([ComparisonFilter("created_at", "between", [utc(2), utc(3)])], [2, 3]),
    "like": ([ComparisonFilter("name", "like", "%_x")], [4]),
    "ilike": ([ComparisonFilter("name", "ilike", "a%")], [1, 3]),
    "contains": ([ComparisonFilter("note", "contains", "%")], [1]),
    "icontains": ([ComparisonFilter("name", "icontains", "B")], [2, 3]),
    "startswith_escapes": ([ComparisonFilter("note", "startswith", "50%")], [1]),
    "istartswith": ([ComparisonFilter("name", "istartswith", "al")], [1, 3]),
    "endswith_escapes": ([ComparisonFilter("name", "endswith", "_x")], [4]),
    "iendswith": ([ComparisonFilter("name", "iendswith", "E")], [1, 5]),
}

GROUPS_AND_ORDER: dict[str, tuple[list[StatementFilter], list[int]]] = {
    "group_or": ([FilterGroup([CollectionFilter("id", [1]), SearchFilter("name", "EVE", True)], "or")], [1, 5]),
    "group_and": ([FilterGroup([NotNullFilter("note"), ComparisonFilter("active", "eq", False)])], [2, 4]),
    "group_nested": (
        [
            FilterGroup(
                [
                    NullFilter("note"),
                    FilterGroup([ComparisonFilter("age", "ge", 30), ComparisonFilter("active", "eq", False)], and_),
                ],
                logical_operator=or_,
            )
        ],
        [3, 4, 5],
    ),
    "group_sql_conditions": ([FilterGroup([FltPerson.age < 26, FltPerson.name == "Eve"], "or")], [2, 5]),
    "group_nothing_to_restrict": ([FilterGroup([CollectionFilter[int]("id", None)], "or")], ALL),
    "group_with_empty_collection": ([FilterGroup([CollectionFilter("id", []), NullFilter("age")], "or")], [3, 5]),
    "order_asc_nulls_first": ([OrderBy("age", "asc", nulls="first")], [3, 5, 2, 1, 4]),
    "order_asc_nulls_last": ([OrderBy("age", "asc", nulls="last")], [2, 1, 4, 3, 5]),
    "order_desc_nulls_first": ([OrderBy("age", "desc", nulls="first")], [3, 5, 4, 1, 2]),
    "order_desc_nulls_last": ([OrderBy(FltPerson.age, "desc", nulls="last")], [4, 1, 2, 3, 5]),
    "order_desc": ([OrderBy("created_at", "desc")], [5, 4, 3, 2, 1]),
    "limit_offset": ([OrderBy("created_at"), LimitOffset(2, 1)], [2, 3]),
    "limit_zero": ([LimitOffset(0, 0)], []),
    "offset_past_end": ([LimitOffset(10, 5)], []),
    "combined": (
        [SearchFilter("name", "a", ignore_case=True), OrderBy("age", "desc", nulls="last"), LimitOffset(2, 0)],
        [4, 1],
    ),
}

CASES = {**SEARCH, **MEMBERSHIP, **COMPARISON, **GROUPS_AND_ORDER}


def build(filters: list[StatementFilter]) -> Select[Any]:
    statement: Select[Any] = select(FltPerson.id)
    for item in filters:
        statement = item.append_to_statement(statement, FltPerson)
    return statement.order_by(FltPerson.id)


async def test_every_filter_async(async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]) -> None:
    await async_tables(FltPerson, FltPet)
    async with async_engine.begin() as conn:
        await conn.execute(insert(FltPerson), PEOPLE)
        await conn.execute(insert(FltPet), PETS)
    got: dict[str, list[int]] = {}
    async with async_engine.connect() as conn:
        for name, (filters, _) in CASES.items():
            got[name] = list((await conn.execute(build(filters))).scalars())
    assert got == {name: expected for name, (_, expected) in CASES.items()}


def test_every_filter_sync(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(FltPerson, FltPet)
    with sync_engine.begin() as conn:
        conn.execute(insert(FltPerson), PEOPLE)
        conn.execute(insert(FltPet), PETS)
    got: dict[str, list[int]] = {}
    with sync_engine.connect() as conn:
        for name, (filters, _) in CASES.items():
            got[name] = list(conn.execute(build(filters)).scalars())
    assert got == {name: expected for name, (_, expected) in CASES.items()}


async def test_where_clause_counts_and_deletes(
    async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]
) -> None:
    await async_tables(FltPerson, FltPet)
    async with async_engine.begin() as conn:
        await conn.execute(insert(FltPerson), PEOPLE)
        clause = FilterGroup([NullFilter("note"), SearchFilter("name", "bob")], "or").to_where_clause(FltPerson)
        assert clause is not None
        deleted = await conn.execute(delete(FltPerson).where(clause))
        assert deleted.rowcount == 3
        remaining = list((await conn.execute(select(FltPerson.id).order_by(FltPerson.id))).scalars())
    assert remaining == [1, 4]
