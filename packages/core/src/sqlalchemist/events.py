"""Tell repositories which models a Session-wide event listener acts on, so the others keep their fast paths.

Repositories skip the unit of work (set-based writes, Core-speed gets) only when no listener could miss the rows.
A listener registered on every ``Session`` (``before_flush``, ``do_orm_execute``, …) that acts on a few models only
declares so with :func:`scope_listener`; an undeclared listener concerns every model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from sqlalchemy.orm import Mapper

__all__ = ("listeners_concern", "scope_listener")

ListenerT = TypeVar("ListenerT", bound=Callable[..., Any])

# Weak keys: a scoped listener (a closure made per app or per test) does not outlive its last reference.
_SCOPES: WeakKeyDictionary[Callable[..., Any], Callable[[Mapper[Any]], bool]] = WeakKeyDictionary()


def scope_listener(listener: ListenerT, applies_to: Callable[[Mapper[Any]], bool]) -> ListenerT:
    """Declare that ``listener`` only acts on rows of mappers for which ``applies_to(mapper)`` is true."""
    _SCOPES[listener] = applies_to
    return listener


def listeners_concern(listeners: Iterable[Callable[..., Any]], mapper: Mapper[Any]) -> bool:
    """Return whether any of ``listeners`` may act on rows of ``mapper`` (undeclared listeners always may)."""
    for listener in listeners:
        applies_to = _SCOPES.get(listener)
        if applies_to is None or applies_to(mapper):
            return True
    return False
