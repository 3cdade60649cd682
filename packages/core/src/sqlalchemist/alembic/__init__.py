"""Alembic migrations driven by a sqlalchemist config: commands, env.py support and data dump/load.

Example: ``AlembicCommands(sqlalchemy_config=config).upgrade("head")``. Alembic is imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemist.alembic._render import render_item as render_item
    from sqlalchemist.alembic.commands import AlembicCommandConfig as AlembicCommandConfig
    from sqlalchemist.alembic.commands import AlembicCommands as AlembicCommands

__all__ = ("AlembicCommandConfig", "AlembicCommands", "render_item")

_LAZY = {
    "AlembicCommandConfig": "sqlalchemist.alembic.commands",
    "AlembicCommands": "sqlalchemist.alembic.commands",
    "render_item": "sqlalchemist.alembic._render",
}


def __getattr__(name: str) -> Any:
    """Import alembic only when one of the public names is first used."""
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'sqlalchemist.alembic' has no attribute {name!r}"
        raise AttributeError(msg)
    return getattr(importlib.import_module(module), name)
