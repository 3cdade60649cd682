"""The result of one keyset page."""

from __future__ import annotations

from collections.abc import Sequence  # noqa: TC003 (runtime: frameworks resolve the dataclass field types)
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ("CursorPage",)

T = TypeVar("T")


@dataclass
class CursorPage(Generic[T]):
    """One page of ``items`` with the cursors that fetch the pages after and before it.

    ``next_cursor`` / ``prev_cursor`` are None when ``has_next`` / ``has_prev`` is False; ``total`` is set only
    when it was asked for.
    """

    items: Sequence[T]
    next_cursor: str | None
    prev_cursor: str | None
    has_next: bool
    has_prev: bool
    total: int | None = None
