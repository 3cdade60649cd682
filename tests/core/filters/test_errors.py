"""Bad input to a filter raises FilterError naming what was expected and what was given."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import Date, ForeignKey, Integer, String, select
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sqlalchemist.exceptions import FilterError, SQLAlchemistError
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

COLUMNS = "id, name, dob"


class FltErrBase(DeclarativeBase):
    pass


class FltErrAuthor(FltErrBase):
    __tablename__ = "flt_err_author"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    dob: Mapped[date | None] = mapped_column(Date)
    books: Mapped[list[FltErrBook]] = relationship(back_populates="author")

    @hybrid_property
    def double_id(self) -> int:
        return self.id * 2


class FltErrBook(FltErrBase):
    __tablename__ = "flt_err_book"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("flt_err_author.id"))
    author: Mapped[FltErrAuthor] = relationship(back_populates="books")


def apply(item: StatementFilter, model: type[Any] = FltErrAuthor) -> str:
    return str(item.append_to_statement(select(FltErrAuthor.id), model).compile())


@pytest.mark.parametrize(
    "item",
    [
        SearchFilter("nme", "x"),
        SearchFilter({"name", "nme"}, "x"),
        NotInSearchFilter("nme", "x"),
        OrderBy("nme"),
        OrderBy("nme", nulls="last"),
        CollectionFilter("nme", [1]),
        CollectionFilter[int]("nme", None),
        NotInCollectionFilter("nme", [1]),
        BeforeAfter("nme", None, None),
        OnBeforeAfter("nme", None, None),
        ComparisonFilter("nme", "eq", 1),
        NullFilter("nme"),
        NotNullFilter("nme"),
        FilterGroup([NullFilter("name"), FilterGroup([NullFilter("nme")])], "or"),
    ],
    ids=lambda item: type(item).__name__,
)
def test_unknown_field_is_named_with_the_known_columns(item: StatementFilter) -> None:
    with pytest.raises(FilterError) as caught:
        apply(item)
    assert str(caught.value) == f"FltErrAuthor has no column 'nme' to filter on; its columns are: {COLUMNS}"


def test_field_of_another_kind_is_refused() -> None:
    with pytest.raises(FilterError) as caught:
        apply(NullFilter(5))  # type: ignore[arg-type]
    assert str(caught.value) == "expected a column name or a mapped attribute to filter FltErrAuthor on; got 5"


def test_relationship_is_not_a_column() -> None:
    with pytest.raises(FilterError) as caught:
        apply(SearchFilter("books", "x"))
    assert str(caught.value) == f"FltErrAuthor has no column 'books' to filter on; its columns are: {COLUMNS}"


def test_hybrid_property_is_accepted() -> None:
    assert apply(NotNullFilter("double_id")).endswith("WHERE flt_err_author.id * :id_1 IS NOT NULL")


def test_unmapped_class_is_refused() -> None:
    class NotMapped:
        pass

    with pytest.raises(FilterError) as caught:
        apply(NullFilter("name"), NotMapped)
    assert str(caught.value) == f"filters apply to mapped classes; got {NotMapped!r}, which is not mapped"


def test_filter_error_is_a_sqlalchemist_error() -> None:
    assert issubclass(FilterError, SQLAlchemistError)


def test_unknown_operator_lists_the_valid_ones() -> None:
    with pytest.raises(FilterError) as caught:
        ComparisonFilter("name", "equals", "x")
    assert str(caught.value) == (
        "ComparisonFilter has no operator 'equals'; valid operators are: eq, ne, gt, ge, lt, le, in, notin, "
        "between, like, ilike, contains, icontains, startswith, istartswith, endswith, iendswith"
    )


@pytest.mark.parametrize("value", [5, "ab", (1, 2, 3), [1], None])
def test_between_needs_a_pair(value: Any) -> None:
    with pytest.raises(FilterError) as caught:
        ComparisonFilter("id", "between", value)
    assert str(caught.value) == f"ComparisonFilter operator 'between' expects a (low, high) pair; got {value!r}"


@pytest.mark.parametrize(("operator", "value"), [("in", "abc"), ("notin", 3), ("in", None)])
def test_in_needs_a_collection(operator: str, value: Any) -> None:
    with pytest.raises(FilterError) as caught:
        ComparisonFilter("id", operator, value)
    assert str(caught.value) == f"ComparisonFilter operator {operator!r} expects a collection of values; got {value!r}"


@pytest.mark.parametrize("operator", ["like", "ilike", "contains", "startswith", "iendswith"])
def test_text_operators_need_a_string(operator: str) -> None:
    with pytest.raises(FilterError) as caught:
        ComparisonFilter("name", operator, 5)
    assert str(caught.value) == f"ComparisonFilter operator {operator!r} expects a string; got 5"


@pytest.mark.parametrize(
    ("limit", "offset", "message"),
    [
        (-1, 0, "LimitOffset.limit must be an integer >= 0; got -1"),
        (10, -5, "LimitOffset.offset must be an integer >= 0; got -5"),
        (2.5, 0, "LimitOffset.limit must be an integer >= 0; got 2.5"),
        (True, 0, "LimitOffset.limit must be an integer >= 0; got True"),
    ],
)
def test_limit_offset_must_not_be_negative(limit: Any, offset: Any, message: str) -> None:
    with pytest.raises(FilterError) as caught:
        LimitOffset(limit, offset)
    assert str(caught.value) == message


def test_order_by_checks_its_options() -> None:
    with pytest.raises(FilterError, match=r"^OrderBy.sort_order must be 'asc' or 'desc'; got 'up'$"):
        OrderBy("name", "up")  # type: ignore[arg-type]
    with pytest.raises(FilterError, match=r"^OrderBy.nulls must be None, 'first' or 'last'; got 'middle'$"):
        OrderBy("name", nulls="middle")  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", [CollectionFilter, NotInCollectionFilter])
def test_collection_values_must_be_a_collection(cls: type[CollectionFilter[Any]]) -> None:
    with pytest.raises(FilterError) as caught:
        cls("name", "abc")
    assert str(caught.value) == f"{cls.__name__}.values must be a collection of values or None; got 'abc'"


def test_search_needs_at_least_one_field() -> None:
    with pytest.raises(FilterError) as caught:
        apply(SearchFilter(set(), "x"))
    assert str(caught.value) == "expected at least one field to filter FltErrAuthor on; got an empty set"


def test_filter_group_refuses_an_unknown_operator() -> None:
    with pytest.raises(FilterError) as caught:
        FilterGroup([NullFilter("name")], "xor")  # type: ignore[arg-type]
    assert str(caught.value) == "FilterGroup.logical_operator must be 'and', 'or', and_ or or_; got 'xor'"


def test_filter_group_refuses_members_without_a_where_clause() -> None:
    with pytest.raises(FilterError) as caught:
        FilterGroup([NullFilter("name"), LimitOffset(1, 0)], "or")
    assert str(caught.value) == (
        "FilterGroup members must be WHERE filters or SQL conditions; got LimitOffset "
        "(LimitOffset(limit=1, offset=0)), which cannot be combined with or"
    )


@pytest.mark.parametrize("cls", [ExistsFilter, NotExistsFilter])
def test_exists_refuses_an_unknown_operator(cls: type[ExistsFilter]) -> None:
    with pytest.raises(FilterError) as caught:
        cls([FltErrBook.author_id == FltErrAuthor.id], "nand")  # type: ignore[arg-type]
    assert str(caught.value) == f"{cls.__name__}.operator must be 'and' or 'or'; got 'nand'"
