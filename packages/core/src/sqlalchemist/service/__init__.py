"""Placeholder for the service layer; filled by its issue."""

from __future__ import annotations

__all__: tuple[str, ...] = ()
