"""Offset pagination result: one page of items with the limit, offset and total that produced it."""

from __future__ import annotations

from collections.abc import Sequence  # noqa: TC003 (runtime: frameworks resolve the dataclass field types)
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ("OffsetPagination",)

T = TypeVar("T")


@dataclass
class OffsetPagination(Generic[T]):
    """A page of ``items`` taken at ``offset`` with at most ``limit`` items, out of ``total`` in all."""

    items: Sequence[T]
    limit: int
    offset: int
    total: int
