"""Sync twins of the async implementation modules, derived from their source at import time.

The benchmark's Core and repository code is written once, async. For the sync drivers (pysqlite, psycopg) the same
source is rewritten line for line (``async def`` → ``def``, ``await`` dropped, async classes → their sync
counterparts) and executed as a module of its own, so the two sides can never drift apart. Line numbers are kept,
so tracebacks point at the async source.
"""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

_COMMON = (
    ("from sqlalchemy.ext.asyncio import AsyncEngine", "from sqlalchemy import Engine"),
    (
        "from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker",
        "from sqlalchemy.orm import Session, sessionmaker",
    ),
    ("async_sessionmaker[AsyncSession]", "sessionmaker[Session]"),
    ("SQLAlchemyAsyncRepositoryService", "SQLAlchemySyncRepositoryService"),
    ("SQLAlchemyAsyncRepository", "SQLAlchemySyncRepository"),
    ("AsyncEngine", "Engine"),
    ("AsyncSession", "Session"),
    ("async def ", "def "),
    ("async with ", "with "),
    ("await ", ""),
)


def sync_twin(module_name: str) -> types.ModuleType:
    """Import ``<module_name>_sync``: the sync rewrite of the async module ``module_name`` (cached in sys.modules)."""
    twin_name = f"{module_name}_sync"
    if twin_name in sys.modules:
        return sys.modules[twin_name]
    source_module = importlib.import_module(module_name)
    path = Path(source_module.__file__ or "")
    source = path.read_text()
    for old, new in _COMMON:
        source = source.replace(old, new)
    twin = types.ModuleType(twin_name, source_module.__doc__)
    twin.__file__ = str(path)
    sys.modules[twin_name] = twin
    try:
        exec(compile(source, f"{path} (sync twin)", "exec"), twin.__dict__)
    except BaseException:
        del sys.modules[twin_name]
        raise
    return twin
