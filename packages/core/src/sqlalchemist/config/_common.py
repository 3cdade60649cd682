"""What the async and sync SQLAlchemy configs share: the engine source, its validation, metadata and caching."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from sqlalchemy import MetaData, make_url
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Engine
from sqlalchemy.ext.asyncio import AsyncEngine

from sqlalchemist.config._engine import EngineConfig
from sqlalchemist.exceptions import ImproperConfigurationError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ("SQLAlchemyConfigBase",)

EngineT = TypeVar("EngineT", Engine, AsyncEngine)

_ASYNC_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+asyncpg",
    "mysql": "mysql+asyncmy",
    "mariadb": "mariadb+asyncmy",
    "oracle": "oracle+oracledb",
    "mssql": "mssql+aioodbc",
}
_SYNC_DRIVERS = {
    "sqlite": "sqlite",
    "postgresql": "postgresql+psycopg",
    "mysql": "mysql+pymysql",
    "mariadb": "mariadb+pymysql",
    "oracle": "oracle+oracledb",
    "mssql": "mssql+pyodbc",
}


def _registry_metadata(bind_key: str | None) -> MetaData | None:
    """The core's metadata for ``bind_key``, or None when ``sqlalchemist.base`` is not available."""
    try:
        from sqlalchemist.base import metadata_registry
    except ImportError:
        return None
    return metadata_registry.get(bind_key)


@dataclass(kw_only=True, eq=False)
class SQLAlchemyConfigBase(Generic[EngineT]):
    """Engine source, engine options and metadata shared by SQLAlchemyAsyncConfig and SQLAlchemySyncConfig."""

    is_async: ClassVar[bool]
    connection_string: str | None = field(default=None, repr=False)
    engine_instance: EngineT | None = None
    engine_config: EngineConfig = field(default_factory=EngineConfig)
    create_all: bool = False
    metadata: MetaData | None = None
    bind_key: str | None = None
    _engine: EngineT | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        """Validate the engine source and fill the default metadata."""
        self._check_engine_source()
        if self.metadata is None:
            self.metadata = _registry_metadata(self.bind_key)

    def _fail(self, problem: str) -> ImproperConfigurationError:
        return ImproperConfigurationError(f"{type(self).__name__}: {problem}")

    def _require_type(self, name: str, value: object, expected: type) -> None:
        if not isinstance(value, expected):
            article = "an" if expected.__name__[0] in "AEIOU" else "a"
            problem = f"expected {name} to be {article} {expected.__name__}, got {type(value).__name__}"
            raise self._fail(problem)

    def _missing_engine_source(self) -> ImproperConfigurationError:
        """The error for a config asked for an engine it was never given a source for."""
        example = "sqlite+aiosqlite:///db.sqlite3" if self.is_async else "sqlite:///db.sqlite3"
        factory = "create_async_engine" if self.is_async else "create_engine"
        problem = (
            "expected connection_string or engine_instance, got neither; pass "
            f"connection_string={example!r} or engine_instance={factory}(...)"
        )
        return self._fail(problem)

    def _check_engine_source(self) -> None:
        factory = "create_async_engine" if self.is_async else "create_engine"
        if self.connection_string is None and self.engine_instance is None:
            return
        if self.connection_string is not None and self.engine_instance is not None:
            problem = "expected connection_string or engine_instance, got both; pass only one of them"
            raise self._fail(problem)
        if self.engine_instance is not None:
            self._check_engine_instance(self.engine_instance, factory)
        else:
            self._check_connection_string(str(self.connection_string))

    def _check_engine_instance(self, engine: object, factory: str) -> None:
        expected, other = (AsyncEngine, "SQLAlchemySyncConfig") if self.is_async else (Engine, "SQLAlchemyAsyncConfig")
        if not isinstance(engine, expected):
            problem = (
                f"expected engine_instance to be an {expected.__name__} (from {factory}), got "
                f"{type(engine).__name__}; pass a matching engine or use {other}"
            )
            raise self._fail(problem)
        if not self.engine_config.is_empty():
            options = ", ".join(sorted(self.engine_config.as_kwargs()))
            problem = (
                f"engine_config ({options}) is ignored when engine_instance is given; set those options on "
                "the engine you pass, or pass connection_string instead"
            )
            raise self._fail(problem)

    def _check_connection_string(self, connection_string: str) -> None:
        try:
            url = make_url(connection_string)
            dialect_cls = url.get_dialect()
        except sa_exc.NoSuchModuleError as exc:
            problem = f"connection_string names an unknown dialect or driver ({exc}); check the URL's scheme"
            raise self._fail(problem) from exc
        except sa_exc.ArgumentError as exc:
            problem = (
                "connection_string could not be parsed as a database URL; expected a URL like "
                "'dialect+driver://user:password@host/database'"
            )
            raise self._fail(problem) from exc
        runs_async = bool(dialect_cls.get_async_dialect_cls(url).is_async)
        if self.is_async and not runs_async:
            problem = (
                f"connection_string uses the sync driver {url.drivername!r}, which cannot run under asyncio; use "
                f"an async driver such as {self._suggest(url, _ASYNC_DRIVERS)!r}, or SQLAlchemySyncConfig"
            )
            raise self._fail(problem)
        if not self.is_async and dialect_cls.is_async:
            problem = (
                f"connection_string uses the async driver {url.drivername!r}; use SQLAlchemyAsyncConfig for it, "
                f"or a sync driver such as {self._suggest(url, _SYNC_DRIVERS)!r}"
            )
            raise self._fail(problem)

    @staticmethod
    def _suggest(url: URL, drivers: dict[str, str]) -> str:
        backend = url.get_backend_name()
        return drivers.get(backend, f"{backend}+<driver>")

    def get_metadata(self) -> MetaData:
        """Return the metadata that create_all / drop_all use; the error names the fix when there is none."""
        if self.metadata is None:
            problem = "has no metadata to create or drop; pass metadata=YourBase.metadata"
            raise self._fail(problem)
        return self.metadata

    def engine_kwargs(self) -> dict[str, Any]:
        """Return the keyword arguments the engine is created with."""
        return self.engine_config.as_kwargs()

    def _resolve_engine(self, create: Callable[..., EngineT]) -> EngineT:
        """Return the cached engine: the given instance, or one made once from the connection string."""
        if self._engine is None:
            if self.engine_instance is not None:
                self._engine = self.engine_instance
            elif self.connection_string is None:
                raise self._missing_engine_source()
            else:
                self._engine = create(self.connection_string, **self.engine_kwargs())
        return self._engine
