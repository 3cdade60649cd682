"""Keyset (cursor) pagination: stable pages whose cost does not grow with the page number.

Rows are ordered on the given keys with the primary key as tie-breaker; NULLs sort after every non-NULL value
of their column in both directions. Cursors are opaque, URL-safe and verified: a tampered or foreign cursor is a
FilterError before any SQL runs (pass ``secret`` to make them unforgeable).

Example::

    page = await paginate_async(session, select(Author), CursorPagination(20, order_by=[("name", "asc")]))
    after = await paginate_async(session, select(Author), CursorPagination(20, order_by=[("name", "asc")],
                                                                          cursor=page.next_cursor))
"""

from __future__ import annotations

from sqlalchemist.pagination._cursor import CURSOR_VERSION, Direction
from sqlalchemist.pagination._fetch import paginate, paginate_async
from sqlalchemist.pagination._keys import OrderItem, SortOrder
from sqlalchemist.pagination._keyset import CursorPagination, KeysetPlan
from sqlalchemist.pagination._page import CursorPage

__all__ = (
    "CURSOR_VERSION",
    "CursorPage",
    "CursorPagination",
    "Direction",
    "KeysetPlan",
    "OrderItem",
    "SortOrder",
    "paginate",
    "paginate_async",
)
