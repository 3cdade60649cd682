"""ORDER BY, with NULLS FIRST/LAST emulated on dialects that lack it."""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from sqlalchemy import ColumnElement, SQLColumnExpression, case, literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal

from sqlalchemist.exceptions import FilterError
from sqlalchemist.filters._base import ModelT, SortOrder, StatementFilter
from sqlalchemist.filters._resolve import Field, resolve_field

if TYPE_CHECKING:
    from collections.abc import Hashable

    from sqlalchemy import Select
    from sqlalchemy.sql.compiler import SQLCompiler

__all__ = ("NullsOrder", "OrderBy", "order_by_clause")

NullsOrder: TypeAlias = Literal["first", "last"]

_DIALECTS_WITHOUT_NULLS_ORDER = ("mysql", "mariadb", "mssql")


class _NullsOrdering(ColumnElement[Any]):
    """An ORDER BY item with NULLS FIRST/LAST; rendered as a CASE sort key where the dialect lacks it."""

    __visit_name__ = "sqlalchemist_nulls_ordering"
    inherit_cache = True
    _traverse_internals = [  # noqa: RUF012
        ("native", InternalTraversal.dp_clauseelement),
        ("emulated", InternalTraversal.dp_clauseelement_tuple),
    ]

    def __init__(self, column: SQLColumnExpression[Any], *, descending: bool, nulls_first: bool) -> None:
        ordered = column.desc() if descending else column.asc()
        self.native = ordered.nulls_first() if nulls_first else ordered.nulls_last()
        null_rank, value_rank = ("0", "1") if nulls_first else ("1", "0")
        sort_key = case((column.is_(None), literal_column(null_rank)), else_=literal_column(value_rank))
        self.emulated = (sort_key.asc(), ordered)


@compiles(_NullsOrdering)
def _compile_native(element: _NullsOrdering, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.native, **kw)


def _compile_emulated(element: _NullsOrdering, compiler: SQLCompiler, **kw: Any) -> str:
    return ", ".join(compiler.process(item, **kw) for item in element.emulated)


for _dialect in _DIALECTS_WITHOUT_NULLS_ORDER:
    compiles(_NullsOrdering, _dialect)(_compile_emulated)


def order_by_clause(
    column: SQLColumnExpression[Any], sort_order: SortOrder = "asc", nulls: NullsOrder | None = None
) -> ColumnElement[Any]:
    """Return the ORDER BY item for ``column``; ``nulls`` places NULLs first or last on every dialect."""
    descending = sort_order == "desc"
    if nulls is None:
        return column.desc() if descending else column.asc()
    return _NullsOrdering(column, descending=descending, nulls_first=nulls == "first")


@dataclass(frozen=True, slots=True)
class OrderBy(StatementFilter):
    """Sort by one field: ``OrderBy("name", "desc", nulls="last")``; ``nulls`` works on every dialect."""

    field_name: Field
    sort_order: SortOrder = "asc"
    _: KW_ONLY
    nulls: NullsOrder | None = None

    def __post_init__(self) -> None:
        if self.sort_order not in ("asc", "desc"):
            msg = f"OrderBy.sort_order must be 'asc' or 'desc'; got {self.sort_order!r}"
            raise FilterError(msg)
        if self.nulls not in (None, "first", "last"):
            msg = f"OrderBy.nulls must be None, 'first' or 'last'; got {self.nulls!r}"
            raise FilterError(msg)

    def append_to_statement(self, statement: Select[Any], model: type[ModelT]) -> Select[Any]:
        """Return ``statement`` with this sort appended to its ORDER BY."""
        column = resolve_field(model, self.field_name)
        return statement.order_by(order_by_clause(column, self.sort_order, self.nulls))

    def _bound_shape(self) -> tuple[Hashable, tuple[Any, ...]] | None:
        if type(self) is not OrderBy or not isinstance(self.field_name, str):  # a subclass may change the SQL
            return None
        return ("order_by", self.field_name, self.sort_order, self.nulls), ()

    def _append_bound(self, statement: Select[Any], model: type[ModelT], names: tuple[str, ...]) -> Select[Any]:
        return self.append_to_statement(statement, model)
