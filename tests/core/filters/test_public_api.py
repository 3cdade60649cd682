"""The public names of sqlalchemist.filters and the behaviour they share."""

from __future__ import annotations

import dataclasses
import typing

import pytest

import sqlalchemist.filters as filters_module
from sqlalchemist.filters import (
    BeforeAfter,
    CollectionFilter,
    ComparisonFilter,
    ExistsFilter,
    FilterGroup,
    FilterTypes,
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
    WhereFilter,
)


def test_all_is_exactly_the_public_api() -> None:
    assert set(filters_module.__all__) == {
        "COMPARISON_OPERATORS",
        "ESCAPE_CHAR",
        "BeforeAfter",
        "CollectionFilter",
        "ComparisonFilter",
        "ComparisonOperator",
        "ExistsFilter",
        "Field",
        "FilterGroup",
        "FilterTypes",
        "InAnyFilter",
        "LimitOffset",
        "LogicalOperator",
        "NotExistsFilter",
        "NotInCollectionFilter",
        "NotInSearchFilter",
        "NotNullFilter",
        "NullFilter",
        "NullsOrder",
        "OnBeforeAfter",
        "OrderBy",
        "PaginationFilter",
        "SearchFilter",
        "SortOrder",
        "StatementFilter",
        "WhereFilter",
        "escape_like",
        "order_by_clause",
        "resolve_field",
    }
    for name in filters_module.__all__:
        assert hasattr(filters_module, name), name


def test_filter_types_is_the_union_of_every_filter() -> None:
    members = {typing.get_origin(member) or member for member in typing.get_args(FilterTypes)}
    assert members == {
        BeforeAfter,
        OnBeforeAfter,
        CollectionFilter,
        NotInCollectionFilter,
        LimitOffset,
        OrderBy,
        SearchFilter,
        NotInSearchFilter,
        ComparisonFilter,
        NullFilter,
        NotNullFilter,
        ExistsFilter,
        NotExistsFilter,
        FilterGroup,
    }
    assert all(issubclass(member, StatementFilter) for member in members)
    assert {m for m in members if issubclass(m, WhereFilter)} == members - {LimitOffset, OrderBy}


def test_filters_are_frozen_and_keep_the_guide_attributes() -> None:
    page = LimitOffset(20, 40)
    assert (page.limit, page.offset) == (20, 40)
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.limit = 5  # type: ignore[misc]
    order = OrderBy("name", "desc")
    assert (order.field_name, order.sort_order, order.nulls) == ("name", "desc", None)
    search = SearchFilter("name", "ann", True)
    assert (search.field_name, search.value, search.ignore_case, search.escape) == ("name", "ann", True, True)
    assert CollectionFilter("id", [1]) == CollectionFilter("id", [1])


def test_options_after_the_first_arguments_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        SearchFilter("name", "x", False, False)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        OrderBy("name", "asc", "first")  # type: ignore[call-arg]


def test_annotations_resolve_at_runtime_for_framework_introspection() -> None:
    for name in filters_module.__all__:
        obj = getattr(filters_module, name)
        if isinstance(obj, type) and dataclasses.is_dataclass(obj):
            assert typing.get_type_hints(obj), name
