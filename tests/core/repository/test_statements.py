"""Statement building without a database: compiled SQL per dialect, chunking, load and order specifications."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.orm import joinedload

import sqlalchemist.repository as repository
from sqlalchemist.exceptions import FilterError, ImproperConfigurationError
from sqlalchemist.repository import SQLAlchemyAsyncRepository
from sqlalchemist.repository._loading import loader_options
from sqlalchemist.repository._statements import (
    apply_order_by,
    bind_parameter_limit,
    chunked,
    count_statement,
    ids_clause,
    upsert_statement,
)
from tests.core.repository._models import RepoAuthor, RepoBook, RepoCounter, RepoOrderLine

DIALECTS: dict[str, Any] = {"postgresql": postgresql.dialect(), "sqlite": sqlite.dialect(), "mysql": mysql.dialect()}


def sql(statement: Any, dialect: str = "sqlite") -> str:
    return " ".join(str(statement.compile(dialect=DIALECTS[dialect])).split())


def test_public_names() -> None:
    assert set(repository.__all__) == {
        "FilterArg",
        "LoadSpec",
        "ModelT",
        "OrderingPair",
        "SQLAlchemyAsyncQueryRepository",
        "SQLAlchemyAsyncRepository",
        "SQLAlchemyAsyncSlugRepository",
        "SQLAlchemySyncQueryRepository",
        "SQLAlchemySyncRepository",
        "SQLAlchemySyncSlugRepository",
        "get_instrumented_attr",
        "model_from_dict",
    }
    assert all(hasattr(repository, name) for name in repository.__all__)


@pytest.mark.parametrize("dialect", ["postgresql", "sqlite"])
def test_upsert_on_conflict_keeps_primary_key(dialect: str) -> None:
    statement = upsert_statement(RepoCounter, dialect, frozenset({"id", "label", "hits"}), ("label",), returning=True)
    text = sql(statement, dialect)
    assert "ON CONFLICT (label) DO UPDATE SET hits = excluded.hits RETURNING" in text
    assert "SET id" not in text


def test_upsert_on_duplicate_key_for_mysql() -> None:
    statement = upsert_statement(RepoCounter, "mysql", frozenset({"label", "hits"}), ("label",), returning=False)
    assert sql(statement, "mysql").endswith("ON DUPLICATE KEY UPDATE label = VALUES(label), hits = VALUES(hits)")


def test_upsert_with_only_match_columns_still_returns_the_row() -> None:
    statement = upsert_statement(RepoCounter, "sqlite", frozenset({"label"}), ("label",), returning=True)
    assert "DO UPDATE SET label = excluded.label" in sql(statement)


def test_upsert_statement_is_built_once() -> None:
    first = upsert_statement(RepoCounter, "sqlite", frozenset({"label"}), ("label",), returning=True)
    assert upsert_statement(RepoCounter, "sqlite", frozenset({"label"}), ("label",), returning=True) is first


def test_upsert_rejects_unknown_dialect() -> None:
    with pytest.raises(ImproperConfigurationError, match="got dialect 'oracle'"):
        upsert_statement(RepoCounter, "oracle", frozenset({"label"}), ("label",), returning=False)


def test_bind_limits_and_chunks() -> None:
    assert bind_parameter_limit("postgresql") == 32757
    assert bind_parameter_limit("mysql") == 65525
    assert bind_parameter_limit("unknown") == 989
    assert [list(c) for c in chunked([1, 2, 3, 4, 5], 2)] == [[1, 2], [3, 4], [5]]
    assert list(chunked([], 3)) == []


def test_composite_id_clause() -> None:
    assert (
        sql(ids_clause(RepoOrderLine, "id", (1, 2))) == "repo_order_line.order_no = ? AND repo_order_line.line_no = ?"
    )
    with pytest.raises(FilterError, match="primary key of 2 columns; got 1 value"):
        ids_clause(RepoOrderLine, "id", (1,))
    with pytest.raises(ImproperConfigurationError, match="RepoCounter has no attribute 'code'"):
        ids_clause(RepoCounter, "code", 1)


def test_order_by_forms() -> None:
    base = select(RepoAuthor.id)
    assert sql(apply_order_by(base, RepoAuthor, "name")).endswith("ORDER BY repo_author.name ASC")
    assert sql(apply_order_by(base, RepoAuthor, ("name", True))).endswith("ORDER BY repo_author.name DESC")
    both = apply_order_by(base, RepoAuthor, [("name", False), RepoAuthor.email.desc()])
    assert sql(both).endswith("ORDER BY repo_author.name ASC, repo_author.email DESC")
    with pytest.raises(FilterError, match="RepoAuthor has no column 'nope'"):
        apply_order_by(base, RepoAuthor, "nope")


def test_count_statement_without_and_with_subquery() -> None:
    base = select(RepoAuthor).where(RepoAuthor.name == "Ann").order_by(RepoAuthor.name)
    plain = sql(count_statement(base, is_custom=False))
    assert plain == "SELECT count(*) AS count_1 FROM repo_author WHERE repo_author.name = ?"
    assert "FROM (SELECT" in sql(count_statement(base, is_custom=True))


def test_loader_options() -> None:
    (books,) = loader_options(RepoAuthor, [RepoAuthor.books])
    assert books.context[0].strategy == (("lazy", "selectin"),)  # type: ignore[attr-defined]
    (author,) = loader_options(RepoBook, "author")
    assert author.context[0].strategy == (("lazy", "joined"),)  # type: ignore[attr-defined]
    assert len(loader_options(RepoAuthor, "books", inherit_lazy=False)) == 2
    option = joinedload(RepoAuthor.books)
    assert loader_options(RepoAuthor, option) == (option,)
    assert loader_options(RepoAuthor, None) == ()
    with pytest.raises(ImproperConfigurationError, match="RepoAuthor has no relationship 'pages'"):
        loader_options(RepoAuthor, "pages")
    (name,) = loader_options(RepoAuthor, [RepoAuthor.name])
    assert name.context[0].strategy == (("deferred", False), ("instrument", True))  # type: ignore[attr-defined]
    with pytest.raises(ImproperConfigurationError, match="load= expects relationships, column attributes"):
        loader_options(RepoAuthor, 42)


def test_repository_without_model_type() -> None:
    class Nameless(SQLAlchemyAsyncRepository[RepoAuthor]):
        pass

    with pytest.raises(ImproperConfigurationError, match=r"Nameless.model_type is not set"):
        Nameless(session=None)  # type: ignore[arg-type]
