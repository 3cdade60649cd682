"""Filters that add WHERE, ORDER BY and LIMIT/OFFSET to SELECT statements, without I/O.

Every filter has ``append_to_statement(statement, model)``; WHERE-only filters also have
``to_where_clause(model)``. Fields are given by name (``"name"``) or as attributes (``Author.name``)::

    statement = SearchFilter("name", "ann", ignore_case=True).append_to_statement(select(Author), Author)
"""

from __future__ import annotations

from sqlalchemist.filters._base import InAnyFilter, PaginationFilter, SortOrder, StatementFilter, WhereFilter
from sqlalchemist.filters._collection import CollectionFilter, NotInCollectionFilter
from sqlalchemist.filters._comparison import (
    COMPARISON_OPERATORS,
    ComparisonFilter,
    ComparisonOperator,
    NotNullFilter,
    NullFilter,
)
from sqlalchemist.filters._dates import BeforeAfter, OnBeforeAfter
from sqlalchemist.filters._exists import ExistsFilter, NotExistsFilter
from sqlalchemist.filters._group import FilterGroup, LogicalOperator
from sqlalchemist.filters._like import ESCAPE_CHAR, escape_like
from sqlalchemist.filters._ordering import NullsOrder, OrderBy, order_by_clause
from sqlalchemist.filters._pagination import LimitOffset
from sqlalchemist.filters._resolve import Field, resolve_field
from sqlalchemist.filters._search import NotInSearchFilter, SearchFilter
from sqlalchemist.filters._types import FILTER_CLASSES, FilterTypes

__all__ = (
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
)
