"""Text search over one or several fields with LIKE / ILIKE."""

from __future__ import annotations

from collections.abc import Collection  # noqa: TC003 - evaluated by typing.get_type_hints
from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING

from sqlalchemy import and_, not_, or_

from sqlalchemist.filters._base import ModelT, WhereFilter
from sqlalchemist.filters._like import like_condition
from sqlalchemist.filters._resolve import Field, resolve_fields

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement

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
        conditions = [
            like_condition(
                column, self.value, anchor="contains", ignore_case=bool(self.ignore_case), escape=self.escape
            )
            for column in resolve_fields(model, self.field_name)
        ]
        return or_(*conditions)


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
        conditions = [
            not_(
                like_condition(
                    column, self.value, anchor="contains", ignore_case=bool(self.ignore_case), escape=self.escape
                )
            )
            for column in resolve_fields(model, self.field_name)
        ]
        return and_(*conditions)
