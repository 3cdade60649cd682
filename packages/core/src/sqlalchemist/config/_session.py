"""Session configs: the keyword arguments of ``sessionmaker`` / ``async_sessionmaker``, only the ones set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemist.config._empty import Empty, EmptyType, options_repr, set_options

if TYPE_CHECKING:
    from sqlalchemy.orm import Query, Session

__all__ = ("AsyncSessionConfig", "SyncSessionConfig")

JoinTransactionMode = Literal["conservative_savepoint", "rollback_only", "control_fully", "create_savepoint"]


@dataclass(kw_only=True, repr=False)
class _SessionConfig:
    """Options shared by the sync and async session makers."""

    autobegin: bool | EmptyType = Empty
    autoflush: bool | EmptyType = Empty
    bind: Any | EmptyType = Empty
    binds: dict[Any, Any] | EmptyType = Empty
    class_: type[Any] | EmptyType = Empty
    expire_on_commit: bool | EmptyType = Empty
    info: dict[str, Any] | EmptyType = Empty
    join_transaction_mode: JoinTransactionMode | EmptyType = Empty
    twophase: bool | EmptyType = Empty

    def __repr__(self) -> str:
        return options_repr(self)

    def as_kwargs(self) -> dict[str, Any]:
        """Return the options that were set, as keyword arguments for the session maker."""
        return set_options(self)


@dataclass(kw_only=True, repr=False)
class AsyncSessionConfig(_SessionConfig):
    """Options for ``async_sessionmaker``; example: ``AsyncSessionConfig(expire_on_commit=False)``."""

    sync_session_class: type[Session] | EmptyType = Empty


@dataclass(kw_only=True, repr=False)
class SyncSessionConfig(_SessionConfig):
    """Options for ``sessionmaker``; example: ``SyncSessionConfig(expire_on_commit=False)``."""

    query_cls: type[Query[Any]] | EmptyType = Empty
