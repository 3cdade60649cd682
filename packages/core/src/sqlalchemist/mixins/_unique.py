"""Get-or-create for rows identified by a natural key, cached per session."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session
from typing_extensions import Self

if TYPE_CHECKING:
    from collections.abc import Hashable

    from sqlalchemy.ext.asyncio import AsyncSession, async_scoped_session
    from sqlalchemy.orm import scoped_session
    from sqlalchemy.sql.elements import ColumnElement

__all__ = ("UniqueMixin",)

_CACHE_KEY = "sqlalchemist.unique_cache"


def _cache(info: dict[Any, Any]) -> dict[tuple[type[Any], Hashable], Any]:
    cache: dict[tuple[type[Any], Hashable], Any] = info.setdefault(_CACHE_KEY, {})
    return cache


class UniqueMixin:
    """Get-or-create by a natural key: subclasses define :meth:`unique_hash` and :meth:`unique_filter`.

    Example: ``tag = await Tag.as_unique_async(session, name="python")`` returns the stored tag or a new pending one.
    """

    @classmethod
    def unique_hash(cls, *args: Any, **kwargs: Any) -> Hashable:
        """Return the key that identifies the row the arguments describe (cache key within a session)."""
        msg = f"{cls.__name__} must implement the classmethod unique_hash(*args, **kwargs) to use UniqueMixin"
        raise NotImplementedError(msg)

    @classmethod
    def unique_filter(cls, *args: Any, **kwargs: Any) -> ColumnElement[bool]:
        """Return the WHERE clause that finds the row the arguments describe."""
        msg = f"{cls.__name__} must implement the classmethod unique_filter(*args, **kwargs) to use UniqueMixin"
        raise NotImplementedError(msg)

    @classmethod
    async def as_unique_async(
        cls, session: AsyncSession | async_scoped_session[Any], *args: Any, **kwargs: Any
    ) -> Self:
        """Return the row matching the arguments, or a new one added to ``session``; repeated calls share the object."""
        cache = _cache(session.info)
        key = (cls, cls.unique_hash(*args, **kwargs))
        found = cache.get(key)
        if found is None:
            statement = select(cls).where(cls.unique_filter(*args, **kwargs)).execution_options(autoflush=False)
            found = (await session.execute(statement)).scalar_one_or_none()
            if found is None:
                found = cls(*args, **kwargs)
                session.add(found)
            cache[key] = found
        return found

    @classmethod
    def as_unique_sync(cls, session: Session | scoped_session[Any], *args: Any, **kwargs: Any) -> Self:
        """Return the row matching the arguments, or a new one added to ``session``; repeated calls share the object."""
        cache = _cache(session.info)
        key = (cls, cls.unique_hash(*args, **kwargs))
        found = cache.get(key)
        if found is None:
            statement = select(cls).where(cls.unique_filter(*args, **kwargs)).execution_options(autoflush=False)
            found = session.execute(statement).scalar_one_or_none()
            if found is None:
                found = cls(*args, **kwargs)
                session.add(found)
            cache[key] = found
        return found


def _forget_pending(session: Session, previous_transaction: Any) -> None:
    """Drop the get-or-create cache when a transaction rolls back, as its new objects were discarded."""
    session.info.pop(_CACHE_KEY, None)


if not event.contains(Session, "after_soft_rollback", _forget_pending):
    event.listen(Session, "after_soft_rollback", _forget_pending)
