"""sqlalchemist: SQLAlchemy 2.x made ready for real applications."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemist import repository as repository
    from sqlalchemist import service as service

__version__ = "0.1.0"

__all__ = ("__version__", "repository", "service")

_LAZY_MODULES = frozenset({"repository", "service"})


def __getattr__(name: str) -> Any:
    """Import the public submodules on first access so ``import sqlalchemist`` stays light."""
    if name in _LAZY_MODULES:
        return importlib.import_module(f"sqlalchemist.{name}")
    msg = f"module 'sqlalchemist' has no attribute {name!r}"
    raise AttributeError(msg)
