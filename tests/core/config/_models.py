"""Test-only models for the config tests, on their own metadata."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class CfgBase(DeclarativeBase):
    pass


class CfgWidget(CfgBase):
    __tablename__ = "cfg_widget"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(40))
