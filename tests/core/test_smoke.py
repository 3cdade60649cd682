from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine

import sqlalchemist


async def test_async_backend_answers(async_engine: AsyncEngine) -> None:
    async with async_engine.connect() as conn:
        assert (await conn.execute(text("SELECT 1"))).scalar_one() == 1


def test_sync_backend_answers(sync_engine: Engine) -> None:
    with sync_engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar_one() == 1


def test_version() -> None:
    assert sqlalchemist.__version__ == "0.1.0"
