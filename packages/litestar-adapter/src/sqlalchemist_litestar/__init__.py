"""sqlalchemist-litestar: the Litestar adapter for sqlalchemist.

Example::

    config = SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite:///app.sqlite", before_send_handler="autocommit")
    app = Litestar(route_handlers=[...], plugins=[SQLAlchemyPlugin(config=config)])
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sqlalchemist.config import (
    AlembicAsyncConfig,
    AlembicSyncConfig,
    AsyncSessionConfig,
    EngineConfig,
    SyncSessionConfig,
)
from sqlalchemist_litestar._config import SQLAlchemyAsyncConfig, SQLAlchemySyncConfig
from sqlalchemist_litestar._dto import SQLAlchemyDTO, SQLAlchemyDTOConfig
from sqlalchemist_litestar._exception_handler import sqlalchemist_exception_handler
from sqlalchemist_litestar._plugin import SQLAlchemyInitPlugin, SQLAlchemyPlugin, SQLAlchemySerializationPlugin

if TYPE_CHECKING:
    from sqlalchemist_litestar import base as base
    from sqlalchemist_litestar import exceptions as exceptions
    from sqlalchemist_litestar import filters as filters
    from sqlalchemist_litestar import mixins as mixins
    from sqlalchemist_litestar import providers as providers
    from sqlalchemist_litestar import repository as repository
    from sqlalchemist_litestar import service as service
    from sqlalchemist_litestar import types as types

__version__ = "0.1.0"

__all__ = (
    "AlembicAsyncConfig",
    "AlembicSyncConfig",
    "AsyncSessionConfig",
    "EngineConfig",
    "SQLAlchemyAsyncConfig",
    "SQLAlchemyDTO",
    "SQLAlchemyDTOConfig",
    "SQLAlchemyInitPlugin",
    "SQLAlchemyPlugin",
    "SQLAlchemySerializationPlugin",
    "SQLAlchemySyncConfig",
    "SyncSessionConfig",
    "__version__",
    "base",
    "exceptions",
    "filters",
    "mixins",
    "providers",
    "repository",
    "service",
    "sqlalchemist_exception_handler",
    "types",
)

_LAZY_MODULES = frozenset({"base", "exceptions", "filters", "mixins", "providers", "repository", "service", "types"})


def __getattr__(name: str) -> Any:
    """Import the re-exported submodules on first access."""
    if name in _LAZY_MODULES:
        return importlib.import_module(f"sqlalchemist_litestar.{name}")
    msg = f"module 'sqlalchemist_litestar' has no attribute {name!r}"
    raise AttributeError(msg)
