"""The SQL each filter renders on PostgreSQL, SQLite and MySQL/MariaDB, with its bound parameters."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import ForeignKey, Integer, String, and_, or_, select
from sqlalchemy.dialects import mssql, mysql, postgresql, sqlite
from sqlalchemy.dialects.mysql.mariadb import MariaDBDialect
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sqlalchemist.filters import (
    CollectionFilter,
    ComparisonFilter,
    ExistsFilter,
    FilterGroup,
    LimitOffset,
    NotExistsFilter,
    NotInCollectionFilter,
    NotInSearchFilter,
    OrderBy,
    SearchFilter,
    StatementFilter,
)

DIALECTS: dict[str, Dialect] = {
    "postgresql": postgresql.dialect(),  # type: ignore[no-untyped-call]
    "sqlite": sqlite.dialect(),
    "mysql": mysql.dialect(),
    "mariadb": MariaDBDialect(),
    "mssql": mssql.dialect(),  # type: ignore[no-untyped-call]
}


class FltCompileBase(DeclarativeBase):
    pass


class FltCompileAuthor(FltCompileBase):
    __tablename__ = "flt_compile_author"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    bio: Mapped[str | None] = mapped_column(String(200))


class FltCompileBook(FltCompileBase):
    __tablename__ = "flt_compile_book"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("flt_compile_author.id"))
    title: Mapped[str] = mapped_column(String(50))


def render(item: StatementFilter, dialect: str) -> tuple[str, dict[str, Any]]:
    """Return the statement's text after the FROM clause, on one line, and its parameters.

    PostgreSQL bind casts such as ``::VARCHAR``, which SQLAlchemy 2.1 renders and 2.0 does not, are removed.
    """
    statement = item.append_to_statement(select(FltCompileAuthor.id), FltCompileAuthor)
    compiled = statement.compile(dialect=DIALECTS[dialect], compile_kwargs={"render_postcompile": True})
    text = re.sub(r"::[A-Z]+", "", " ".join(str(compiled).split()))
    return text.split("FROM flt_compile_author", 1)[1].strip(), dict(compiled.params)


@pytest.mark.parametrize(
    ("dialect", "sql"),
    [
        ("postgresql", "WHERE flt_compile_author.name LIKE %(name_1)s ESCAPE '/'"),
        ("sqlite", "WHERE flt_compile_author.name LIKE ? ESCAPE '/'"),
        ("mysql", "WHERE flt_compile_author.name LIKE %s ESCAPE '/'"),
    ],
)
def test_search_escapes_wildcards_into_one_bound_pattern(dialect: str, sql: str) -> None:
    assert render(SearchFilter("name", "50%_/x"), dialect) == (sql, {"name_1": "%50/%/_//x%"})


@pytest.mark.parametrize(
    ("dialect", "sql"),
    [
        (
            "postgresql",
            "WHERE flt_compile_author.bio ILIKE %(bio_1)s ESCAPE '/' "
            "OR flt_compile_author.name ILIKE %(name_1)s ESCAPE '/'",
        ),
        (
            "sqlite",
            "WHERE lower(flt_compile_author.bio) LIKE lower(?) ESCAPE '/' "
            "OR lower(flt_compile_author.name) LIKE lower(?) ESCAPE '/'",
        ),
        (
            "mysql",
            "WHERE lower(flt_compile_author.bio) LIKE lower(%s) ESCAPE '/' "
            "OR lower(flt_compile_author.name) LIKE lower(%s) ESCAPE '/'",
        ),
    ],
)
def test_search_ignoring_case_over_several_fields(dialect: str, sql: str) -> None:
    assert render(SearchFilter({"name", "bio"}, "Ann", ignore_case=True), dialect) == (
        sql,
        {"bio_1": "%Ann%", "name_1": "%Ann%"},
    )


def test_search_without_escaping_keeps_wildcards() -> None:
    assert render(SearchFilter("name", "a%b", escape=False), "sqlite") == (
        "WHERE flt_compile_author.name LIKE ?",
        {"name_1": "%a%b%"},
    )


def test_not_in_search_ands_the_negated_fields() -> None:
    assert render(NotInSearchFilter(["name", "bio"], "x"), "sqlite") == (
        "WHERE flt_compile_author.name NOT LIKE ? ESCAPE '/' AND flt_compile_author.bio NOT LIKE ? ESCAPE '/'",
        {"name_1": "%x%", "bio_1": "%x%"},
    )


@pytest.mark.parametrize(
    ("dialect", "sql"),
    [
        ("postgresql", "ORDER BY flt_compile_author.bio DESC NULLS FIRST"),
        ("sqlite", "ORDER BY flt_compile_author.bio DESC NULLS FIRST"),
        (
            "mysql",
            "ORDER BY CASE WHEN (flt_compile_author.bio IS NULL) THEN 0 ELSE 1 END ASC, flt_compile_author.bio DESC",
        ),
        (
            "mariadb",
            "ORDER BY CASE WHEN (flt_compile_author.bio IS NULL) THEN 0 ELSE 1 END ASC, flt_compile_author.bio DESC",
        ),
        (
            "mssql",
            "ORDER BY CASE WHEN (flt_compile_author.bio IS NULL) THEN 0 ELSE 1 END ASC, flt_compile_author.bio DESC",
        ),
    ],
)
def test_nulls_first_is_native_or_emulated(dialect: str, sql: str) -> None:
    assert render(OrderBy("bio", "desc", nulls="first"), dialect) == (sql, {})


@pytest.mark.parametrize(
    ("dialect", "sql"),
    [
        ("postgresql", "ORDER BY flt_compile_author.bio ASC NULLS LAST"),
        (
            "mysql",
            "ORDER BY CASE WHEN (flt_compile_author.bio IS NULL) THEN 1 ELSE 0 END ASC, flt_compile_author.bio ASC",
        ),
    ],
)
def test_nulls_last_is_native_or_emulated(dialect: str, sql: str) -> None:
    assert render(OrderBy("bio", nulls="last"), dialect) == (sql, {})


def test_order_without_nulls_option_is_plain() -> None:
    assert render(OrderBy(FltCompileAuthor.name, "desc"), "mysql") == ("ORDER BY flt_compile_author.name DESC", {})


def test_nulls_ordering_statements_are_cached_apart() -> None:
    first = OrderBy("bio", nulls="first").append_to_statement(select(FltCompileAuthor.id), FltCompileAuthor)
    last = OrderBy("bio", nulls="last").append_to_statement(select(FltCompileAuthor.id), FltCompileAuthor)
    again = OrderBy("bio", nulls="first").append_to_statement(select(FltCompileAuthor.id), FltCompileAuthor)
    first_key, last_key, again_key = (s._generate_cache_key() for s in (first, last, again))
    assert first_key is not None
    assert first_key != last_key
    assert first_key == again_key


@pytest.mark.parametrize(
    ("dialect", "sql"),
    [("postgresql", "WHERE false"), ("sqlite", "WHERE 0 = 1"), ("mysql", "WHERE false = 1")],
)
def test_empty_collection_matches_no_rows(dialect: str, sql: str) -> None:
    assert render(CollectionFilter("id", []), dialect) == (sql, {})


def test_collection_binds_each_value() -> None:
    assert render(CollectionFilter("id", [3, 1]), "sqlite") == (
        "WHERE flt_compile_author.id IN (?, ?)",
        {"id_1_1": 3, "id_1_2": 1},
    )


def test_none_among_the_values_means_is_null() -> None:
    assert render(CollectionFilter("bio", ["a", None]), "sqlite") == (
        "WHERE flt_compile_author.bio IN (?) OR flt_compile_author.bio IS NULL",
        {"bio_1_1": "a"},
    )
    assert render(NotInCollectionFilter("bio", ["a", None]), "sqlite") == (
        "WHERE (flt_compile_author.bio NOT IN (?)) AND flt_compile_author.bio IS NOT NULL",
        {"bio_1_1": "a"},
    )


@pytest.mark.parametrize("values", [None, []])
def test_not_in_collection_without_values_restricts_nothing(values: list[int] | None) -> None:
    assert render(NotInCollectionFilter("id", values), "sqlite") == ("", {})


def test_limit_offset_binds_both() -> None:
    assert render(LimitOffset(10, 20), "postgresql") == (
        "LIMIT %(param_1)s OFFSET %(param_2)s",
        {"param_1": 10, "param_2": 20},
    )


@pytest.mark.parametrize(
    ("operator", "value", "sql", "params"),
    [
        ("eq", "x", "flt_compile_author.name = ?", {"name_1": "x"}),
        ("ne", "x", "flt_compile_author.name != ?", {"name_1": "x"}),
        ("gt", "x", "flt_compile_author.name > ?", {"name_1": "x"}),
        ("ge", "x", "flt_compile_author.name >= ?", {"name_1": "x"}),
        ("lt", "x", "flt_compile_author.name < ?", {"name_1": "x"}),
        ("le", "x", "flt_compile_author.name <= ?", {"name_1": "x"}),
        ("in", ["a", "b"], "flt_compile_author.name IN (?, ?)", {"name_1_1": "a", "name_1_2": "b"}),
        ("notin", ("a",), "(flt_compile_author.name NOT IN (?))", {"name_1_1": "a"}),
        ("between", ("a", "m"), "flt_compile_author.name BETWEEN ? AND ?", {"name_1": "a", "name_2": "m"}),
        ("like", "a%", "flt_compile_author.name LIKE ?", {"name_1": "a%"}),
        ("ilike", "a%", "lower(flt_compile_author.name) LIKE lower(?)", {"name_1": "a%"}),
        ("contains", "5%", "flt_compile_author.name LIKE ? ESCAPE '/'", {"name_1": "%5/%%"}),
        ("icontains", "5%", "lower(flt_compile_author.name) LIKE lower(?) ESCAPE '/'", {"name_1": "%5/%%"}),
        ("startswith", "a_", "flt_compile_author.name LIKE ? ESCAPE '/'", {"name_1": "a/_%"}),
        ("istartswith", "a_", "lower(flt_compile_author.name) LIKE lower(?) ESCAPE '/'", {"name_1": "a/_%"}),
        ("endswith", "_a", "flt_compile_author.name LIKE ? ESCAPE '/'", {"name_1": "%/_a"}),
        ("iendswith", "_a", "lower(flt_compile_author.name) LIKE lower(?) ESCAPE '/'", {"name_1": "%/_a"}),
    ],
)
def test_comparison_operators(operator: str, value: Any, sql: str, params: dict[str, Any]) -> None:
    assert render(ComparisonFilter("name", operator, value), "sqlite") == (f"WHERE {sql}", params)


def test_filter_group_nests_and_inside_or() -> None:
    group = FilterGroup(
        [
            ComparisonFilter("id", "eq", 1),
            FilterGroup([ComparisonFilter("name", "eq", "a"), FltCompileAuthor.bio.is_(None)], "and"),
        ],
        logical_operator="or",
    )
    assert render(group, "sqlite") == (
        "WHERE flt_compile_author.id = ? OR flt_compile_author.name = ? AND flt_compile_author.bio IS NULL",
        {"id_1": 1, "name_1": "a"},
    )


def test_filter_group_accepts_the_operator_first() -> None:
    group = FilterGroup(or_, [ComparisonFilter("id", "eq", 1), ComparisonFilter("id", "eq", 2)])  # type: ignore[arg-type]
    assert (group.logical_operator, len(group.filters)) == (or_, 2)
    assert render(group, "sqlite") == (
        "WHERE flt_compile_author.id = ? OR flt_compile_author.id = ?",
        {"id_1": 1, "id_2": 2},
    )


def test_exists_correlates_the_model() -> None:
    item = ExistsFilter([FltCompileBook.author_id == FltCompileAuthor.id, FltCompileBook.title == "x"])
    assert render(item, "postgresql") == (
        "WHERE EXISTS (SELECT 1 FROM flt_compile_book WHERE flt_compile_book.author_id = flt_compile_author.id "
        "AND flt_compile_book.title = %(title_1)s)",
        {"title_1": "x"},
    )


def test_not_exists_with_or() -> None:
    item = NotExistsFilter(
        [and_(FltCompileBook.author_id == FltCompileAuthor.id), FltCompileBook.title == "x"], operator="or"
    )
    assert render(item, "sqlite") == (
        "WHERE NOT (EXISTS (SELECT 1 FROM flt_compile_book WHERE flt_compile_book.author_id = flt_compile_author.id "
        "OR flt_compile_book.title = ?))",
        {"title_1": "x"},
    )


def test_where_clause_is_none_when_nothing_is_restricted() -> None:
    assert CollectionFilter[int]("id", None).to_where_clause(FltCompileAuthor) is None
    assert SearchFilter("name", "").to_where_clause(FltCompileAuthor) is None
    assert FilterGroup([]).to_where_clause(FltCompileAuthor) is None
    assert ExistsFilter([]).to_where_clause(FltCompileAuthor) is None
