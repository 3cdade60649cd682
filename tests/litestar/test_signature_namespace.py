"""Handlers annotate ``db_session: AsyncSession`` under postponed annotations without importing it at run time."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from litestar import Litestar, get
from litestar.testing import AsyncTestClient
from sqlalchemy import text

from sqlalchemist_litestar import SQLAlchemyAsyncConfig, SQLAlchemyPlugin
from tests.conftest import Backend

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession


@get("/my-endpoint")
async def my_controller(db_session: AsyncSession, db_engine: AsyncEngine) -> str:
    value = (await db_session.execute(text("SELECT 1"))).scalar_one()
    return f"Hello, World! {value} from {db_engine.dialect.name}"


async def test_session_and_engine_names_resolve_from_the_plugin(async_backend: Backend, tmp_path: Path) -> None:
    config = SQLAlchemyAsyncConfig(connection_string=async_backend.url(tmp_path), before_send_handler="autocommit")
    app = Litestar(route_handlers=[my_controller], plugins=[SQLAlchemyPlugin(config=config)])
    async with AsyncTestClient(app) as client:
        response = await client.get("/my-endpoint")
    assert response.status_code == 200
    assert response.text.startswith("Hello, World! 1 from ")
