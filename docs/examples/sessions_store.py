"""A framework-free session store: sessions as rows of your own table, with expiry and cleanup.

(The module keeps its historical name ``sessions_version``; it now shows the store.)
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.ext.asyncio import create_async_engine

from sqlalchemist_sessions import AsyncSessionStore, SessionModelMixin


class CartSession(SessionModelMixin):
    __tablename__ = "cart_sessions"


EXPECTED = ({"cart": [1, 2]}, None, 1)


async def main() -> tuple[Any, bytes | None, int]:
    """Store two sessions, read one back, let the other expire and clean it up."""
    engine = create_async_engine("sqlite+aiosqlite:///sessions.sqlite3")
    async with engine.begin() as conn:
        await conn.run_sync(CartSession.__table__.create, checkfirst=True)
    store = AsyncSessionStore(engine, CartSession)

    await store.set("visitor-1", json.dumps({"cart": [1, 2]}), expires_in=3600)  # one upsert statement
    await store.set("visitor-2", b"{}", expires_in=0)  # expires at once

    cart = await store.get("visitor-1", renew_for=3600)  # reading can also push the expiry forward
    expired = await store.get("visitor-2")  # expired sessions are never returned
    removed = await store.delete_expired()  # how many rows were deleted
    await engine.dispose()
    return json.loads(cart or b"null"), expired, removed


if __name__ == "__main__":
    import asyncio

    print(asyncio.run(main()))
