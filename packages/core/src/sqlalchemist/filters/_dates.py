"""Range filters on a date or datetime field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime  # noqa: TC003 - evaluated by typing.get_type_hints
from typing import TYPE_CHECKING

from sqlalchemy import and_

from sqlalchemist.filters._base import ModelT, WhereFilter
from sqlalchemist.filters._resolve import Field, resolve_field

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement

__all__ = ("BeforeAfter", "OnBeforeAfter")


@dataclass(frozen=True, slots=True)
class BeforeAfter(WhereFilter):
    """Keep rows strictly between two instants: ``field < before`` and ``field > after`` (None: no bound)."""

    field_name: Field
    before: datetime | None
    after: datetime | None

    def to_where_clause(self, model: type[ModelT]) -> ColumnElement[bool] | None:
        """Return the bounds as one condition, or None when neither is set."""
        column = resolve_field(model, self.field_name)
        conditions: list[ColumnElement[bool]] = []
        if self.before is not None:
            conditions.append(column < self.before)
        if self.after is not None:
            conditions.append(column > self.after)
        return and_(*conditions) if conditions else None


@dataclass(frozen=True, slots=True)
class OnBeforeAfter(WhereFilter):
    """Keep rows within two instants, inclusive: ``field <= on_or_before`` and ``field >= on_or_after``."""

    field_name: Field
    on_or_before: datetime | None
    on_or_after: datetime | None

    def to_where_clause(self, model: type[ModelT]) -> ColumnElement[bool] | None:
        """Return the bounds as one condition, or None when neither is set."""
        column = resolve_field(model, self.field_name)
        conditions: list[ColumnElement[bool]] = []
        if self.on_or_before is not None:
            conditions.append(column <= self.on_or_before)
        if self.on_or_after is not None:
            conditions.append(column >= self.on_or_after)
        return and_(*conditions) if conditions else None
