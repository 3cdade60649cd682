"""The keyset (cursor) pagination filter and the pure statement/page logic shared by async and sync helpers.

NULLs sort after every non-NULL value of their column, whatever its direction (``NULLS LAST`` for ``asc`` and
``desc`` alike, emulated with a ``CASE`` so every dialect agrees). Pages are selected with a WHERE on the key,
never an OFFSET, so fetching page 1,000 costs what page 1 costs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy import ColumnElement, and_, false, or_

from sqlalchemist.exceptions import FilterError
from sqlalchemist.filters import NullsOrder, StatementFilter, order_by_clause
from sqlalchemist.pagination._cursor import Direction, decode_cursor, encode_cursor
from sqlalchemist.pagination._keys import KeyColumn, OrderItem, resolve_keys
from sqlalchemist.pagination._page import CursorPage

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy import Select

__all__ = ("CursorPagination", "KeysetPlan")

ModelT = TypeVar("ModelT")


@dataclass(frozen=True, slots=True)
class CursorPagination(StatementFilter):
    """Keyset pagination: ``limit`` rows after (or before) the position ``cursor`` holds.

    ``order_by`` lists ``(field, "asc" | "desc")`` pairs (a bare field is ascending); the primary key is always
    appended as tie-breaker. The cursor carries its own direction; ``direction`` only applies without a cursor
    (``"next"`` starts at the first page, ``"prev"`` at the last). Example:
    ``CursorPagination(20, order_by=[("created_at", "desc")], cursor=page.next_cursor)``.
    """

    limit: int
    cursor: str | None = None
    order_by: Sequence[OrderItem] = ()
    direction: Direction = "next"
    secret: bytes | str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.limit, bool) or not isinstance(self.limit, int) or self.limit < 1:
            msg = f"CursorPagination.limit must be an integer >= 1; got {self.limit!r}"
            raise FilterError(msg)
        if self.direction not in ("next", "prev"):
            msg = f"CursorPagination.direction must be 'next' or 'prev'; got {self.direction!r}"
            raise FilterError(msg)
        if isinstance(self.order_by, (str, tuple)) and _is_single_item(self.order_by):
            object.__setattr__(self, "order_by", (self.order_by,))

    def plan(self, model: type[ModelT]) -> KeysetPlan[ModelT]:
        """Resolve the keys for ``model`` and verify the cursor; raise FilterError for a bad key or cursor."""
        return KeysetPlan(self, model)

    def append_to_statement(self, statement: Select[Any], model: type[Any]) -> Select[Any]:
        """Return ``statement`` ordered on the keyset, restricted past the cursor, limited to ``limit + 1`` rows."""
        return self.plan(model).apply(statement)


def _is_single_item(order_by: Any) -> bool:
    return isinstance(order_by, str) or (len(order_by) == 2 and order_by[1] in ("asc", "desc"))


class KeysetPlan(Generic[ModelT]):
    """A CursorPagination resolved against one model: builds the statement, then the page from fetched rows."""

    __slots__ = ("_backward", "_fingerprint", "_keys", "_pagination", "_position", "_secret")

    def __init__(self, pagination: CursorPagination, model: type[ModelT]) -> None:
        self._pagination = pagination
        self._keys: tuple[KeyColumn, ...] = resolve_keys(model, pagination.order_by)
        order = ",".join(f"{k.key}:{'d' if k.descending else 'a'}" for k in self._keys)
        self._fingerprint = f"{model.__module__}.{model.__qualname__}|{order}"
        secret = pagination.secret
        self._secret = secret.encode() if isinstance(secret, str) else secret
        self._position: tuple[Any, ...] | None = None
        direction = pagination.direction
        if pagination.cursor is not None:
            direction, self._position = decode_cursor(
                pagination.cursor, key_count=len(self._keys), fingerprint=self._fingerprint, secret=self._secret
            )
            for key, value in zip(self._keys, self._position, strict=True):
                key.check(value)
        self._backward = direction == "prev"

    def _ordering(self) -> list[ColumnElement[Any]]:
        """Scan order: NULLs after the values going forward, before them going back (native NULLS where it exists)."""
        nulls: NullsOrder = "first" if self._backward else "last"
        return [
            order_by_clause(
                key.column, "desc" if key.descending != self._backward else "asc", nulls if key.nullable else None
            )
            for key in self._keys
        ]

    def _beyond(self, key: KeyColumn, value: Any) -> ColumnElement[bool] | None:
        """Rows strictly past ``value`` in scan order on this one key, or None when there are none."""
        column: ColumnElement[Any] = key.column.expression
        if not self._backward:
            if value is None:
                return None
            past = column < value if key.descending else column > value
            return or_(past, column.is_(None)) if key.nullable else past
        if value is None:
            return column.is_not(None)
        before: ColumnElement[bool] = column > value if key.descending else column < value
        return before

    def _where(self, position: tuple[Any, ...]) -> ColumnElement[bool]:
        terms: list[ColumnElement[bool]] = []
        equal_so_far: list[ColumnElement[bool]] = []
        for key, value in zip(self._keys, position, strict=True):
            beyond = self._beyond(key, value)
            if beyond is not None:
                terms.append(and_(*equal_so_far, beyond) if equal_so_far else beyond)
            equal_so_far.append(key.column.is_(None) if value is None else key.column == value)
        if not terms:
            return false()
        condition = or_(*terms) if len(terms) > 1 else terms[0]
        first, first_value = self._keys[0], position[0]
        if first.nullable or first_value is None or len(terms) == 1:
            return condition
        forward_in_column = first.descending == self._backward
        lead = first.column >= first_value if forward_in_column else first.column <= first_value
        return and_(lead, condition)

    def apply(self, statement: Select[Any]) -> Select[Any]:
        """Return ``statement`` re-ordered on the keyset, past the cursor, limited to ``limit + 1`` rows."""
        if self._position is not None:
            statement = statement.where(self._where(self._position))
        return statement.order_by(None).order_by(*self._ordering()).limit(self._pagination.limit + 1)

    def _encode(self, direction: Direction, values: Sequence[Any]) -> str:
        return encode_cursor(direction, values, fingerprint=self._fingerprint, secret=self._secret)

    def _values(self, row: Any) -> tuple[Any, ...]:
        return tuple(getattr(row, key.key) for key in self._keys)

    def page(self, rows: Sequence[ModelT], *, total: int | None = None) -> CursorPage[ModelT]:
        """Build the page from the rows ``apply``'s statement returned (at most ``limit + 1``)."""
        limit = self._pagination.limit
        more = len(rows) > limit
        items = list(rows[:limit])
        if self._backward:
            items.reverse()
        from_cursor = self._position is not None
        has_next, has_prev = (from_cursor, more) if self._backward else (more, from_cursor)
        first = self._values(items[0]) if items else self._position
        last = self._values(items[-1]) if items else self._position
        return CursorPage(
            items=items,
            next_cursor=self._encode("next", last) if has_next and last is not None else None,
            prev_cursor=self._encode("prev", first) if has_prev and first is not None else None,
            has_next=has_next,
            has_prev=has_prev,
            total=total,
        )
