"""Page statements built once per shape of the filters, run with each call's values as bound parameters.

``list`` and ``list_and_count`` over Core (see ``plain_list``) would otherwise build a new SELECT for every call:
the filters' clauses, SQLAlchemy's cache key of the whole statement, the adaptation of its result columns. When
every filter can say what its SQL depends on apart from its values (``StatementFilter._bound_shape``), the
statement is built once per shape with named parameters, and later calls pass only the values.
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import func
from sqlalchemy.orm import InstrumentedAttribute

from sqlalchemist.filters import StatementFilter
from sqlalchemist.repository._statements import apply_order_by, is_shaping

if TYPE_CHECKING:
    from collections.abc import Hashable, Sequence

    from sqlalchemy import Select

    from sqlalchemist.repository._loading import PlainListPlan
    from sqlalchemist.repository._typing import FilterArg, OrderBySpec

__all__ = ("TOTAL_LABEL", "page_template")

TOTAL_LABEL = "sqlalchemist_total"
"""The label of the ``COUNT(*) OVER ()`` column a counted page carries last."""

_MAX_TEMPLATES = 1024
_templates: dict[Hashable, tuple[Select[Any], tuple[str, ...]]] = {}


def page_template(
    plan: PlainListPlan, filters: Sequence[FilterArg], order_by: OrderBySpec | None, *, counted: bool
) -> tuple[Select[Any], dict[str, Any]] | None:
    """Return the page statement for ``filters`` on ``plan.select`` (first ordered by ``order_by``, with the window
    total last when ``counted``) and this call's parameters, or None when a filter cannot be bound this way."""
    shapes: list[Hashable] = []
    values: list[tuple[Any, ...]] = []
    for item in filters:
        bound = item._bound_shape() if isinstance(item, StatementFilter) else None
        if bound is None:
            return None
        shapes.append(bound[0])
        values.append(bound[1])
    order_key = _typed(order_by)
    if order_key is None:
        return None
    key = (plan.select, tuple(shapes), order_key, counted)
    entry = _templates.get(key)
    if entry is None:
        entry = _build(plan, cast("Sequence[StatementFilter]", filters), values, order_by, counted=counted)
        if len(_templates) >= _MAX_TEMPLATES:
            _templates.clear()
        _templates[key] = entry
    statement, names = entry
    return statement, dict(zip(names, chain.from_iterable(values), strict=True))


def _typed(value: Any) -> Hashable | None:
    """Return a key for an ``order_by`` spec that tells apart what compares equal but orders differently
    (``True`` and ``1``, a list of two items and a ``(field, descending)`` pair); None for a spec holding SQL
    expressions, which are new objects on every call."""
    if isinstance(value, (list, tuple)):
        items = [_typed(item) for item in value]
        return None if None in items else (type(value), tuple(items))
    if value is None or isinstance(value, (str, int, InstrumentedAttribute)):  # bool is an int
        return type(value), value
    return None


def _build(
    plan: PlainListPlan,
    filters: Sequence[StatementFilter],
    values: list[tuple[Any, ...]],
    order_by: OrderBySpec | None,
    *,
    counted: bool,
) -> tuple[Select[Any], tuple[str, ...]]:
    """Build the statement as the repository's ``_where`` then ``_finish`` do, the values as named parameters."""
    names = [
        tuple(f"sqlalchemist_f{position}_{index}" for index in range(len(each))) for position, each in enumerate(values)
    ]
    statement = plan.select
    for position, item in enumerate(filters):  # the row-restricting filters first, in their order
        if not is_shaping(item):
            statement = item._append_bound(statement, plan.model, names[position])
    statement = apply_order_by(statement, plan.model, order_by)
    for position, item in enumerate(filters):  # then ORDER BY and LIMIT/OFFSET, in their order
        if is_shaping(item):
            statement = item._append_bound(statement, plan.model, names[position])
    if counted:
        statement = statement.add_columns(func.count().over().label(TOTAL_LABEL))
    return statement, tuple(chain.from_iterable(names))
