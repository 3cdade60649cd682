"""EngineConfig: the keyword arguments of ``create_engine`` / ``create_async_engine``, only the ones set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy.pool import Pool, QueuePool

from sqlalchemist.config._empty import Empty, EmptyType, options_repr, set_options
from sqlalchemist.exceptions import ImproperConfigurationError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ("EngineConfig",)

_QUEUE_POOL_OPTIONS = ("pool_size", "max_overflow", "pool_timeout", "pool_use_lifo")


@dataclass(kw_only=True, repr=False)
class EngineConfig:
    """Options for the engine a config creates; an option left ``Empty`` keeps SQLAlchemy's default.

    Example: ``EngineConfig(pool_size=20, max_overflow=30, pool_pre_ping=True)``.
    """

    connect_args: dict[Any, Any] | EmptyType = Empty
    echo: bool | Literal["debug"] | EmptyType | None = Empty
    echo_pool: bool | Literal["debug"] | EmptyType | None = Empty
    enable_from_linting: bool | EmptyType = Empty
    execution_options: Mapping[str, Any] | EmptyType = Empty
    hide_parameters: bool | EmptyType = Empty
    insertmanyvalues_page_size: int | EmptyType = Empty
    isolation_level: str | EmptyType = Empty
    json_deserializer: Callable[[str], Any] | EmptyType = Empty
    json_serializer: Callable[[Any], str] | EmptyType = Empty
    label_length: int | EmptyType | None = Empty
    logging_name: str | EmptyType = Empty
    max_identifier_length: int | EmptyType | None = Empty
    max_overflow: int | EmptyType = Empty
    module: Any | EmptyType = Empty
    paramstyle: str | EmptyType | None = Empty
    plugins: list[str] | EmptyType = Empty
    pool: Pool | EmptyType | None = Empty
    poolclass: type[Pool] | EmptyType | None = Empty
    pool_logging_name: str | EmptyType = Empty
    pool_pre_ping: bool | EmptyType = Empty
    pool_recycle: int | EmptyType = Empty
    pool_reset_on_return: Literal["rollback", "commit"] | EmptyType | None = Empty
    pool_size: int | EmptyType = Empty
    pool_timeout: float | EmptyType = Empty
    pool_use_lifo: bool | EmptyType = Empty
    query_cache_size: int | EmptyType = Empty
    use_insertmanyvalues: bool | EmptyType = Empty

    def __post_init__(self) -> None:
        """Refuse options that contradict each other."""
        if self.pool not in (Empty, None) and self.poolclass not in (Empty, None):
            msg = "EngineConfig: got both pool and poolclass; pass pool (a ready pool) or poolclass, not both"
            raise ImproperConfigurationError(msg)
        poolclass = self.poolclass
        if isinstance(poolclass, type) and not issubclass(poolclass, QueuePool):
            queue_only = [name for name in _QUEUE_POOL_OPTIONS if getattr(self, name) is not Empty]
            if queue_only:
                msg = (
                    f"EngineConfig: {', '.join(queue_only)} only apply to a QueuePool, got poolclass="
                    f"{poolclass.__name__}; remove them or use poolclass=QueuePool"
                )
                raise ImproperConfigurationError(msg)

    def is_empty(self) -> bool:
        """Return True when no option was set."""
        return not self.as_kwargs()

    def __repr__(self) -> str:
        return options_repr(self)

    def as_kwargs(self) -> dict[str, Any]:
        """Return the options that were set, as keyword arguments for ``create_engine``."""
        return set_options(self)
