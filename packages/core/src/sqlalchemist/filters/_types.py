"""The union of every filter class, for annotating lists of filters."""

from __future__ import annotations

from typing import Any, TypeAlias, Union

from sqlalchemist.filters._collection import CollectionFilter, NotInCollectionFilter
from sqlalchemist.filters._comparison import ComparisonFilter, NotNullFilter, NullFilter
from sqlalchemist.filters._dates import BeforeAfter, OnBeforeAfter
from sqlalchemist.filters._exists import ExistsFilter, NotExistsFilter
from sqlalchemist.filters._group import FilterGroup
from sqlalchemist.filters._ordering import OrderBy
from sqlalchemist.filters._pagination import LimitOffset
from sqlalchemist.filters._search import NotInSearchFilter, SearchFilter

__all__ = ("FilterTypes",)

FilterTypes: TypeAlias = Union[  # noqa: UP007
    BeforeAfter,
    OnBeforeAfter,
    CollectionFilter[Any],
    NotInCollectionFilter[Any],
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
]
"""Any filter sqlalchemist provides: ``filters: list[FilterTypes]``."""
