"""Run a keyset page: one SELECT of ``limit + 1`` rows past the cursor, and an optional COUNT."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, overload

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_scoped_session
from sqlalchemy.orm import Session, scoped_session

from sqlalchemist.exceptions import FilterError

if TYPE_CHECKING:
    from sqlalchemist.pagination._keyset import CursorPagination
    from sqlalchemist.pagination._page import CursorPage

__all__ = ("count_statement", "paginate", "paginate_async", "prepare")

ModelT = TypeVar("ModelT")


def _entity_of(statement: Select[Any]) -> type[Any]:
    descriptions = statement.column_descriptions
    entity = descriptions[0].get("entity") if len(descriptions) == 1 else None
    if not isinstance(entity, type) or descriptions[0].get("expr") is not entity:
        msg = f"keyset pagination needs a statement selecting one mapped class, like select(Model); got {statement}"
        raise FilterError(msg)
    return entity


def prepare(statement: Select[Any] | type[Any]) -> tuple[Select[Any], type[Any]]:
    """Return the SELECT to paginate and the model it selects, accepting a model class for ``select(model)``."""
    if isinstance(statement, Select):
        return statement, _entity_of(statement)
    return select(statement), statement


def count_statement(statement: Select[Any]) -> Select[Any]:
    """Return a COUNT of the rows ``statement`` selects, ignoring its ordering and limits."""
    inner = statement.order_by(None).limit(None).offset(None).subquery()
    return select(func.count()).select_from(inner)


def _session_of(source: Any, kinds: tuple[type[Any], ...]) -> Any:
    if isinstance(source, kinds):
        return source
    session = getattr(source, "session", None)
    if isinstance(session, kinds):
        return session
    msg = f"expected a {kinds[0].__name__} or an object with a .session attribute holding one; got {source!r}"
    raise TypeError(msg)


@overload
async def paginate_async(
    source: AsyncSession | Any, statement: type[ModelT], pagination: CursorPagination, *, with_total: bool = False
) -> CursorPage[ModelT]: ...
@overload
async def paginate_async(
    source: AsyncSession | Any, statement: Select[Any], pagination: CursorPagination, *, with_total: bool = False
) -> CursorPage[Any]: ...
async def paginate_async(
    source: AsyncSession | Any,
    statement: Select[Any] | type[Any],
    pagination: CursorPagination,
    *,
    with_total: bool = False,
) -> CursorPage[Any]:
    """Fetch one keyset page with an AsyncSession, or anything holding one as ``.session`` (a repository).

    Example: ``page = await paginate_async(session, select(Author), CursorPagination(20, cursor=token))``.
    """
    session: AsyncSession = _session_of(source, (AsyncSession, async_scoped_session))
    base, model = prepare(statement)
    plan = pagination.plan(model)
    rows = (await session.execute(plan.apply(base))).scalars().unique().all()
    total: int | None = (await session.execute(count_statement(base))).scalar_one() if with_total else None
    return plan.page(rows, total=total)


@overload
def paginate(
    source: Session | Any, statement: type[ModelT], pagination: CursorPagination, *, with_total: bool = False
) -> CursorPage[ModelT]: ...
@overload
def paginate(
    source: Session | Any, statement: Select[Any], pagination: CursorPagination, *, with_total: bool = False
) -> CursorPage[Any]: ...
def paginate(
    source: Session | Any,
    statement: Select[Any] | type[Any],
    pagination: CursorPagination,
    *,
    with_total: bool = False,
) -> CursorPage[Any]:
    """Fetch one keyset page with a Session, or anything holding one as ``.session`` (a repository).

    Example: ``page = paginate(session, select(Author), CursorPagination(20, cursor=token))``.
    """
    session: Session = _session_of(source, (Session, scoped_session))
    base, model = prepare(statement)
    plan = pagination.plan(model)
    rows = session.execute(plan.apply(base)).scalars().unique().all()
    total: int | None = session.execute(count_statement(base)).scalar_one() if with_total else None
    return plan.page(rows, total=total)
