"""Text search over one or several fields with LIKE / ILIKE."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import and_, bindparam, not_, or_

from sqlalchemist.filters._base import ModelT, WhereFilter
from sqlalchemist.filters._like import like_expression, like_pattern
from sqlalchemist.filters._resolve import Field, resolve_fields

if TYPE_CHECKING:
    from collections.abc import Hashable

    from sqlalchemy import BindParameter, ColumnElement, Select

__all__ = ("NotInSearchFilter", "SearchFilter")


@dataclass(frozen=True, slots=True)
class SearchFilter(WhereFilter):
    """Keep rows where any of the fields contains ``value``: ``SearchFilter({"name", "bio"}, "ann", True)``.

    ``%``, ``_`` and the escape character match literally unless ``escape=False``;
    an empty value restricts nothing.
    """

    field_name: Field | Collection[Field]
    value: str
    ignore_case: bool | None = False
    _: KW_ONLY
    escape: bool = True

    def to_where_clause(self, model: type[ModelT]) -> ColumnElement[bool] | None:
        """Return ``f1 LIKE '%value%' OR f2 LIKE ...`` (ILIKE when ignoring case), or None for an empty value."""
        if not self.value:
            return None
        return or_(*_likes(self, model, like_pattern(self.value, anchor="contains", escape=self.escape)))

    def _bound_shape(self) -> tuple[Hashable, tuple[Any, ...]] | None:
        return _search_shape(self, SearchFilter)

    def _append_bound(self, statement: Select[Any], model: type[ModelT], names: tuple[str, ...]) -> Select[Any]:
        return statement.where(or_(*_likes(self, model, bindparam(names[0])))) if names else statement


@dataclass(frozen=True, slots=True)
class NotInSearchFilter(WhereFilter):
    """Keep rows where none of the fields contains ``value`` (NULL fields follow SQL and do not match)."""

    field_name: Field | Collection[Field]
    value: str
    ignore_case: bool | None = False
    _: KW_ONLY
    escape: bool = True

    def to_where_clause(self, model: type[ModelT]) -> ColumnElement[bool] | None:
        """Return ``f1 NOT LIKE '%value%' AND f2 NOT LIKE ...``, or None for an empty value."""
        if not self.value:
            return None
        pattern = like_pattern(self.value, anchor="contains", escape=self.escape)
        return and_(*(not_(like) for like in _likes(self, model, pattern)))

    def _bound_shape(self) -> tuple[Hashable, tuple[Any, ...]] | None:
        return _search_shape(self, NotInSearchFilter)

    def _append_bound(self, statement: Select[Any], model: type[ModelT], names: tuple[str, ...]) -> Select[Any]:
        if not names:
            return statement
        return statement.where(and_(*(not_(like) for like in _likes(self, model, bindparam(names[0])))))


def _likes(
    search: SearchFilter | NotInSearchFilter, model: type[Any], pattern: str | BindParameter[Any]
) -> list[ColumnElement[bool]]:
    """Return ``field LIKE pattern`` (ILIKE when ignoring case) for each field of ``search``."""
    ignore_case = bool(search.ignore_case)
    return [
        like_expression(column, pattern, ignore_case, escape=search.escape)
        for column in resolve_fields(model, search.field_name)
    ]


def _search_shape(
    search: SearchFilter | NotInSearchFilter, kind: type[SearchFilter | NotInSearchFilter]
) -> tuple[Hashable, tuple[Any, ...]] | None:
    """Return the shape and the pattern of a search of ``kind`` itself (a subclass may change the SQL) whose fields
    are named, else None."""
    if type(search) is not kind:
        return None
    named = search.field_name
    if isinstance(named, str):
        fields: tuple[str, ...] = (named,)
    elif isinstance(named, Collection) and all(isinstance(field, str) for field in named):
        fields = tuple(cast("Collection[str]", named))
    else:
        return None
    shape = (kind.__name__, fields, bool(search.ignore_case), search.escape, bool(search.value))
    values = (like_pattern(search.value, anchor="contains", escape=search.escape),) if search.value else ()
    return shape, values
