"""SQLAlchemySyncConfig: a sync engine, a session maker and the metadata to create, from one object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from sqlalchemist.config._alembic import AlembicSyncConfig
from sqlalchemist.config._common import SQLAlchemyConfigBase
from sqlalchemist.config._session import SyncSessionConfig

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ("SQLAlchemySyncConfig",)


@dataclass(kw_only=True, eq=False)
class SQLAlchemySyncConfig(SQLAlchemyConfigBase[Engine]):
    """Sync engine and session configuration.

    Example: ``config = SQLAlchemySyncConfig(connection_string="sqlite:///db.sqlite3")`` then
    ``with config.get_session() as session: ...``.
    """

    is_async: ClassVar[bool] = False
    session_config: SyncSessionConfig = field(default_factory=SyncSessionConfig)
    session_maker: Callable[[], Session] | None = None
    session_maker_class: type[sessionmaker[Any]] = sessionmaker
    create_engine_callable: Callable[..., Engine] = create_engine
    alembic_config: AlembicSyncConfig = field(default_factory=AlembicSyncConfig)

    def __post_init__(self) -> None:
        """Validate the settings and point the alembic config at this config's metadata."""
        super().__post_init__()
        self._require_type("session_config", self.session_config, SyncSessionConfig)
        if self.alembic_config.target_metadata is None:
            self.alembic_config.target_metadata = self.metadata

    def get_engine(self) -> Engine:
        """Return the engine, creating it on first call and reusing it afterwards."""
        return self._resolve_engine(self.create_engine_callable)

    def create_session_maker(self) -> Callable[[], Session]:
        """Return the session maker, building it from session_config and the engine on first call."""
        if self.session_maker is None:
            kwargs = self.session_config.as_kwargs()
            kwargs.setdefault("bind", self.get_engine())
            self.session_maker = self.session_maker_class(**kwargs)
        return self.session_maker

    def get_session(self) -> Session:
        """Return a new session; use it as ``with config.get_session() as session``."""
        return self.create_session_maker()()

    def create_all_metadata(self) -> None:
        """Create every table of the metadata that does not exist yet."""
        self.get_metadata().create_all(self.get_engine())

    def drop_all_metadata(self) -> None:
        """Drop every table of the metadata that exists."""
        self.get_metadata().drop_all(self.get_engine())

    def close_engine(self) -> None:
        """Dispose of the engine's connections; the next get_engine call creates a new engine if needed."""
        engine, self._engine = self._engine, None
        if engine is not None:
            engine.dispose()
