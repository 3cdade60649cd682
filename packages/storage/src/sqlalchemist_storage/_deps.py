"""Lazy imports of optional dependencies, failing with the install command."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from sqlalchemist.exceptions import MissingDependencyError

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ("require",)


def require(module: str, *, extra: str) -> ModuleType:
    """Import ``module``; MissingDependencyError with ``pip install "sqlalchemist-storage[extra]"`` if absent."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            extra, install=f'pip install "sqlalchemist-storage[{extra}]"', feature=f"{extra} storage backends"
        ) from exc
