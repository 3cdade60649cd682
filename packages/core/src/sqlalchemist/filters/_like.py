"""LIKE patterns built from user text: wildcards escaped unless asked otherwise, always bound."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, SQLColumnExpression


__all__ = ("ESCAPE_CHAR", "escape_like", "like_condition")

ESCAPE_CHAR = "/"
"""The LIKE escape character used for patterns built from user text."""

Anchor = Literal["contains", "startswith", "endswith", "exact"]


def escape_like(value: str, escape_char: str = ESCAPE_CHAR) -> str:
    """Return ``value`` with ``%``, ``_`` and ``escape_char`` escaped so they match literally."""
    return value.replace(escape_char, escape_char * 2).replace("%", f"{escape_char}%").replace("_", f"{escape_char}_")


def like_condition(
    column: SQLColumnExpression[Any],
    value: str,
    *,
    anchor: Anchor,
    ignore_case: bool,
    escape: bool,
) -> ColumnElement[bool]:
    """Build ``column LIKE pattern`` (ILIKE when ``ignore_case``) with the pattern as one bound parameter."""
    text = escape_like(value) if escape else value
    pattern = {
        "contains": f"%{text}%",
        "startswith": f"{text}%",
        "endswith": f"%{text}",
        "exact": text,
    }[anchor]
    escape_char = ESCAPE_CHAR if escape else None
    if ignore_case:
        return column.ilike(pattern, escape=escape_char)
    return column.like(pattern, escape=escape_char)
