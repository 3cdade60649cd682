"""Audit timestamps: ``created_at`` and ``updated_at``, with ``updated_at`` bumped by a ``before_flush`` listener."""

from __future__ import annotations

import datetime  # noqa: TC003 (resolved at runtime in Mapped[] annotations)
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Mapped, Session, declared_attr

from sqlalchemist.events import scope_listener
from sqlalchemist.mixins._columns import build_column, mixin_column, utcnow
from sqlalchemist.types import DateTimeUTC

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ("AuditColumns", "touch_updated_at")


class AuditColumns:
    """``created_at`` and ``updated_at`` UTC timestamps, set at insert; ``updated_at`` moves on every real change.

    Flushes bump ``updated_at`` through a ``before_flush`` listener; ``UPDATE`` statements through its ``onupdate``.
    """

    @declared_attr
    @mixin_column
    def created_at(cls: Any) -> Mapped[datetime.datetime]:  # noqa: N805
        return build_column(cls, DateTimeUTC, nullable=False, default_factory=utcnow, sort_order=100)

    @declared_attr
    @mixin_column
    def updated_at(cls: Any) -> Mapped[datetime.datetime]:  # noqa: N805
        return build_column(cls, DateTimeUTC, nullable=False, default_factory=utcnow, onupdate=utcnow, sort_order=100)


def touch_updated_at(session: Session, flush_context: Any, instances: Iterable[Any] | None) -> None:
    """Give new audited rows one shared timestamp and bump ``updated_at`` of changed ones (``before_flush`` hook)."""
    now = utcnow()
    for obj in session.new:
        if isinstance(obj, AuditColumns):
            values = vars(obj)
            if values.get("created_at") is None:
                obj.created_at = now
            if values.get("updated_at") is None:
                obj.updated_at = obj.created_at
    deleted = session.deleted
    for obj in session.dirty:
        if not isinstance(obj, AuditColumns) or obj in deleted:
            continue
        if not session.is_modified(obj, include_collections=False):
            continue
        if inspect(obj).attrs.updated_at.history.has_changes():
            continue
        obj.updated_at = now


# Set-based repository writes stamp ``updated_at`` themselves (its default and onupdate): this flush listener never
# needs to see their rows.
scope_listener(touch_updated_at, lambda mapper: False)
if not event.contains(Session, "before_flush", touch_updated_at):
    event.listen(Session, "before_flush", touch_updated_at)
