"""Session models for the sessions tests (tables prefixed ``sess_``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index
from sqlalchemy.orm import declared_attr

from sqlalchemist_sessions import SessionModelMixin


class SessStoreRow(SessionModelMixin):
    __tablename__ = "sess_store_row"


class SessDeclaredArgs(SessionModelMixin):
    """Custom table args the first way the guide shows: ``super().__table_args__()`` in a declared_attr."""

    __tablename__ = "sess_declared_args"

    @declared_attr.directive
    @classmethod
    def __table_args__(cls) -> Any:
        base_args = super().__table_args__()
        return base_args + (Index("ix_sess_declared_args_custom", cls.session_id, cls.created_at),)  # noqa: RUF005 (the guide's form)


class SessAddedArgs(SessionModelMixin):
    """Custom table args the second way the guide shows: ``SessionModelMixin.__table_args__ + (...)``."""

    __tablename__ = "sess_added_args"
    __table_args__ = SessionModelMixin.__table_args__ + (  # noqa: RUF005 (the guide's form)
        Index("ix_sess_added_args_created_user", "created_at", "session_id"),
    )
