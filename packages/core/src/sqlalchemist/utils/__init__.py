"""Small helpers shared by sqlalchemist and its users (text, fixtures)."""

from __future__ import annotations

__all__: tuple[str, ...] = ()
