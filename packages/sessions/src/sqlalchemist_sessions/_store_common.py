"""What the async and sync stores share: the model check, its table and the clock."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy import Table

from sqlalchemist_sessions._model import SessionModelMixin

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ("SessionModelT", "StoreBase", "utcnow")

SessionModelT = TypeVar("SessionModelT", bound=SessionModelMixin)


def utcnow() -> datetime.datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.datetime.now(datetime.timezone.utc)


class StoreBase(Generic[SessionModelT]):
    """The model a store writes to, its table, and the clock that decides what has expired."""

    __slots__ = ("_clock", "model", "table")

    def __init__(self, model: type[SessionModelT], *, clock: Callable[[], datetime.datetime] | None = None) -> None:
        """Check ``model`` is a mapped ``SessionModelMixin`` subclass; ``clock`` returns aware UTC datetimes."""
        table: Any = getattr(model, "__table__", None)
        if not (isinstance(model, type) and issubclass(model, SessionModelMixin) and isinstance(table, Table)):
            msg = (
                f"{type(self).__name__} expected a mapped subclass of SessionModelMixin as model, got {model!r}; "
                'declare one with: class UserSession(SessionModelMixin): __tablename__ = "user_sessions"'
            )
            raise TypeError(msg)
        self.model = model
        self.table: Table = table
        self._clock = clock or utcnow

    def now(self) -> datetime.datetime:
        """Return the store's current time."""
        return self._clock()
