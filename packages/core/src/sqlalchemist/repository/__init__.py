"""Placeholder for the repository layer; filled by its issue."""

from __future__ import annotations

__all__: tuple[str, ...] = ()
