"""sqlalchemist-storage: file object storage columns for sqlalchemist."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ("__version__",)
