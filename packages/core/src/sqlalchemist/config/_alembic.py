"""Alembic settings carried by a SQLAlchemy config; the migration commands read them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemist.exceptions import ImproperConfigurationError

if TYPE_CHECKING:
    from sqlalchemy import MetaData

__all__ = ("DEFAULT_TEMPLATE_PATH", "AlembicAsyncConfig", "AlembicSyncConfig")

DEFAULT_TEMPLATE_PATH = str(Path(__file__).resolve().parent.parent / "alembic" / "templates")
"""Where sqlalchemist keeps its alembic project templates (``asyncio/`` and ``sync/``)."""


@dataclass(kw_only=True)
class _AlembicConfig:
    """Where migrations live and how alembic compares and renders them."""

    script_config: str = "alembic.ini"
    version_table_name: str = "alembic_versions"
    version_table_schema: str | None = None
    script_location: str = "migrations"
    target_metadata: MetaData | None = None
    user_module_prefix: str | None = "sa."
    render_as_batch: bool = True
    compare_type: bool = False
    template_path: str = DEFAULT_TEMPLATE_PATH

    def __post_init__(self) -> None:
        """Refuse empty names, which alembic would only reject when a command runs."""
        for name in ("script_config", "version_table_name", "script_location"):
            if not getattr(self, name):
                msg = f"{type(self).__name__}: expected a non-empty {name}, got {getattr(self, name)!r}"
                raise ImproperConfigurationError(msg)


@dataclass(kw_only=True)
class AlembicAsyncConfig(_AlembicConfig):
    """Alembic settings for an async SQLAlchemy config; example: ``AlembicAsyncConfig(script_location="alembic")``."""


@dataclass(kw_only=True)
class AlembicSyncConfig(_AlembicConfig):
    """Alembic settings for a sync SQLAlchemy config; example: ``AlembicSyncConfig(script_location="alembic")``."""
