"""sqlalchemist-litestar: the Litestar adapter for sqlalchemist."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ("__version__",)
