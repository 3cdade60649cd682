"""SQLAlchemyAsyncConfig: an async engine, an async session maker and the metadata to create, from one object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import AsyncAdaptedQueuePool, QueuePool

from sqlalchemist.config._alembic import AlembicAsyncConfig
from sqlalchemist.config._common import SQLAlchemyConfigBase
from sqlalchemist.config._session import AsyncSessionConfig

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ("SQLAlchemyAsyncConfig",)


@dataclass(kw_only=True, eq=False)
class SQLAlchemyAsyncConfig(SQLAlchemyConfigBase[AsyncEngine]):
    """Async engine and session configuration.

    Example: ``config = SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite:///db.sqlite3")`` then
    ``async with config.get_session() as session: ...``.
    """

    is_async: ClassVar[bool] = True
    session_config: AsyncSessionConfig = field(default_factory=AsyncSessionConfig)
    session_maker: Callable[[], AsyncSession] | None = None
    session_maker_class: type[async_sessionmaker[Any]] = async_sessionmaker
    create_engine_callable: Callable[..., AsyncEngine] = create_async_engine
    alembic_config: AlembicAsyncConfig = field(default_factory=AlembicAsyncConfig)

    def __post_init__(self) -> None:
        """Validate the settings and point the alembic config at this config's metadata."""
        super().__post_init__()
        self._require_type("session_config", self.session_config, AsyncSessionConfig)
        if self.alembic_config.target_metadata is None:
            self.alembic_config.target_metadata = self.metadata

    def engine_kwargs(self) -> dict[str, Any]:
        """Return the engine keyword arguments, with a QueuePool swapped for its asyncio twin."""
        kwargs = super().engine_kwargs()
        if kwargs.get("poolclass") is QueuePool:
            kwargs["poolclass"] = AsyncAdaptedQueuePool
        return kwargs

    def get_engine(self) -> AsyncEngine:
        """Return the engine, creating it on first call and reusing it afterwards."""
        return self._resolve_engine(self.create_engine_callable)

    def create_session_maker(self) -> Callable[[], AsyncSession]:
        """Return the session maker, building it from session_config and the engine on first call."""
        if self.session_maker is None:
            kwargs = self.session_config.as_kwargs()
            kwargs.setdefault("bind", self.get_engine())
            self.session_maker = self.session_maker_class(**kwargs)
        return self.session_maker

    def get_session(self) -> AsyncSession:
        """Return a new session; use it as ``async with config.get_session() as session``."""
        return self.create_session_maker()()

    async def create_all_metadata(self) -> None:
        """Create every table of the metadata that does not exist yet."""
        metadata = self.get_metadata()
        async with self.get_engine().begin() as conn:
            await conn.run_sync(metadata.create_all)

    async def drop_all_metadata(self) -> None:
        """Drop every table of the metadata that exists."""
        metadata = self.get_metadata()
        async with self.get_engine().begin() as conn:
            await conn.run_sync(metadata.drop_all)

    async def close_engine(self) -> None:
        """Dispose of the engine's connections; the next get_engine call creates a new engine if needed."""
        engine, self._engine = self._engine, None
        if engine is not None:
            await engine.dispose()
