"""``FilterTypes``: the type of any filter, for annotating lists of filters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias, Union

from sqlalchemist.filters._base import StatementFilter
from sqlalchemist.filters._collection import CollectionFilter, NotInCollectionFilter
from sqlalchemist.filters._comparison import ComparisonFilter, NotNullFilter, NullFilter
from sqlalchemist.filters._dates import BeforeAfter, OnBeforeAfter
from sqlalchemist.filters._exists import ExistsFilter, NotExistsFilter
from sqlalchemist.filters._group import FilterGroup
from sqlalchemist.filters._ordering import OrderBy
from sqlalchemist.filters._pagination import LimitOffset
from sqlalchemist.filters._search import NotInSearchFilter, SearchFilter

__all__ = ("FILTER_CLASSES", "FilterTypes")

FILTER_CLASSES: tuple[type[StatementFilter], ...] = (
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
)
"""Every filter class sqlalchemist provides (what the static ``FilterTypes`` union lists)."""

if TYPE_CHECKING:
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
else:
    # At run time the common base: frameworks that validate annotations with msgspec (Litestar's dependency
    # injection) refuse a union of several dataclasses, but pass instances of one class through, so a handler can
    # declare ``filters: list[FilterTypes]`` without ``Dependency(skip_validation=True)``.
    FilterTypes = StatementFilter
"""Any filter: ``filters: list[FilterTypes]``. Type checkers see the union of the filter classes; at run time
it is their base :class:`StatementFilter`, so custom filters pass too."""
