"""The public names of sqlalchemist.filters and the behaviour they share."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import sys
import typing

import pytest

import sqlalchemist.filters as filters_module
from sqlalchemist.filters import (
    FILTER_CLASSES,
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
        "FILTER_CLASSES",
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


EVERY_FILTER = {
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


def test_filter_classes_lists_every_filter() -> None:
    assert set(FILTER_CLASSES) == EVERY_FILTER
    assert len(FILTER_CLASSES) == len(EVERY_FILTER)
    assert all(issubclass(member, StatementFilter) for member in FILTER_CLASSES)
    assert {m for m in FILTER_CLASSES if issubclass(m, WhereFilter)} == EVERY_FILTER - {LimitOffset, OrderBy}


def test_filter_types_is_the_base_at_run_time_and_the_union_for_type_checkers() -> None:
    assert FilterTypes is StatementFilter
    assert all(isinstance(cls.__new__(cls), FilterTypes) for cls in FILTER_CLASSES)
    source = inspect.getsource(sys.modules[StatementFilter.__module__.replace("_base", "_types")])
    checked = ast.parse(source).body
    guarded = next(node for node in checked if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")
    union = guarded.body[0]
    assert isinstance(union, ast.AnnAssign)
    names = {
        (element.value if isinstance(element, ast.Subscript) else element).id  # type: ignore[attr-defined]
        for element in union.value.slice.elts  # type: ignore[union-attr]
    }
    assert names == {cls.__name__ for cls in EVERY_FILTER}


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
